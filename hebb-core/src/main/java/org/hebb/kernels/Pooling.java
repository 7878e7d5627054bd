package org.hebb.kernels;

import java.util.Arrays;

/**
 * Pooling kernels over NHWC images {@code x [N, H, W, C]}, windows described by a
 * {@link ConvGeometry} (its channels are the pooled channels; dilation 1 in practice), outputs
 * {@code [N, OH, OW, C]}.
 *
 * <ul>
 *   <li>Max pooling: {@code out = max} over the window's in-image elements (padding counts as
 *       {@code -inf}, so it never wins); the flat index into {@code x} of the chosen element is
 *       recorded for the backward pass. Ties go to the first element in scan order (rows, then
 *       columns); a NaN in the window wins, so NaN propagates.</li>
 *   <li>Average pooling: {@code out = sum / count} over the window's in-image elements only
 *       (Keras / TensorFlow semantics for SAME: padded positions are not counted).</li>
 *   <li>Global average pooling: {@code [N, H, W, C] -> [N, C]}, the mean over all positions,
 *       summed in double.</li>
 * </ul>
 *
 * <p>Every window must contain at least one in-image element (true for VALID and SAME, and for
 * explicit pads smaller than the window; the ops check this). Forward kernels are parallel over
 * fixed blocks of output rows; backward kernels add into the input gradient over fixed blocks
 * of whole images, each image's additions in a fixed order, so results never depend on the
 * thread count. Backward kernels <em>add</em> into {@code dx}; pass zeros for a plain gradient.
 */
public final class Pooling {
    /** The per-window channel loop: Vector API when available, plain Java otherwise. */
    private static final PoolingOps OPS = Simd.load("org.hebb.kernels.PoolingVector", PoolingOps.class, PoolingOps.PLAIN);
    /** Approximate number of elements a chunk touches: the unit of parallel work. */
    static final int CHUNK_WORK = 1 << 15;

    private Pooling() {}

    /**
     * Max pooling forward: writes {@code out [N, OH, OW, C]} and, unless {@code argmax} is
     * {@code null} (inference, where it is not needed and not computed), for each output element
     * the flat index into {@code x} of the element that was chosen (the first maximum in scan
     * order, or the first NaN) into {@code argmax} (same size as out).
     */
    public static void maxPoolForward(float[] x, ConvGeometry g, float[] out, int[] argmax) {
        checkSizes("max_pool2d", x, g, out.length);
        if (argmax != null && argmax.length < out.length) {
            throw new IllegalArgumentException("max_pool2d: argmax has " + argmax.length + " entries, output has "
                    + out.length);
        }
        int rows = g.batch() * g.outH();
        Parallel.forRange(rows, rowsPerChunk(g), (r0, r1) -> maxRows(x, g, out, argmax, r0, r1));
    }

    /**
     * Max pooling backward: {@code dx[argmax[i]] += gradOut[i]} for every output element i, so
     * each output's gradient goes to the element that was its maximum.
     */
    public static void maxPoolBackward(float[] gradOut, int[] argmax, ConvGeometry g, float[] dx) {
        checkSizes("max_pool2d backward", dx, g, gradOut.length);
        final int perImage = g.outH() * g.outW() * g.channels();
        Parallel.forRange(g.batch(), imagesPerChunk(g), (n0, n1) -> {
            for (int i = n0 * perImage, end = n1 * perImage; i < end; i++) {
                dx[argmax[i]] += gradOut[i];
            }
        });
    }

    /** Average pooling forward: {@code out [N, OH, OW, C]}, each the mean of its window's in-image elements. */
    public static void avgPoolForward(float[] x, ConvGeometry g, float[] out) {
        checkSizes("avg_pool2d", x, g, out.length);
        int rows = g.batch() * g.outH();
        Parallel.forRange(rows, rowsPerChunk(g), (r0, r1) -> avgRows(x, g, out, r0, r1));
    }

    /**
     * Average pooling backward: every in-image element of an output's window receives
     * {@code gradOut / count}, count being that window's number of in-image elements.
     */
    public static void avgPoolBackward(float[] gradOut, ConvGeometry g, float[] dx) {
        checkSizes("avg_pool2d backward", dx, g, gradOut.length);
        Parallel.forRange(g.batch(), imagesPerChunk(g), (n0, n1) -> avgBackImages(gradOut, g, dx, n0, n1));
    }

