package org.hebb.ops;

import java.util.Arrays;
import org.hebb.kernels.ConvGeometry;
import org.hebb.kernels.Gemm;
import org.hebb.kernels.Im2col;
import org.hebb.kernels.Padding;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Streams;
import org.hebb.kernels.Transpose;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning framework) over NHWC images.
 *
 * <p>Shapes: input {@code x [N, H, W, C]}, kernel {@code [KH, KW, C, F]}, optional bias
 * {@code [F]}, output {@code [N, OH, OW, F]} with OH, OW given by {@link ConvGeometry}
 * (VALID, SAME or explicit zero padding; strides; dilations):
 * <pre>
 *   y[n, oh, ow, f] = b[f] + sum_{kh, kw, c} x[n, oh*sh - padTop + kh*dh, ow*sw - padLeft + kw*dw, c] * k[kh, kw, c, f]
 * </pre>
 *
 * <p>Forward is im2col + one GEMM: {@code col [N*OH*OW, KH*KW*C] x kernel [KH*KW*C, F]}, the
 * output buffer pre-filled with the bias and accumulated into. A 1x1 convolution with stride 1
 * and no padding skips im2col (the input already is the column matrix). Backward, with
 * {@code G = dL/dy} viewed as {@code [N*OH*OW, F]}:
 * <ul>
 *   <li>{@code dKernel = col^T * G}: one GEMM reading col transposed in place (col is kept from forward);</li>
 *   <li>{@code dBias[f] = sum of G[:, f]}, summed in double over fixed row blocks combined in order;</li>
 *   <li>{@code dX = col2im(G * kernel^T)}: per fixed block of images, one GEMM into a small
 *       per-thread column buffer followed by col2im, so the full column gradient is never
 *       materialized; the kernel is transposed once, so each block's GEMM packs its B by
 *       plain row copies.</li>
 * </ul>
 */
public final class Conv2d {
    /** Floats of column gradient per block of images in the input-gradient pass (fits in L2). */
    private static final int DX_BLOCK_FLOATS = 1 << 17;
    /** Each thread's column-gradient buffer, reused from block to block and call to call. */
    private static final ThreadLocal<float[][]> DX_BUFFER = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Floats of output gradient per block of rows in the bias-gradient sum. */
    private static final int BIAS_BLOCK_FLOATS = 1 << 15;
    /** Elements per chunk of the fused ReLU. */
    private static final int RELU_CHUNK = 1 << 15;

    private Conv2d() {}

    /**
     * Convolution with the same stride in both directions and no dilation.
     *
     * @see #forward(Tensor, Tensor, Tensor, int, int, Padding, int, int)
     */
    public static Tensor forward(Tensor x, Tensor kernel, Tensor bias, int stride, Padding padding) {
        return forward(x, kernel, bias, stride, stride, padding, 1, 1);
    }

    /**
     * {@code conv2d(x, kernel) + bias}; see the class comment for the formula and shapes.
     *
     * @param x input {@code [N, H, W, C]}
     * @param kernel {@code [KH, KW, C, F]}
     * @param bias {@code [F]}, or {@code null} for none
     * @throws IllegalArgumentException naming {@code conv2d} and the shapes when x or kernel is
     *     not rank 4, the channels disagree, the bias is not {@code [F]}, a stride or dilation
     *     is below 1, or the (dilated) kernel does not fit in the padded input
     */
    public static Tensor forward(Tensor x, Tensor kernel, Tensor bias, int strideH, int strideW, Padding padding,
                                 int dilationH, int dilationW) {
        return forward(x, kernel, bias, strideH, strideW, padding, dilationH, dilationW, false);
    }

