package org.hebb.nn;

import org.hebb.kernels.Padding;
import org.hebb.ops.Pool2d;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/** The configuration and shape checks shared by the pooling layers. */
final class Pooling2D {
    final String layer;
    final String op;
    final int size;
    final int stride;
    final Padding padding;

    Pooling2D(String layer, String op, int size, int stride, Padding padding) {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException(layer + ": pool size and stride must be >= 1, got pool=" + size
                    + ", stride=" + stride);
        }
        this.layer = layer;
        this.op = op;
        this.size = size;
        this.stride = stride;
        this.padding = padding;
    }

    void check(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + Shapes.str(x.shape()));
        }
    }

    int[] outputShape(int[] in) {
        if (in.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + Module.batchShapeStr(in));
        }
        try {
            int[] out = Pool2d.geometry(op, new int[] {1, in[0], in[1], in[2]}, size, size, stride, stride, padding)
                    .outputShape(in[2]);
            return new int[] {out[1], out[2], out[3]};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": input shape " + Module.batchShapeStr(in)
                    + " does not fit: " + e.getMessage(), e);
        }
    }

    /** {@code pool_size}, {@code strides} and {@code padding} ({@code "valid"} or {@code "same"}). */
    java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("pool_size", size);
        c.put("strides", stride);
        c.put("padding", ConfigValues.padding(padding));
        return c;
    }

    String describe() {
        return layer + "(" + size + (stride != size ? ", strides=" + stride : "")
                + (padding.mode() == Padding.Mode.VALID ? "" : ", " + padding) + ")";
    }
}
