package org.hebb.nn;

import org.hebb.kernels.Padding;
import org.hebb.ops.Pool2d;
import org.hebb.tensor.Tensor;

/**
 * Max pooling over NHWC images, as Keras' {@code MaxPooling2D}: each output is the largest
 * value in its {@code pool x pool} window. Shapes: {@code [N, H, W, C] -> [N, OH, OW, C]}, with
 * VALID padding {@code OH = floor((H - pool) / stride) + 1} (13 -> 6 for pool 2). Defaults:
 * stride = pool size, VALID. No parameters.
 */
public final class MaxPooling2D extends Module {
    private final Pooling2D pool;

    /** Square window of {@code pool}, stride {@code pool}, VALID. */
    public MaxPooling2D(int pool) {
        this(pool, pool, "valid");
    }

    /** Square window, stride and padding ("valid" or "same"). */
    public MaxPooling2D(int pool, int stride, String padding) {
        this.pool = new Pooling2D("MaxPooling2D", "max_pool2d", pool, stride, Padding.of(padding));
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        pool.check(x);
        return Pool2d.maxPool(x, pool.size, pool.size, pool.stride, pool.stride, pool.padding);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return pool.outputShape(inputShape);
    }

    /** {@code pool_size}, {@code strides} and {@code padding} ({@code "valid"} or {@code "same"}). */
    @Override
    public java.util.Map<String, Object> config() {
        return pool.config();
    }

    @Override
    public String describe() {
        return pool.describe();
    }

    @Override
    public String baseName() {
        return "max_pooling2d";
    }
}
