package org.hebb.ops;

import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Reshape: the same row-major data seen with another shape of the same size (the data is
 * shared, not copied). One dimension may be {@code -1}, inferred from the others.
 * The gradient is the output gradient seen with the input's shape.
 */
public final class Reshape {
    private Reshape() {}

    /** {@code x} viewed as {@code newShape}. */
    public static Tensor reshape(Tensor x, int... newShape) {
        int[] s = resolve(x.shape(), newShape);
        return Tensor.fromOp("reshape", x.data(), s, g -> new float[][] {g}, x);
    }

    /** {@code newShape} with a {@code -1} filled in, checked against the size of {@code from}. */
    static int[] resolve(int[] from, int[] newShape) {
        int size = Shapes.size(from);
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension may be -1, got "
                            + Shapes.str(newShape));
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shapes.str(newShape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(from) + " (" + size
                        + " elements) into " + Shapes.str(newShape));
            }
            s[infer] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(from) + " (" + size
                    + " elements) into " + Shapes.str(newShape) + " (" + known + " elements)");
        }
        return s;
    }
}
