package org.hebb.ops;

import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Reshape and its named forms (flatten, squeeze, unsqueeze): the same row-major data seen with
 * another shape of the same size. The data is shared, not copied, so writing through the
 * result writes into the input. The gradient is the output gradient seen with the input's
 * shape.
 */
public final class Reshape {
    private Reshape() {}

    /** {@code x} viewed as {@code newShape}. */
    public static Tensor reshape(Tensor x, int... newShape) {
        return view("reshape", x, resolve(x.shape(), newShape));
    }

    /** {@code x} as a 1-D tensor of {@code x.size()} elements. */
    public static Tensor flatten(Tensor x) {
        return view("flatten", x, new int[] {x.size()});
    }

    /**
     * Axes {@code startAxis .. rank-1} merged into one, the axes before kept:
     * {@code [N, H, W, C]} with {@code startAxis = 1} becomes {@code [N, H*W*C]} (Keras'
     * {@code Flatten}, which keeps the batch axis). A negative axis counts from the end.
     */
    public static Tensor flatten(Tensor x, int startAxis) {
        int[] shape = x.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("flatten: start axis " + startAxis + " out of range for a scalar (shape [])");
        }
        int a = axisIn("flatten", startAxis, shape.length, shape);
        int[] s = new int[a + 1];
        System.arraycopy(shape, 0, s, 0, a);
        s[a] = Shapes.prod(shape, a, shape.length);
        return view("flatten", x, s);
    }

    /** {@code x} with every dimension of size 1 removed ({@code [1, 3, 1] -> [3]}, {@code [1, 1] -> []}). */
    public static Tensor squeeze(Tensor x) {
        int[] shape = x.shape();
        int n = 0;
        for (int d : shape) {
            if (d != 1) {
                n++;
            }
        }
        int[] s = new int[n];
        n = 0;
        for (int d : shape) {
            if (d != 1) {
                s[n++] = d;
            }
        }
        return view("squeeze", x, s);
    }

    /**
     * {@code x} with dimension {@code axis} (which must be 1) removed.
     *
     * @throws IllegalArgumentException naming the axis and the shape when that dimension is not 1
     */
    public static Tensor squeeze(Tensor x, int axis) {
        int[] shape = x.shape();
        int a = axisIn("squeeze", axis, shape.length, shape);
        if (shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + axis + " of shape " + Shapes.str(shape)
                    + " has size " + shape[a] + ", only a dimension of size 1 can be removed");
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != a) {
                s[j++] = shape[i];
            }
        }
        return view("squeeze", x, s);
    }

    /**
     * {@code x} with a new dimension of size 1 inserted at position {@code axis} of the result,
     * {@code 0 <= axis <= rank} ({@code -1} appends): {@code [3]} with axis 0 becomes {@code [1, 3]}.
     */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int[] shape = x.shape();
        int a = axisIn("unsqueeze", axis, shape.length + 1, shape);
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : shape[j++];
        }
        return view("unsqueeze", x, s);
    }

    /** {@code x}'s data with shape {@code s}, recorded as op {@code op}; the gradient passes through. */
    private static Tensor view(String op, Tensor x, int[] s) {
        return Tensor.fromOp(op, x.data(), s, g -> new float[][] {g}, x);
    }

    /** {@code axis} normalized against {@code rank} positions, with the shape in the message. */
    static int axisIn(String op, int axis, int rank, int[] shape) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + Shapes.str(shape)
                    + (rank == 0 ? " (no axis to choose)" : " (valid: " + -rank + " .. " + (rank - 1) + ")"));
        }
        return a;
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
