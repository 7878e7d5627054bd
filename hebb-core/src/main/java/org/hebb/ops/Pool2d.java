package org.hebb.ops;

import org.hebb.kernels.ConvGeometry;
import org.hebb.kernels.Padding;
import org.hebb.kernels.Pooling;
import org.hebb.tensor.Autograd;
import org.hebb.tensor.Buffers;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * 2-D pooling over NHWC images: max pooling, average pooling and global average pooling,
 * Keras semantics.
 *
 * <p>Shapes: input {@code [N, H, W, C]}; a {@code PH x PW} window moving by strides
 * {@code (SH, SW)} (Keras' default strides are the pool size) gives {@code [N, OH, OW, C]}
 * with OH, OW from {@link ConvGeometry}: VALID {@code floor((H - PH) / SH) + 1} (13x13 with
 * pool 2 gives 6x6), SAME {@code ceil(H / SH)}.
 * <ul>
 *   <li>Max pooling: padding counts as {@code -inf}. Gradient: each output's gradient goes to the
 *       element that was the window's maximum (recorded in forward; ties go to the first element
 *       in scan order, rows then columns).</li>
 *   <li>Average pooling: the mean of the window's in-image elements (padding is not counted, as
 *       in Keras for SAME). Gradient: {@code g / count} to each of those elements.</li>
 *   <li>Global average pooling: {@code [N, H, W, C] -> [N, C]}, the mean over all positions.
 *       Gradient: {@code g / (H * W)} to every position.</li>
 * </ul>
 * Explicit padding must be smaller than the window on every side, so that every window holds at
 * least one element of the image.
 */
public final class Pool2d {
    private Pool2d() {}

    /** Keras' {@code MaxPooling2D(pool)}: a {@code pool x pool} window, strides {@code pool}, VALID. */
    public static Tensor maxPool(Tensor x, int pool) {
        return maxPool(x, pool, pool, pool, pool, Padding.VALID);
    }

    /** Max pooling with a square window and equal strides. */
    public static Tensor maxPool(Tensor x, int pool, int stride, Padding padding) {
        return maxPool(x, pool, pool, stride, stride, padding);
    }

    /**
     * Max pooling; see the class comment.
     *
     * @throws IllegalArgumentException naming {@code max_pool2d} and the input shape for an input
     *     that is not rank 4, a window or stride below 1, a window larger than the padded input,
     *     or explicit padding not smaller than the window
     */
    public static Tensor maxPool(Tensor x, int poolH, int poolW, int strideH, int strideW, Padding padding) {
        ConvGeometry geo = geometry("max_pool2d", x.shape(), poolH, poolW, strideH, strideW, padding);
        int[] outShape = geo.outputShape(geo.channels());
        int size = Shapes.size(outShape);
        float[] out = new float[size];
        // where each maximum came from is only needed when a backward pass can follow
        int[] argmax = Autograd.isGradEnabled() && x.requiresGrad() ? new int[size] : null;
        Pooling.maxPoolForward(x.data(), geo, out, argmax);
        return Tensor.fromOp("max_pool2d", out, outShape, g -> {
            float[] gx = new float[x.size()];
            Pooling.maxPoolBackward(g, argmax, geo, gx);
            return new float[][] {gx};
        }, x);
    }

    /** Keras' {@code AveragePooling2D(pool)}: a {@code pool x pool} window, strides {@code pool}, VALID. */
    public static Tensor avgPool(Tensor x, int pool) {
        return avgPool(x, pool, pool, pool, pool, Padding.VALID);
    }

    /** Average pooling with a square window and equal strides. */
    public static Tensor avgPool(Tensor x, int pool, int stride, Padding padding) {
        return avgPool(x, pool, pool, stride, stride, padding);
    }

    /**
     * Average pooling; see the class comment.
     *
     * @throws IllegalArgumentException naming {@code avg_pool2d}, as {@link #maxPool(Tensor, int, int, int, int, Padding)}
     */
    public static Tensor avgPool(Tensor x, int poolH, int poolW, int strideH, int strideW, Padding padding) {
        ConvGeometry geo = geometry("avg_pool2d", x.shape(), poolH, poolW, strideH, strideW, padding);
        int[] outShape = geo.outputShape(geo.channels());
        float[] out = new float[Shapes.size(outShape)];
        Pooling.avgPoolForward(x.data(), geo, out);
        return Tensor.fromOp("avg_pool2d", out, outShape, g -> {
            float[] gx = new float[x.size()];
            Pooling.avgPoolBackward(g, geo, gx);
            return new float[][] {gx};
        }, x);
    }

    /**
     * Global average pooling, {@code [N, H, W, C] -> [N, C]}: the mean over all {@code H * W}
     * positions of each channel.
     *
     * @throws IllegalArgumentException naming {@code global_avg_pool2d} for an input that is not
     *     rank 4 or has an empty height, width or channel dimension
     */
    public static Tensor globalAvgPool(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] < 1 || s[2] < 1 || s[3] < 1) {
            throw new IllegalArgumentException("global_avg_pool2d: expected an input of shape [batch, height, width,"
                    + " channels] with height, width and channels >= 1, got shape " + Shapes.str(s));
        }
        int n = s[0];
        int positions = s[1] * s[2];
        int c = s[3];
        float[] out = new float[n * c];
        Pooling.globalAvgPoolForward(x.data(), n, positions, c, out);
        return Tensor.fromOp("global_avg_pool2d", out, new int[] {n, c}, g -> {
            float[] gx = Buffers.takeZeroed(x.size()); // the backward adds into it
            Pooling.globalAvgPoolBackward(g, n, positions, c, gx);
            return new float[][] {gx};
        }, x);
    }

    /**
     * Validates a pooling's arguments and returns its geometry without computing anything;
     * layers use it to infer output shapes.
     *
     * @param op {@code "max_pool2d"} or {@code "avg_pool2d"}, for error messages
     */
    public static ConvGeometry geometry(String op, int[] xShape, int poolH, int poolW, int strideH, int strideW,
                                        Padding padding) {
        ConvGeometry geo = ConvGeometry.of(op, xShape, poolH, poolW, strideH, strideW, 1, 1, padding);
        if (padding.mode() == Padding.Mode.EXPLICIT && (geo.padTop() >= poolH || geo.padBottom() >= poolH
                || geo.padLeft() >= poolW || geo.padRight() >= poolW)) {
            throw new IllegalArgumentException(op + ": padding " + padding + " must be smaller than the "
                    + poolH + "x" + poolW + " window on every side (input shape " + Shapes.str(xShape) + ")");
        }
        return geo;
    }
}