    /**
     * Global average pooling forward: {@code out[n, c] = mean over (h, w) of x[n, h, w, c]} for
     * {@code x} viewed as {@code [n, positions, c]}; sums in double, in position order.
     */
    public static void globalAvgPoolForward(float[] x, int n, int positions, int c, float[] out) {
        checkGlobal("global_avg_pool2d", x, n, positions, c, out);
        int perChunk = Math.max(1, CHUNK_WORK / Math.max(1, positions * c));
        Parallel.forRange(n, perChunk, (n0, n1) -> {
            double[] acc = new double[c];
            for (int b = n0; b < n1; b++) {
                Arrays.fill(acc, 0.0);
                int base = b * positions * c;
                for (int p = 0; p < positions; p++) {
                    int row = base + p * c;
                    for (int q = 0; q < c; q++) {
                        acc[q] += x[row + q];
                    }
                }
                for (int q = 0; q < c; q++) {
                    out[b * c + q] = (float) (acc[q] / positions);
                }
            }
        });
    }

    /** Global average pooling backward: {@code dx[n, p, c] += gradOut[n, c] / positions}. */
    public static void globalAvgPoolBackward(float[] gradOut, int n, int positions, int c, float[] dx) {
        checkGlobal("global_avg_pool2d backward", dx, n, positions, c, gradOut);
        int perChunk = Math.max(1, CHUNK_WORK / Math.max(1, positions * c));
        Parallel.forRange(n, perChunk, (n0, n1) -> {
            float[] share = new float[c];
            for (int b = n0; b < n1; b++) {
                for (int q = 0; q < c; q++) {
                    share[q] = gradOut[b * c + q] / positions;
                }
                int base = b * positions * c;
                for (int p = 0; p < positions; p++) {
                    int row = base + p * c;
                    for (int q = 0; q < c; q++) {
                        dx[row + q] += share[q];
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ loops

    /**
     * Max pooling of output rows {@code [r0, r1)} (a row is one (n, oh) pair). Each window
     * inside the image takes one pass per channel over its taps (precomputed offsets), keeping
     * the maximum and its index with branch-free selects; windows on a padded border skip the
     * taps outside. Measured on [128, 26, 26, 32], pool 2: 9.5 ms → see docs/benchmarks.md.
     */
    private static void maxRows(float[] x, ConvGeometry g, float[] out, int[] argmax, int r0, int r1) {
        final int h = g.height();
        final int w = g.width();
        final int c = g.channels();
        final int kh = g.kernelH();
        final int kw = g.kernelW();
        final int oh = g.outH();
        final int ow = g.outW();
        final int rowLen = w * c;
        // Offsets of the window's taps from its top-left element, in scan order, and whether each
        // tap is inside the image (only windows on a padded border have taps outside).
        final int taps = kh * kw;
        final int[] tapOff = new int[taps];
        final int[] tapDh = new int[taps];
        final int[] tapDw = new int[taps];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                int t = i * kw + j;
                tapDh[t] = i * g.dilationH();
                tapDw[t] = j * g.dilationW();
                tapOff[t] = tapDh[t] * rowLen + tapDw[t] * c;
            }
        }
        for (int r = r0; r < r1; r++) {
            final int n = r / oh;
            final int ih0 = (r % oh) * g.strideH() - g.padTop();
            final int imgBase = n * h * rowLen;
            for (int ox = 0; ox < ow; ox++) {
                final int o = (r * ow + ox) * c;
                final int iw0 = ox * g.strideW() - g.padLeft();
                final int corner = imgBase + ih0 * rowLen + iw0 * c;
                if (ih0 >= 0 && iw0 >= 0 && ih0 + tapDh[taps - 1] < h && iw0 + tapDw[taps - 1] < w) {
                    OPS.maxWindow(x, corner, tapOff, taps, out, argmax, o, c);
                } else {
                    maxWindowClipped(x, corner, tapOff, tapDh, tapDw, ih0, iw0, h, w, out, argmax, o, c);
                }
            }
        }
    }

    /** A window on a padded border: taps outside the image are skipped (SAME pads with -inf). */
    private static void maxWindowClipped(float[] x, int corner, int[] tapOff, int[] tapDh, int[] tapDw, int ih0,
                                         int iw0, int h, int w, float[] out, int[] argmax, int o, int c) {
        boolean first = true;
        for (int t = 0; t < tapOff.length; t++) {
            int ih = ih0 + tapDh[t];
            int iw = iw0 + tapDw[t];
            if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                continue;
            }
            final int b = corner + tapOff[t];
            for (int q = 0; q < c; q++) {
                final float v = x[b + q];
                final float m = out[o + q];
                if (first || v > m || (v != v && m == m)) {
                    out[o + q] = v;
                    if (argmax != null) {
                        argmax[o + q] = b + q;
                    }
                }
            }
            first = false;
        }
    }

    /** Average pooling of output rows {@code [r0, r1)}. */
    private static void avgRows(float[] x, ConvGeometry g, float[] out, int r0, int r1) {
        final int h = g.height();
        final int w = g.width();
        final int c = g.channels();
        final int kh = g.kernelH();
        final int kw = g.kernelW();
        final int dh = g.dilationH();
        final int dw = g.dilationW();
        final int oh = g.outH();
        final int ow = g.outW();
        final int rowLen = w * c;
        for (int r = r0; r < r1; r++) {
            final int n = r / oh;
            final int ih0 = (r % oh) * g.strideH() - g.padTop();
            final int imgBase = n * h * rowLen;
            for (int ox = 0; ox < ow; ox++) {
                final int o = (r * ow + ox) * c;
                final int iw0 = ox * g.strideW() - g.padLeft();
                for (int q = 0; q < c; q++) {
                    out[o + q] = 0f;
                }
                int count = 0;
                for (int i = 0; i < kh; i++) {
                    final int ih = ih0 + i * dh;
                    if (ih < 0 || ih >= h) {
                        continue;
                    }
                    for (int j = 0; j < kw; j++) {
                        final int iw = iw0 + j * dw;
                        if (iw < 0 || iw >= w) {
                            continue;
                        }
                        final int base = imgBase + ih * rowLen + iw * c;
                        for (int q = 0; q < c; q++) {
                            out[o + q] += x[base + q];
                        }
                        count++;
                    }
                }
                final float cnt = count;
                for (int q = 0; q < c; q++) {
                    out[o + q] /= cnt;
                }
            }
        }
    }

    /** Average pooling backward for images {@code [n0, n1)}. */
    private static void avgBackImages(float[] gradOut, ConvGeometry g, float[] dx, int n0, int n1) {
        final int h = g.height();
        final int w = g.width();
        final int c = g.channels();
        final int kh = g.kernelH();
        final int kw = g.kernelW();
        final int dh = g.dilationH();
        final int dw = g.dilationW();
        final int oh = g.outH();
        final int ow = g.outW();
        final int rowLen = w * c;
        final float[] share = new float[c];
        for (int n = n0; n < n1; n++) {
            final int imgBase = n * h * rowLen;
            for (int oy = 0; oy < oh; oy++) {
                final int ih0 = oy * g.strideH() - g.padTop();
                final int rows = validTaps(ih0, kh, dh, h);
                for (int ox = 0; ox < ow; ox++) {
                    final int o = ((n * oh + oy) * ow + ox) * c;
                    final int iw0 = ox * g.strideW() - g.padLeft();
                    final float cnt = rows * validTaps(iw0, kw, dw, w);
                    for (int q = 0; q < c; q++) {
                        share[q] = gradOut[o + q] / cnt;
                    }
                    for (int i = 0; i < kh; i++) {
                        final int ih = ih0 + i * dh;
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        for (int j = 0; j < kw; j++) {
                            final int iw = iw0 + j * dw;
                            if (iw < 0 || iw >= w) {
                                continue;
                            }
                            final int base = imgBase + ih * rowLen + iw * c;
                            for (int q = 0; q < c; q++) {
                                dx[base + q] += share[q];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Number of taps {@code start + t*step, t < k} that fall inside {@code [0, size)}. */
    private static int validTaps(int start, int k, int step, int size) {
        int count = 0;
        for (int t = 0; t < k; t++) {
            int p = start + t * step;
            if (p >= 0 && p < size) {
                count++;
            }
        }
        return count;
    }

    private static int rowsPerChunk(ConvGeometry g) {
        long perRow = (long) g.outW() * g.channels() * g.kernelH() * g.kernelW();
        return (int) Math.max(1, CHUNK_WORK / Math.max(1, perRow));
    }

    private static int imagesPerChunk(ConvGeometry g) {
        long perImage = (long) g.outH() * g.outW() * g.channels() * g.kernelH() * g.kernelW();
        return (int) Math.max(1, CHUNK_WORK / Math.max(1, perImage));
    }

    private static void checkSizes(String op, float[] input, ConvGeometry g, int outLength) {
        long in = (long) g.batch() * g.height() * g.width() * g.channels();
        long out = (long) g.colRows() * g.channels();
        if (input.length < in || outLength < out) {
            throw new IllegalArgumentException(op + ": arrays of " + input.length + " and " + outLength
                    + " values do not fit " + g + " (needs " + in + " and " + out + ")");
        }
    }

    private static void checkGlobal(String op, float[] big, int n, int positions, int c, float[] small) {
        if (big.length < (long) n * positions * c || small.length < (long) n * c) {
            throw new IllegalArgumentException(op + ": arrays of " + big.length + " and " + small.length
                    + " values do not fit [" + n + ", " + positions + ", " + c + "]");
        }
    }
}
