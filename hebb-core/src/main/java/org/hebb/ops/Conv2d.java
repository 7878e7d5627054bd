package org.hebb.ops;

import org.hebb.kernels.ConvGeometry;
import org.hebb.kernels.Gemm;
import org.hebb.kernels.Im2col;
import org.hebb.kernels.Padding;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Reductions;
import org.hebb.kernels.Streams;
import org.hebb.kernels.ThinConv;
import org.hebb.kernels.Transpose;
import org.hebb.tensor.Buffers;
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
 * <p>The column matrix {@code col [N*OH*OW, KH*KW*C]} of im2col turns the convolution into a GEMM
 * with the kernel viewed as {@code [KH*KW*C, F]}. It is never built whole (at batch 128 it would be
 * 18 MB for the seed CNN's second layer, written once and read twice from memory): both passes
 * work block of images by block of images (about 512 KB of columns, at least 8 blocks), in a
 * per-thread buffer that stays in cache. A 1x1 convolution with stride 1 and no padding skips
 * im2col altogether (the input already is the column matrix) and runs as single GEMMs.
 * <ul>
 *   <li>Forward, per block: im2col, then {@code out[block] = col * kernel} into rows pre-filled with
 *       the bias (and the ReLU in place when fused).</li>
 *   <li>{@code dBias[f] = sum of G[:, f]} (G = dL/dy as {@code [N*OH*OW, F]}), summed in double
 *       over fixed row blocks combined in order.</li>
 *   <li>{@code dKernel = col^T * G}: per block, im2col again and one GEMM reading the block's
 *       columns transposed in place, accumulated into one partial per fixed group of blocks; the
 *       partials are added in group order.</li>
 *   <li>dX, with stride and dilation 1, an output as large as the input and at most
 *       {@link #INPUT_GRADIENT_CONV_MAX_FILTERS} filters: a convolution of G with the kernel
 *       turned by 180 degrees (see {@code blockGradients}), computed like the forward pass
 *       straight into dX; otherwise {@code dX = col2im(G * kernel^T)}: per block, one GEMM into a
 *       second per-thread buffer (against the kernel transposed once) followed by col2im.</li>
 * </ul>
 * Inputs with few channels (a window of at most {@link ThinConv#MAX_TAPS} taps in short runs: a
 * first layer on 1- or 3-channel images) skip im2col: {@link ThinConv} reads each position's
 * taps from the image, for the forward pass and the kernel gradient (the input gradient, when
 * wanted, is as above). With the ReLU fused and no input gradient wanted, the backward pass
 * masks the output gradient image by image in cache instead of writing a masked copy of it.
 * Convolutions of 16, 32 or 64 channels into as many filters at stride 1 across (a CIFAR-style
 * ResNet's three stages; {@link ThinConv#appliesWide}) go through {@code ThinConv} too: the
 * forward pass, the kernel gradient, and the input gradient as a convolution of G.
 *
 * <p>The backward pass reads the input's data again, so it must not be changed in place between
 * forward and backward (no hebb op does).
 */
public final class Conv2d {
    /** Floats of column matrix per block of images in the blocked passes (fits in L2). */
    private static final int COL_BLOCK_FLOATS = 1 << 17;
    /** Least number of blocks a batch is cut into (when it has that many images), for balance. */
    private static final int MIN_BLOCKS = 8;
    /** Most groups of blocks in the backward pass: the number of kernel-gradient partials. */
    private static final int MAX_GROUPS = 8;
    /** Each thread's column buffer, reused from block to block and call to call. */
    private static final ThreadLocal<float[][]> COL_BUFFER = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Each thread's column-gradient buffer, likewise. */
    private static final ThreadLocal<float[][]> DCOL_BUFFER = ThreadLocal.withInitial(() -> new float[1][0]);
    /**
     * Most filters for which the input gradient is computed as a convolution of G: the general
     * form's product is only F deep, which costs most when F is small; measured (ResNet-20,
     * seed CNN, VGG) a gain at 16 filters and a loss at 32-128.
     */
    static final int INPUT_GRADIENT_CONV_MAX_FILTERS = 16;
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
        final boolean thin = !pointwise && ThinConv.applies(geo);
        final boolean direct = !pointwise && (thin || ThinConv.appliesWide(geo, f));
        final float[] out = Buffers.take(m * f); // every path below writes all of it
        final float[] bd = bias == null ? null : bias.data();
        if (pointwise) {
            // The input is the column matrix: one GEMM over all rows.
            fillBias(out, bd, 0, m, f);
            Gemm.gemm(false, false, m, f, k, xd, 0, kd, 0, out, 0, bias != null);
            if (relu) {
                Parallel.forRange(out.length, RELU_CHUNK, (i0, i1) -> Streams.relu(out, i0, i1));
            }
        } else if (direct) {
            // Few input channels, or as many as filters (16, 32, 64): each output position reads
            // its taps from the image directly.
            Parallel.forRange(geo.batch(), imagesPerBlock(geo), (n0, n1) ->
                    ThinConv.forward(xd, geo, kd, f, bd, out, n0, n1, relu));
        } else {
            // Block by block of images: im2col into a per-thread buffer that stays in cache,
            // then its GEMM (and ReLU) into the block's rows of the output.
            final int rowsPerImage = geo.outH() * geo.outW();
            Parallel.forRange(geo.batch(), imagesPerBlock(geo), (n0, n1) -> {
                int r0 = n0 * rowsPerImage;
                int rows = (n1 - n0) * rowsPerImage;
                float[] col = buffer(COL_BUFFER, rows * k);
                Im2col.im2colImages(xd, geo, col, n0, n1);
                fillBias(out, bd, r0, r0 + rows, f);
                Gemm.gemm(false, false, rows, f, k, col, 0, k, kd, 0, f, out, r0 * f, f, bd != null);
                if (relu) {
                    Streams.relu(out, r0 * f, (r0 + rows) * f);
                }
            });
        }
        int[] outShape = geo.outputShape(f);
        Tensor[] inputs = bias == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, bias};
        return Tensor.fromOp(relu ? "conv2d_relu" : "conv2d", out, outShape, gOut -> {
            float[][] grads = new float[inputs.length][];
            if (thin && relu && !x.requiresGrad()) {
                // A first layer: its mask, bias and kernel gradients image by image, with no
                // masked copy of the whole output gradient.
                float[][] kb = thinReluGradients(gOut, out, xd, geo, f, bias != null && bias.requiresGrad());
                grads[1] = kernel.requiresGrad() ? kb[0] : null;
                if (bias != null) {
                    grads[2] = kb[1];
                }
                return grads;
            }
            float[] g = gOut;
            if (relu) {
                // d relu: the gradient passes where the output is positive; the bias gradient is
                // summed in the same pass.
                g = Buffers.take(gOut.length);
                float[] gb = maskedBiasGradient(gOut, out, g, m, f);
                if (bias != null && bias.requiresGrad()) {
                    grads[2] = gb;
                }
            } else if (bias != null && bias.requiresGrad()) {
                grads[2] = biasGradient(g, m, f);
            }
            if (pointwise) {
                if (x.requiresGrad()) {
                    // The column matrix is the input itself, so its gradient is the input gradient.
                    float[] gx = new float[xd.length];
                    Gemm.gemm(false, true, m, k, f, g, 0, kd, 0, gx, 0, false);
                    grads[0] = gx;
                }
                if (kernel.requiresGrad()) {
                    float[] gk = new float[k * f];
                    Gemm.gemm(true, false, k, f, m, xd, 0, g, 0, gk, 0, false);
                    grads[1] = gk;
                }
            } else if (x.requiresGrad() || kernel.requiresGrad()) {
                float[][] gxk = blockGradients(g, xd, kd, geo, f, x.requiresGrad(), kernel.requiresGrad());
                grads[0] = gxk[0];
                grads[1] = gxk[1];
            }
            if (g != gOut) {
                Buffers.give(g); // the masked gradient, used only here
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

    /** Images per block of the blocked passes: about {@link #COL_BLOCK_FLOATS} of columns, at least {@link #MIN_BLOCKS} blocks. */
    private static int imagesPerBlock(ConvGeometry geo) {
        long perImage = (long) geo.outH() * geo.outW() * geo.colCols();
        int fit = (int) Math.max(1, COL_BLOCK_FLOATS / Math.max(1, perImage));
        return Math.max(1, Math.min(fit, (geo.batch() + MIN_BLOCKS - 1) / MIN_BLOCKS));
    }

    /** Rows {@code [r0, r1)} of {@code out} ({@code [m, f]}) set to the bias, when there is one. */
    private static void fillBias(float[] out, float[] bd, int r0, int r1, int f) {
        if (bd != null) {
            for (int r = r0; r < r1; r++) {
                System.arraycopy(bd, 0, out, r * f, f);
            }
        }
    }

    /** The calling thread's buffer of {@code holder}, grown to at least {@code size} floats. */
    private static float[] buffer(ThreadLocal<float[][]> holder, int size) {
        float[][] h = holder.get();
        if (h[0].length < size) {
            h[0] = new float[size];
        }
        return h[0];
    }

    /**
     * The input and kernel gradients (either may be skipped: {@code null}), block of images by
     * block of images. The blocks are dealt out, in order, to at most {@link #MAX_GROUPS} groups
     * (a function of the batch size only); each group runs its blocks one after the other:
     * im2col of the block again (cheaper than keeping the whole column matrix from the forward
     * pass: it stays in cache), {@code dK_group += col^T * G}, and the block's input gradient
     * through a second per-thread buffer. With stride and dilation 1, a SAME-size output and few
     * filters, that is computed as a convolution of G itself ({@link #inputGradientGeometry}):
     * {@code dX[block] = im2col'(G) * K'}, with K' the kernel turned by 180 degrees and its
     * channel axes swapped, a product as deep as the forward's ({@code KH*KW*F}) that writes dX
     * in place; otherwise {@code dX[block] = col2im(G * kernel^T)}, whose product is only F deep
     * and whose col2im scatters and adds. The group partials of dK are added in group order, so
     * the result does not depend on the thread count.
     */
    private static float[][] blockGradients(float[] g, float[] xd, float[] kd, ConvGeometry geo, int f,
                                            boolean wantX, boolean wantK) {
        final int k = geo.colCols();
        final int rowsPerImage = geo.outH() * geo.outW();
        final int batch = geo.batch();
        final int perBlock = imagesPerBlock(geo);
        final int blocks = (batch + perBlock - 1) / perBlock;
        final int groups = Math.min(blocks, MAX_GROUPS);
        final ConvGeometry geoT = wantX ? inputGradientGeometry(geo, f) : null;
        // col2im adds into dX; the two convolution forms write all of it
        final float[] gx = !wantX ? null : geoT != null ? Buffers.take(xd.length) : Buffers.takeZeroed(xd.length);
        final float[][] partial = wantK ? new float[groups][k * f] : null;
        final float[] kt = wantX ? new float[f * k] : null;
        if (geoT != null) {
            turnKernel(kd, geo, f, kt);
        } else if (wantX) {
            Transpose.tiled(kd, 0, f, kt, 0, k, 0, k, 0, f);
        }
        Parallel.forChunks(groups, grp -> {
            int b0 = (int) ((long) grp * blocks / groups);
            int b1 = (int) ((long) (grp + 1) * blocks / groups);
            for (int b = b0; b < b1; b++) {
                int n0 = b * perBlock;
                int n1 = Math.min(batch, n0 + perBlock);
                int rows = (n1 - n0) * rowsPerImage;
                int gOff = n0 * rowsPerImage * f;
                if (wantK && (ThinConv.applies(geo) || ThinConv.appliesWide(geo, f))) {
                    ThinConv.kernelGradient(xd, geo, g, f, partial[grp], n0, n1);
                } else if (wantK) {
                    float[] col = buffer(COL_BUFFER, rows * k);
                    Im2col.im2colImages(xd, geo, col, n0, n1);
                    Gemm.gemm(true, false, k, f, rows, col, 0, k, g, gOff, f, partial[grp], 0, f, b > b0);
                }
                if (geoT != null && ThinConv.appliesWide(geoT, geo.channels())) {
                    ThinConv.forward(g, geoT, kt, geo.channels(), null, gx, n0, n1, false);
                } else if (geoT != null) {
                    int c = geo.channels();
                    int rowsT = (n1 - n0) * geo.height() * geo.width();
                    int kT = geoT.colCols();
                    float[] colT = buffer(DCOL_BUFFER, rowsT * kT);
                    Im2col.im2colImages(g, geoT, colT, n0, n1);
                    Gemm.gemm(false, false, rowsT, c, kT, colT, 0, kT, kt, 0, c, gx, n0 * geo.height() * geo.width() * c,
                            c, false);
                } else if (wantX) {
                    float[] dcol = buffer(DCOL_BUFFER, rows * k);
                    Gemm.gemm(false, false, rows, k, f, g, gOff, f, kt, 0, k, dcol, 0, k, false);
                    Im2col.col2imImages(dcol, 0, geo, gx, n0, n1);
                }
            }
        });
        float[] gk = null;
        if (wantK) {
            gk = partial[0];
            for (int grp = 1; grp < groups; grp++) {
                float[] p = partial[grp];
                for (int i = 0; i < gk.length; i++) {
                    gk[i] += p[i];
                }
            }
        }
        return new float[][] {gx, gk};
    }

    /**
     * The geometry under which the input gradient of a convolution is computed as a convolution
     * of the output gradient G ({@code [N, OH, OW, F]}), or {@code null} when it is not: only
     * with stride and dilation 1, an output as large as the input (SAME; VALID's would need a
     * column matrix of G larger than the forward's) and at most
     * {@link #INPUT_GRADIENT_CONV_MAX_FILTERS} filters, or any number that {@link ThinConv}
     * computes directly ({@link ThinConv#appliesWide}: no column matrix then). From
     * {@code dX[ih, iw, c] = sum G[ih + pt - kh, iw + pl - kw, f] * K[kh, kw, c, f]}: with
     * {@code kh' = KH-1-kh} it reads G at {@code ih - (KH-1-pt) + kh'}, i.e. a convolution of G
     * padded by {@code KH-1-pt} on top and {@code KH-1-pb} below (and likewise across), with the
     * kernel of {@link #turnKernel}; a same-size output has {@code pt + pb = KH-1}, so those
     * paddings are never negative and the result is exactly {@code H x W}.
     */
    static ConvGeometry inputGradientGeometry(ConvGeometry geo, int f) {
        int kh = geo.kernelH();
        int kw = geo.kernelW();
        if (geo.outH() != geo.height() || geo.outW() != geo.width()
                || geo.strideH() != 1 || geo.strideW() != 1 || geo.dilationH() != 1 || geo.dilationW() != 1) {
            return null;
        }
        ConvGeometry t = ConvGeometry.of("conv2d input gradient", new int[] {geo.batch(), geo.outH(), geo.outW(), f},
                kh, kw, 1, 1, 1, 1, Padding.explicit(kh - 1 - geo.padTop(), kh - 1 - geo.padBottom(),
                        kw - 1 - geo.padLeft(), kw - 1 - geo.padRight()));
        return f <= INPUT_GRADIENT_CONV_MAX_FILTERS || ThinConv.appliesWide(t, geo.channels()) ? t : null;
    }

    /**
     * The kernel of {@link #inputGradientGeometry}'s convolution: {@code turned[kh', kw', f, c] =
     * K[KH-1-kh', KW-1-kw', c, f]}, stored {@code [KH*KW*F, C]}.
     */
    private static void turnKernel(float[] kd, ConvGeometry geo, int f, float[] turned) {
        int kh = geo.kernelH();
        int kw = geo.kernelW();
        int c = geo.channels();
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                int src = ((kh - 1 - i) * kw + (kw - 1 - j)) * c * f;
                int dst = (i * kw + j) * f * c;
                Transpose.tiled(kd, src, f, turned, dst, c, 0, c, 0, f);
            }
        }
    }

    /**
     * The kernel gradient and (when {@code wantBias}) the bias gradient of a thin convolution
     * fused with a ReLU, through {@link ThinConv#reluGradients}: the batch is cut into the blocks
     * of {@link #imagesPerBlock}, dealt out in order to at most {@link #MAX_GROUPS} groups with a
     * partial each, added in group order (so the result does not depend on the thread count).
     */
    private static float[][] thinReluGradients(float[] gOut, float[] y, float[] xd, ConvGeometry geo, int f,
                                               boolean wantBias) {
        final int batch = geo.batch();
        final int perBlock = imagesPerBlock(geo);
        final int blocks = (batch + perBlock - 1) / perBlock;
        final int groups = Math.min(blocks, MAX_GROUPS);
        final float[][] dk = new float[groups][geo.colCols() * f];
        final double[][] db = wantBias ? new double[groups][f] : null;
        Parallel.forChunks(groups, grp -> {
            int n0 = (int) ((long) grp * blocks / groups) * perBlock;
            int n1 = Math.min(batch, (int) ((long) (grp + 1) * blocks / groups) * perBlock);
            ThinConv.reluGradients(xd, geo, gOut, y, f, dk[grp], wantBias ? db[grp] : null, n0, n1);
        });
        float[] gk = dk[0];
        for (int grp = 1; grp < groups; grp++) {
            Streams.addInto(gk, 0, dk[grp], 0, gk.length);
        }
        float[] gb = null;
        if (wantBias) {
            gb = new float[f];
            for (int j = 0; j < f; j++) {
                double s = 0;
                for (double[] q : db) {
                    s += q[j];
                }
                gb[j] = (float) s;
            }
        }
        return new float[][] {gk, gb};
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
     * (written to {@code gm}) when {@code y} is given. Rows are taken in fixed blocks (whole
     * bands of {@link Reductions#columnSums}) whose double partials are added in block order.
     */
    private static float[] columnSums(float[] g, float[] y, float[] gm, int m, int f) {
        final int band = Streams.bandRows(f);
        final int rowsPerBlock = Math.max(band, BIAS_BLOCK_FLOATS / f / band * band);
        final int blocks = Parallel.chunkCount(m, rowsPerBlock);
        final double[][] partial = new double[blocks][f];
        Parallel.forChunks(blocks, b -> {
            int r0 = b * rowsPerBlock;
            int r1 = Math.min(m, r0 + rowsPerBlock);
            if (y != null) {
                Streams.maskPositive(g, y, r0 * f, gm, r0 * f, (r1 - r0) * f);
            }
            Reductions.columnSums(y != null ? gm : g, null, r0, r1, f, partial[b], null);
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
}
