package org.hebb.nn;

import org.hebb.ops.Pool2d;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Global average pooling, as Keras' {@code GlobalAveragePooling2D}: the mean of each channel
 * over all positions. Shapes: {@code [N, H, W, C] -> [N, C]}. No parameters.
 */
public final class GlobalAveragePooling2D extends Module {

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + Shapes.str(x.shape()));
        }
        return Pool2d.globalAvgPool(x);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + batchShapeStr(inputShape));
        }
        return new int[] {inputShape[2]};
    }

    @Override
    public String baseName() {
        return "global_average_pooling2d";
    }
}
