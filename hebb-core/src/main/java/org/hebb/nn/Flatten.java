package org.hebb.nn;

import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Flattens each sample into a vector, keeping the batch axis:
 * {@code [N, d1, d2, ...] -> [N, d1*d2*...]}. NHWC order is kept, so a Dense layer after
 * Flatten sees features in (h, w, c) order, as in Keras. Shares data; no parameters.
 */
public final class Flatten extends Module {

    @Override
    public Tensor forward(Tensor x, boolean training) {
        buildIfNeeded(x);
        return x.reshape(x.dim(0), Shapes.prod(x.shape(), 1, x.rank()));
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        build(inputShape);
        return new int[] {Shapes.size(inputShape)};
    }
}