    /**
     * As {@link #forward(Tensor, Tensor, Tensor, int, int, Padding, int, int)}, followed by
     * {@code max(0, y)} when {@code relu}: the ReLU runs in place on the GEMM's output, and its
     * backward (zeroing the gradient where the output is 0) is fused with the bias-gradient sum,
     * saving a pass and a buffer each way. Recorded as {@code "conv2d_relu"}.
     */
    public static Tensor forward(Tensor x, Tensor kernel, Tensor bias, int strideH, int strideW, Padding padding,
                                 int dilationH, int dilationW, boolean relu) {
        int[] ks = kernel.shape();
        ConvGeometry geo = geometry(x.shape(), ks, bias == null ? null : bias.shape(), strideH, strideW, padding,
                dilationH, dilationW);
        final int m = geo.colRows();
        final int k = geo.colCols();
        final int f = ks[3];
        final float[] xd = x.data();
        final float[] kd = kernel.data();
        final boolean pointwise = geo.isPointwise();
        final float[] col;
        if (pointwise) {
            col = xd;
        } else {
            col = new float[m * k];
            Im2col.im2col(xd, geo, col);
        }
        float[] out = new float[m * f];
        if (bias != null) {
            float[] bd = bias.data();
            for (int r = 0; r < m; r++) {
                System.arraycopy(bd, 0, out, r * f, f);
            }
        }
        Gemm.gemm(false, false, m, f, k, col, 0, kd, 0, out, 0, bias != null);
        if (relu) {
            Parallel.forRange(out.length, RELU_CHUNK, (i0, i1) -> Streams.relu(out, i0, i1));
        }
        int[] outShape = geo.outputShape(f);
        Tensor[] inputs = bias == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
        return Tensor.fromOp(relu ? "conv2d_relu" : "conv2d", out, outShape, gOut -> {
            float[][] grads = new float[inputs.length][];
            float[] g = gOut;
            if (relu) {
                // d relu: the gradient passes where the output is positive; the bias gradient is
                // summed in the same pass.
                g = new float[gOut.length];
                float[] gb = maskedBiasGradient(gOut, out, g, m, f);
                if (bias != null && bias.requiresGrad()) {
                    grads[2] = gb;
                }
            } else if (bias != null && bias.requiresGrad()) {
                grads[2] = biasGradient(g, m, f);
            }
            if (x.requiresGrad()) {
                grads[0] = inputGradient(g, kd, geo, f, pointwise);
            }
            if (kernel.requiresGrad()) {
                float[] gk = new float[k * f];
                Gemm.gemm(true, false, k, f, m, col, 0, g, 0, gk, 0, false);
                grads[1] = gk;
            }
            return grads;
        }, inputs);
    }

