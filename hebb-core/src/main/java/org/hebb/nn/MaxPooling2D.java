package org.hebb.nn;

import org.hebb.ops.Pool2d;
import org.hebb.tensor.Tensor;

/**
 * Max pooling over NHWC images, as Keras' {@code MaxPooling2D}: each output is the largest
 * value in its {@code pool x pool} window (see {@link Pooling2D} for shapes and defaults).
 */
public final class MaxPooling2D extends Pooling2D {

    /** Square window of {@code pool}, stride {@code pool}, VALID. */
    public MaxPooling2D(int pool) {
        this(pool, pool, "valid");
    }

    /** Square window, stride and padding ("valid" or "same"; SAME pads with -inf). */
    public MaxPooling2D(int pool, int stride, String padding) {
        super("MaxPooling2D", "max_pool2d", pool, stride, padding);
    }

    @Override
    Tensor pool(Tensor x) {
        return Pool2d.maxPool(x, size, size, stride, stride, padding);
    }
}
