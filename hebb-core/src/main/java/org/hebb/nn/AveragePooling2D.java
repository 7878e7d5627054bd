package org.hebb.nn;

import org.hebb.ops.Pool2d;
import org.hebb.tensor.Tensor;

/**
 * Average pooling over NHWC images, as Keras' {@code AveragePooling2D}: each output is the mean
 * of its window (with SAME padding, the mean of the window's values inside the image); see
 * {@link Pooling2D} for shapes and defaults.
 */
public final class AveragePooling2D extends Pooling2D {

    /** Square window of {@code pool}, stride {@code pool}, VALID. */
    public AveragePooling2D(int pool) {
        this(pool, pool, "valid");
    }

    /** Square window, stride and padding ("valid" or "same"). */
    public AveragePooling2D(int pool, int stride, String padding) {
        super("AveragePooling2D", "avg_pool2d", pool, stride, padding);
    }

    @Override
    Tensor pool(Tensor x) {
        return Pool2d.avgPool(x, size, size, stride, stride, padding);
    }
}