    /**
     * Validates a convolution's arguments and returns its geometry, without computing anything;
     * layers use it to infer output shapes ({@code geometry(...).outputShape(F)}).
     *
     * @param biasShape the bias shape, or {@code null} for no bias
     * @throws IllegalArgumentException as {@link #forward(Tensor, Tensor, Tensor, int, int, Padding, int, int)}
     */
    public static ConvGeometry geometry(int[] xShape, int[] kernelShape, int[] biasShape, int strideH, int strideW,
                                       Padding padding, int dilationH, int dilationW) {
        if (xShape.length != 4) {
            throw new IllegalArgumentException("conv2d: expected an input of shape [batch, height, width, channels],"
                    + " got shape " + Shapes.str(xShape));
        }
        if (kernelShape.length != 4) {
            throw new IllegalArgumentException("conv2d: expected a kernel of shape [kernelH, kernelW, inChannels,"
                    + " filters], got shape " + Shapes.str(kernelShape));
        }
        for (int d : kernelShape) {
            if (d < 1) {
                throw new IllegalArgumentException("conv2d: kernel shape " + Shapes.str(kernelShape)
                        + " has an empty dimension");
            }
        }
        if (xShape[3] != kernelShape[2]) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xShape) + " has " + xShape[3]
                    + " channels but kernel " + Shapes.str(kernelShape) + " expects " + kernelShape[2]);
        }
        if (biasShape != null && (biasShape.length != 1 || biasShape[0] != kernelShape[3])) {
            throw new IllegalArgumentException("conv2d: bias must have shape [" + kernelShape[3]
                    + "] (one value per filter of kernel " + Shapes.str(kernelShape) + "), got shape "
                    + Shapes.str(biasShape));
        }
        ConvGeometry geo = ConvGeometry.of("conv2d (kernel " + Shapes.str(kernelShape) + ")", xShape,
                kernelShape[0], kernelShape[1], strideH, strideW, dilationH, dilationW, padding);
        long colSize = (long) geo.colRows() * geo.colCols();
        long outSize = (long) geo.colRows() * kernelShape[3];
        if (Math.max(colSize, outSize) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xShape) + " with kernel "
                    + Shapes.str(kernelShape) + " needs a column matrix of " + geo.colRows() + " x " + geo.colCols()
                    + " values, more than 2^31; use a smaller batch");
        }
        return geo;
    }

    /** {@code dX = col2im(G * kernel^T)}, block of images by block of images. */
    private static float[] inputGradient(float[] g, float[] kd, ConvGeometry geo, int f, boolean pointwise) {
        final int k = geo.colCols();
        final float[] gx = new float[geo.batch() * geo.height() * geo.width() * geo.channels()];
        if (pointwise) {
            // The column matrix is the input itself, so its gradient is the input gradient.
            Gemm.gemm(false, true, geo.colRows(), k, f, g, 0, kd, 0, gx, 0, false);
            return gx;
        }
        final int rowsPerImage = geo.outH() * geo.outW();
        final int imagesPerBlock = (int) Math.max(1, DX_BLOCK_FLOATS / ((long) rowsPerImage * k));
        final float[] kt = new float[f * k];
        Transpose.tiled(kd, 0, f, kt, 0, k, 0, k, 0, f);
        Parallel.forRange(geo.batch(), imagesPerBlock, (n0, n1) -> {
            int rows = (n1 - n0) * rowsPerImage;
            float[][] holder = DX_BUFFER.get();
            if (holder[0].length < rows * k) {
                holder[0] = new float[rows * k];
            }
            float[] dcol = holder[0];
            Gemm.gemm(false, false, rows, k, f, g, n0 * rowsPerImage * f, f, kt, 0, k, dcol, 0, k, false);
            Im2col.col2imImages(dcol, 0, geo, gx, n0, n1);
        });
        return gx;
    }

    /**
     * The ReLU backward fused with the bias gradient: {@code gm = y > 0 ? g : 0} and
     * {@code dBias[f] = sum over rows of gm[row, f]}.
     */
    private static float[] maskedBiasGradient(float[] g, float[] y, float[] gm, int m, int f) {
        return columnSums(g, y, gm, m, f);
    }

    /** {@code dBias[f] = sum over rows of G[row, f]}. */
    private static float[] biasGradient(float[] g, int m, int f) {
        return columnSums(g, null, null, m, f);
    }

    /**
     * Column sums of {@code g} viewed as {@code [m, f]} — of {@code g} masked by {@code y > 0}
     * (written to {@code gm}) when {@code y} is given. Rows are taken in fixed blocks whose
     * double partials are added in block order. Inside a block, a sweep adds a band of
     * {@code R = 256 / f} consecutive rows at once into an accumulator of {@code R * f} floats —
     * one long contiguous loop the JIT vectorizes, where a loop over only f channels would be
     * too short — and every 16 sweeps the band is folded into the block's double partial.
     */
    private static float[] columnSums(float[] g, float[] y, float[] gm, int m, int f) {
        final int band = Math.max(1, 256 / f);
        final int rowsPerBlock = Math.max(band, BIAS_BLOCK_FLOATS / f / band * band);
        final int blocks = Parallel.chunkCount(m, rowsPerBlock);
        final double[][] partial = new double[blocks][f];
        Parallel.forChunks(blocks, b -> {
            double[] p = partial[b];
            float[] acc = new float[band * f];
            int r0 = b * rowsPerBlock;
            int r1 = Math.min(m, r0 + rowsPerBlock);
            if (y != null) {
                Streams.maskPositive(g, y, gm, r0 * f, r1 * f);
            }
            float[] src = y != null ? gm : g;
            int sweeps = 0;
            int r = r0;
            for (; r + band <= r1; r += band) {
                Streams.addInto(acc, 0, src, r * f, acc.length);
                if (++sweeps == 16) {
                    fold(acc, p, f);
                    sweeps = 0;
                }
            }
            for (; r < r1; r++) {
                int base = r * f;
                for (int j = 0; j < f; j++) {
                    acc[j] += src[base + j];
                }
            }
            fold(acc, p, f);
        });
        float[] gb = new float[f];
        for (int j = 0; j < f; j++) {
            double s = 0;
            for (double[] q : partial) {
                s += q[j];
            }
            gb[j] = (float) s;
        }
        return gb;
    }

    /** Adds the band accumulator's rows into the double partial and clears it. */
    private static void fold(float[] acc, double[] p, int f) {
        for (int e0 = 0; e0 < acc.length; e0 += f) {
            for (int j = 0; j < f; j++) {
                p[j] += acc[e0 + j];
            }
        }
        Arrays.fill(acc, 0f);
    }
}
