package org.hebb.kernels;

/**
 * Per-pixel loops over batches of images stored NHWC in {@code float[]}: affine warps with
 * bilinear sampling, flips, rectangle fills, and unsigned-byte conversion. The augmentations
 * of {@code org.hebb.data.augment} draw their random parameters and call these.
 *
 * <p>Coordinates are pixel indices: pixel {@code (x, y)} is column x, row y, and the image
 * centre is {@code ((w - 1) / 2, (h - 1) / 2)} (the convention of Keras' image layers).
 *
 * <p>Images are independent, so a batch is cut into fixed groups of images spread over
 * {@link Parallel}; every output value is computed the same way whoever runs its group.
 */
public final class ImageTransforms {
    /** Pixel values per parallel chunk (whole images are grouped up to about this many). */
    static final int CHUNK_VALUES = 1 << 15;

    /**
     * Source coordinates closer than this to a whole pixel are taken as that pixel, so exact
     * translations and quarter turns copy values exactly despite rounding in {@code cos}/{@code sin}.
     */
    static final double SNAP = 1e-6;

    private ImageTransforms() {}

    /**
     * Affine warp with bilinear sampling: for each image {@code i} and output pixel
     * {@code (x, y)}, the source point is
     * {@code xs = m[6i] x + m[6i+1] y + m[6i+2]}, {@code ys = m[6i+3] x + m[6i+4] y + m[6i+5]}
     * (the inverse map, output to input), and every channel of the output is the bilinear
     * interpolation of the four source pixels around {@code (xs, ys)}, with {@code fill} standing
     * in for pixels outside the image.
     *
     * @param src    {@code [n, h, w, c]} input images
     * @param dst    {@code [n, h, w, c]} output, distinct from {@code src}
     * @param matrix {@code 6 n} coefficients, one inverse map per image
     */
    public static void affine(float[] src, float[] dst, int n, int h, int w, int c, double[] matrix, float fill) {
        checkBatch("affine", src, dst, n, h, w, c);
        if (src == dst) {
            throw new IllegalArgumentException("affine: output must not be the input array");
        }
        if (matrix.length != 6 * n) {
            throw new IllegalArgumentException("affine: expected " + 6 * n + " matrix coefficients for " + n
                    + " images, got " + matrix.length);
        }
        int imageSize = h * w * c;
        forImages(n, imageSize, (from, to) -> {
            for (int i = from; i < to; i++) {
                warpImage(src, dst, i * imageSize, h, w, c, matrix, 6 * i, fill);
            }
        });
    }

