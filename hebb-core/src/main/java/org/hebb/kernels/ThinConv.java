package org.hebb.kernels;

import java.util.Arrays;

/**
 * Direct convolution for inputs with few channels (the first layer of a CNN: 1 channel for
 * Fashion-MNIST, 3 for colour images), NHWC, forward and kernel gradient, with no column matrix.
 *
 * <p>With C = 1 and a 3x3 kernel, a row of the im2col matrix is 9 floats gathered from three
 * runs of 3: building it costs more than the GEMM that reads it (a 9-deep product writes each
 * output after only 9 multiply-adds). Here each output position instead reads its taps straight
 * from the image (a table of tap offsets, {@code [KH, KW, C]} order as the kernel), the output
 * channels held in vector accumulators that start from the bias and pass through the ReLU before
 * the single store. The kernel gradient goes tap by tap over an output row, the gradient row in
 * L1. Padding is handled by copying each image into a zero-bordered per-thread buffer, so every
 * window lies inside it; stride and dilation are the step and the tap table.
 *
 * <p>It also computes convolutions of as many input channels as filters (16, 32 or 64) at stride
 * 1 ({@link #appliesWide}), through the register-blocked runs of {@link ThinConvWide}.
 *
 * <p>Both functions work on images {@code [n0, n1)} on the calling thread; the caller splits a
 * batch into fixed blocks (see {@code ops.Conv2d}).
 */
public final class ThinConv {
    private static final ThinConvOps OPS = Simd.load("org.hebb.kernels.ThinConvVector", ThinConvOps.class,
            ThinConvOps.PLAIN);
    /** Largest window ({@code KH*KW*C}) computed directly. */
    public static final int MAX_TAPS = 32;
    /** Widest run of a window row ({@code KW*C}) computed directly; above it im2col copies long runs well. */
    static final int MAX_RUN = 15;
    private static final ThreadLocal<float[][]> PADDED = ThreadLocal.withInitial(() -> new float[1][0]);
    private static final ThreadLocal<float[][]> MASKED = ThreadLocal.withInitial(() -> new float[1][0]);

    private ThinConv() {}

    /** "vector" or "plain". */
    public static String implementation() {
        return OPS == ThinConvOps.PLAIN ? "plain" : "vector";
    }

    /** True when a convolution of this geometry is computed here: a window of at most {@link #MAX_TAPS} taps, in short runs. */
    public static boolean applies(ConvGeometry g) {
        return g.colCols() <= MAX_TAPS && g.kernelW() * g.channels() <= MAX_RUN;
    }

    /**
     * True when {@link #forward} and {@link #kernelGradient} also compute a convolution wider than
     * {@link #applies} allows: 16, 32 or 64 input channels into as many filters, stride 1 across
     * (the three stages of a CIFAR-style ResNet; their input gradients are such convolutions
     * too), with vector kernels of 16 lanes ({@link ThinConvWide}). Every tap then costs a load
     * per vector of filters and a broadcast multiply-add per position and vector, with no column
     * matrix to write and read again (with 16 filters, each column value meets just one
     * multiply-add, so im2col costs as much as the product). The kernel gradient keeps sixteen
     * vectors of dk in registers over all of an image's positions.
     */
    public static boolean appliesWide(ConvGeometry g, int f) {
        return g.channels() == f && g.strideW() == 1 && OPS.registerBlockedRuns(f);
    }

    /**
     * Output rows of images {@code [n0, n1)}: {@code out[n, oy, ox, :] = bias + sum over taps of
     * x * kernel}, then {@code max(., 0)} when {@code relu}.
     *
     * @param x the input {@code [N, H, W, C]} of geometry {@code g}
     * @param kernel {@code [KH, KW, C, f]}
     * @param bias {@code [f]}, or null for none
     * @param out the whole output {@code [N, OH, OW, f]}; only the rows of images {@code [n0, n1)} are written
     */
    public static void forward(float[] x, ConvGeometry g, float[] kernel, int f, float[] bias, float[] out,
                               int n0, int n1, boolean relu) {
        float[] b = bias != null ? bias : new float[f];
        Source src = new Source(g);
        int[] taps = src.tapOffsets(g);
        int oh = g.outH();
        int ow = g.outW();
        boolean threeWide = g.kernelW() == 3 && g.dilationW() == 1;
        for (int n = n0; n < n1; n++) {
            float[] img = src.image(x, n);
            int base = src.base(n);
            for (int oy = 0; oy < oh; oy++) {
                OPS.forwardRun(img, base + oy * g.strideH() * src.rowLen, g.strideW() * g.channels(), taps, kernel,
                        f, b, out, (n * oh + oy) * ow * f, ow, relu, threeWide);
            }
        }
    }

