package org.hebb.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hebb.kernels.Padding;
import org.hebb.ops.Pool2d;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * What the 2-D pooling layers share: a square window of {@code poolSize}, a stride (default the
 * window), VALID or SAME padding, the shape checks and the config. Shapes:
 * {@code [N, H, W, C] -> [N, OH, OW, C]}; with VALID, {@code OH = floor((H - pool) / stride) + 1}
 * (13 -> 6 for pool 2). No parameters. Subclasses say which pooling op runs.
 */
public abstract class Pooling2D extends Module {
    private final String layer;
    private final String op;
    final int size;
    final int stride;
    final Padding padding;

    Pooling2D(String layer, String op, int size, int stride, String padding) {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException(layer + ": pool size and stride must be >= 1, got pool=" + size
                    + ", stride=" + stride);
        }
        this.layer = layer;
        this.op = op;
        this.size = size;
        this.stride = stride;
        this.padding = Padding.of(padding);
    }

    /** The pooling op on a checked NHWC batch. */
    abstract Tensor pool(Tensor x);

    @Override
    public final Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + Shapes.str(x.shape()));
        }
        return pool(x);
    }

    @Override
    public final int[] outputShape(int[] in) {
        if (in.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + batchShapeStr(in));
        }
        try {
            int[] out = Pool2d.geometry(op, new int[] {1, in[0], in[1], in[2]}, size, size, stride, stride, padding)
                    .outputShape(in[2]);
            return new int[] {out[1], out[2], out[3]};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": input shape " + batchShapeStr(in)
                    + " does not fit: " + e.getMessage(), e);
        }
    }

    /** {@code pool_size}, {@code strides} and {@code padding} ({@code "valid"} or {@code "same"}). */
    @Override
    public final Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pool_size", size);
        c.put("strides", stride);
        c.put("padding", ConfigValues.padding(padding));
        return c;
    }

    @Override
    public final String describe() {
        return layer + "(" + size + (stride != size ? ", strides=" + stride : "")
                + (padding.mode() == Padding.Mode.VALID ? "" : ", " + padding) + ")";
    }
}