    private static void warpImage(float[] src, float[] dst, int base, int h, int w, int c, double[] m, int mo,
            float fill) {
        double a = m[mo], b = m[mo + 1], tx = m[mo + 2], d = m[mo + 3], e = m[mo + 4], ty = m[mo + 5];
        int out = base;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double xs = snap(a * x + b * y + tx);
                double ys = snap(d * x + e * y + ty);
                double fx0 = Math.floor(xs);
                double fy0 = Math.floor(ys);
                if (fx0 < -1 || fx0 >= w || fy0 < -1 || fy0 >= h) {
                    for (int ch = 0; ch < c; ch++) {
                        dst[out++] = fill;
                    }
                    continue;
                }
                int x0 = (int) fx0;
                int y0 = (int) fy0;
                float fx = (float) (xs - fx0);
                float fy = (float) (ys - fy0);
                boolean x0in = x0 >= 0, x1in = x0 + 1 < w, y0in = y0 >= 0, y1in = y0 + 1 < h;
                int p00 = base + (y0 * w + x0) * c;
                int p01 = p00 + c;
                int p10 = p00 + w * c;
                int p11 = p10 + c;
                for (int ch = 0; ch < c; ch++) {
                    float v00 = y0in && x0in ? src[p00 + ch] : fill;
                    float v01 = y0in && x1in ? src[p01 + ch] : fill;
                    float v10 = y1in && x0in ? src[p10 + ch] : fill;
                    float v11 = y1in && x1in ? src[p11 + ch] : fill;
                    float top = fx == 0f ? v00 : (1f - fx) * v00 + fx * v01;
                    float bottom = fx == 0f ? v10 : (1f - fx) * v10 + fx * v11;
                    dst[out++] = fy == 0f ? top : (1f - fy) * top + fy * bottom;
                }
            }
        }
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < SNAP ? r : v;
    }

    /**
     * Copies each image, mirrored left-right where {@code horizontal[i]} and top-bottom where
     * {@code vertical[i]} (either array may be {@code null}: no flips on that axis).
     *
     * @param src {@code [n, h, w, c]} input images
     * @param dst {@code [n, h, w, c]} output, distinct from {@code src}
     */
    public static void flip(float[] src, float[] dst, int n, int h, int w, int c, boolean[] horizontal,
            boolean[] vertical) {
        checkBatch("flip", src, dst, n, h, w, c);
        if (src == dst) {
            throw new IllegalArgumentException("flip: output must not be the input array");
        }
        if ((horizontal != null && horizontal.length != n) || (vertical != null && vertical.length != n)) {
            throw new IllegalArgumentException("flip: expected one flag per image (" + n + ")");
        }
        int imageSize = h * w * c;
        forImages(n, imageSize, (from, to) -> {
            for (int i = from; i < to; i++) {
                boolean fh = horizontal != null && horizontal[i];
                boolean fv = vertical != null && vertical[i];
                int base = i * imageSize;
                for (int y = 0; y < h; y++) {
                    int sy = fv ? h - 1 - y : y;
                    int outRow = base + y * w * c;
                    int inRow = base + sy * w * c;
                    if (!fh) {
                        System.arraycopy(src, inRow, dst, outRow, w * c);
                        continue;
                    }
                    for (int x = 0; x < w; x++) {
                        System.arraycopy(src, inRow + (w - 1 - x) * c, dst, outRow + x * c, c);
                    }
                }
            }
        });
    }

    /**
     * Overwrites the rectangle of rows {@code [top, top + height)} and columns
     * {@code [left, left + width)} of image {@code image} in {@code data}: with
     * {@code values[(r * width + col) * c + ch]} when {@code values} is given, else with {@code fill}.
     */
    public static void fillRect(float[] data, int image, int h, int w, int c, int top, int left, int height,
            int width, float[] values, float fill) {
        if (top < 0 || left < 0 || height < 0 || width < 0 || top + height > h || left + width > w) {
            throw new IllegalArgumentException("fillRect: rectangle at (" + top + ", " + left + ") of " + height
                    + "x" + width + " does not fit in an image of " + h + "x" + w);
        }
        if (values != null && values.length != height * width * c) {
            throw new IllegalArgumentException("fillRect: expected " + height * width * c + " values, got "
                    + values.length);
        }
        int base = image * h * w * c;
        for (int r = 0; r < height; r++) {
            int row = base + ((top + r) * w + left) * c;
            if (values != null) {
                System.arraycopy(values, r * width * c, data, row, width * c);
            } else {
                java.util.Arrays.fill(data, row, row + width * c, fill);
            }
        }
    }

    /** {@code dst[i] = (src[i] & 0xFF) / divisor}: unsigned bytes (pixels 0..255) to floats. */
    public static void unsignedBytes(byte[] src, float[] dst, float divisor) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException("unsignedBytes: " + src.length + " bytes but " + dst.length
                    + " outputs");
        }
        Parallel.forRange(src.length, CHUNK_VALUES, (s, e) -> {
            for (int i = s; i < e; i++) {
                dst[i] = (src[i] & 0xFF) / divisor;
            }
        });
    }

    private static void forImages(int n, int imageSize, Parallel.RangeBody body) {
        int perChunk = Math.max(1, CHUNK_VALUES / Math.max(1, imageSize));
        Parallel.forRange(n, perChunk, body);
    }

    private static void checkBatch(String op, float[] src, float[] dst, int n, int h, int w, int c) {
        if (n < 0 || h < 1 || w < 1 || c < 1) {
            throw new IllegalArgumentException(op + ": bad batch geometry n=" + n + ", h=" + h + ", w=" + w + ", c=" + c);
        }
        long size = (long) n * h * w * c;
        if (src.length != size || dst.length != size) {
            throw new IllegalArgumentException(op + ": [" + n + ", " + h + ", " + w + ", " + c + "] needs " + size
                    + " values, got input " + src.length + " and output " + dst.length);
        }
    }
}