    /**
     * Adds the kernel gradient of images {@code [n0, n1)} into {@code dk}:
     * {@code dk[t, j] += sum over their output positions of x[tap t of the window] * gOut[position, j]}.
     *
     * @param gOut the gradient of the whole output {@code [N, OH, OW, f]}
     * @param dk {@code [KH, KW, C, f]}, added into
     */
    public static void kernelGradient(float[] x, ConvGeometry g, float[] gOut, int f, float[] dk, int n0, int n1) {
        Source src = new Source(g);
        int[] taps = src.tapOffsets(g);
        int perImage = g.outH() * g.outW() * f;
        for (int n = n0; n < n1; n++) {
            imageKernelGradient(src, taps, x, n, gOut, n * perImage, f, dk);
        }
    }

    /** Adds image n's kernel gradient into dk, the image's output gradient starting at {@code grad[gOff]}. */
    private static void imageKernelGradient(Source src, int[] taps, float[] x, int n, float[] grad, int gOff, int f,
                                            float[] dk) {
        ConvGeometry g = src.g;
        int ow = g.outW();
        float[] img = src.image(x, n);
        int base = src.base(n);
        OPS.kernelGradRows(img, base, g.strideW() * g.channels(), g.strideH() * src.rowLen, g.outH(), taps, grad, gOff,
                f, dk, ow);
    }

    /**
     * The kernel and bias gradients of a convolution fused with a ReLU, for images
     * {@code [n0, n1)}, without a masked copy of the whole output gradient: image by image, the
     * ReLU's mask ({@code gOut} where the output {@code y > 0}, else 0) goes into a per-thread
     * buffer that stays in cache, its column sums are added into {@code dBias}
     * ({@link Reductions#columnSums}) and its kernel gradient into {@code dk}, as
     * {@link #kernelGradient}.
     *
     * @param y the convolution's output after the ReLU, {@code [N, OH, OW, f]}
     * @param dBias {@code [f]}, added into; null when not wanted
     */
    public static void reluGradients(float[] x, ConvGeometry g, float[] gOut, float[] y, int f, float[] dk,
                                     double[] dBias, int n0, int n1) {
        Source src = new Source(g);
        int[] taps = src.tapOffsets(g);
        int positions = g.outH() * g.outW();
        int perImage = positions * f;
        float[][] h = MASKED.get();
        if (h[0].length < perImage) {
            h[0] = new float[perImage];
        }
        float[] gm = h[0];
        for (int n = n0; n < n1; n++) {
            Streams.maskPositive(gOut, y, n * perImage, gm, 0, perImage);
            if (dBias != null) {
                Reductions.columnSums(gm, null, 0, positions, f, dBias, null);
            }
            imageKernelGradient(src, taps, x, n, gm, 0, f, dk);
        }
    }

    /**
     * Where a thread reads image n from: x itself when there is no padding, otherwise a copy
     * with a zero border in a per-thread buffer.
     */
    private static final class Source {
        final boolean padded;
        final int rowLen;
        final int imageLen;
        final ConvGeometry g;
        final float[] buffer;

        Source(ConvGeometry g) {
            this.g = g;
            this.padded = g.padTop() + g.padBottom() + g.padLeft() + g.padRight() > 0;
            this.rowLen = (g.width() + g.padLeft() + g.padRight()) * g.channels();
            this.imageLen = (g.height() + g.padTop() + g.padBottom()) * rowLen;
            if (padded) {
                float[][] h = PADDED.get();
                if (h[0].length < imageLen) {
                    h[0] = new float[imageLen];
                }
                buffer = h[0];
            } else {
                buffer = null;
            }
        }

        /** Offsets of the taps from a window's first float, in the kernel's {@code [KH, KW, C]} order. */
        int[] tapOffsets(ConvGeometry g) {
            int c = g.channels();
            int[] off = new int[g.colCols()];
            int t = 0;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    for (int q = 0; q < c; q++) {
                        off[t++] = i * g.dilationH() * rowLen + j * g.dilationW() * c + q;
                    }
                }
            }
            return off;
        }

        /** The array holding image n (copied into the padded buffer when padded). */
        float[] image(float[] x, int n) {
            if (!padded) {
                return x;
            }
            int c = g.channels();
            int srcRow = g.width() * c;
            int left = g.padLeft() * c;
            int top = g.padTop() * rowLen;
            int bottom = top + g.height() * rowLen;
            // Zero only the border (the buffer may hold another layer's image): the copies below
            // write all of the interior.
            Arrays.fill(buffer, 0, top, 0f);
            Arrays.fill(buffer, bottom, imageLen, 0f);
            int src = n * g.height() * srcRow;
            for (int ih = 0; ih < g.height(); ih++) {
                int row = top + ih * rowLen;
                Arrays.fill(buffer, row, row + left, 0f);
                System.arraycopy(x, src + ih * srcRow, buffer, row + left, srcRow);
                Arrays.fill(buffer, row + left + srcRow, row + rowLen, 0f);
            }
            return buffer;
        }

        /** Index of image n's first float in the array {@link #image} returns. */
        int base(int n) {
            return padded ? 0 : n * imageLen;
        }
    }
}
