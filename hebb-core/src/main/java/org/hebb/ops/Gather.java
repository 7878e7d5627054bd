package org.hebb.ops;

import java.util.Arrays;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Indexing by integer positions: {@code gather} (one element per row along an axis),
 * {@code take} (whole slices along an axis) and {@code oneHot}.
 *
 * <p>{@code gather(x, axis, idx)}: for {@code x} of shape {@code [..., K, ...]} ({@code K} at
 * {@code axis}), the result has {@code x}'s shape without {@code axis} and
 * {@code out[o, i] = x[o, idx[o, i], i]}. With {@code x = [N, K]} probabilities, axis 1 and
 * the {@code N} true classes, it picks each row's probability of its class ({@code [N]}).
 * Gradient: the output gradient scattered back to the picked positions, zero elsewhere.
 *
 * <p>{@code take(x, axis, idx)}: the slices {@code idx[0], idx[1], ...} along {@code axis}, in that
 * order ({@code [N, ...]} with {@code m} row indices gives {@code [m, ...]}; rows may repeat),
 * as used to pick a minibatch. Gradient: each output slice's gradient added back to the slice
 * it came from (in index order).
 *
 * <p>{@code oneHot(labels, k)}: {@code [..., k]} with a 1 at each label's class, not
 * differentiable.
 *
 * <p>Indices must lie in {@code [0, size)} of the axis; a label tensor must hold whole numbers.
 */
public final class Gather {
    private Gather() {}

    /**
     * One element per position of the other axes, chosen along {@code axis} by {@code indices}
     * (row-major over the result's shape, which is {@code x}'s shape without {@code axis}).
     *
     * @throws IllegalArgumentException naming the shapes when the number of indices is wrong or
     *     an index is out of range
     */
    public static Tensor gather(Tensor x, int axis, int[] indices) {
        int[] shape = x.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("gather: cannot gather from a scalar (shape [])");
        }
        int a = Reshape.axisIn("gather", axis, shape.length, shape);
        int[] outShape = without(shape, a);
        int n = Shapes.size(outShape);
        if (indices.length != n) {
            throw new IllegalArgumentException("gather: x of shape " + Shapes.str(shape) + " along axis " + axis
                    + " needs " + n + " indices (one per element of " + Shapes.str(outShape) + "), got " + indices.length);
        }
        int dim = shape[a];
        int inner = Shapes.prod(shape, a + 1, shape.length);
        int[] idx = indices.clone();
        checkRange("gather", idx, dim, axis, shape);
        float[] src = x.data();
        float[] out = new float[n];
        int[] from = new int[n];
        for (int j = 0; j < n; j++) {
            int o = j / inner;
            int i = j - o * inner;
            from[j] = (o * dim + idx[j]) * inner + i;
            out[j] = src[from[j]];
        }
        return Tensor.fromOp("gather", out, outShape, g -> {
            float[] gx = new float[src.length];
            for (int j = 0; j < n; j++) {
                gx[from[j]] = g[j];
            }
            return new float[][] {gx};
        }, x);
    }

    /**
     * {@link #gather(Tensor, int, int[])} with the indices in a tensor of whole numbers, of
     * {@code x}'s shape without {@code axis}, or with {@code axis} kept as size 1
     * ({@code [N]} or {@code [N, 1]} for {@code x = [N, K]} and axis 1).
     */
    public static Tensor gather(Tensor x, int axis, Tensor indices) {
        int[] shape = x.shape();
        int[] is = indices.shape();
        if (shape.length > 0) {
            int a = Reshape.axisIn("gather", axis, shape.length, shape);
            int[] kept = shape.clone();
            kept[a] = 1;
            if (!Arrays.equals(is, without(shape, a)) && !Arrays.equals(is, kept)) {
                throw new IllegalArgumentException("gather: indices of shape " + Shapes.str(is) + " do not fit x of shape "
                        + Shapes.str(shape) + " along axis " + axis + ": expected " + Shapes.str(without(shape, a))
                        + " or " + Shapes.str(kept));
            }
        }
        return gather(x, axis, toInts("gather", indices));
    }

    /**
     * The slices at positions {@code indices} along {@code axis}, in order: the result's
     * {@code axis} has size {@code indices.length}.
     *
     * @throws IllegalArgumentException naming the shape when an index is out of range
     */
    public static Tensor take(Tensor x, int axis, int... indices) {
        int[] shape = x.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("take: cannot take from a scalar (shape [])");
        }
        int a = Reshape.axisIn("take", axis, shape.length, shape);
        int dim = shape[a];
        int[] idx = indices.clone();
        checkRange("take", idx, dim, axis, shape);
        int outer = Shapes.prod(shape, 0, a);
        int inner = Shapes.prod(shape, a + 1, shape.length);
        int m = idx.length;
        int[] outShape = shape.clone();
        outShape[a] = m;
        float[] src = x.data();
        float[] out = new float[Shapes.size(outShape)];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < m; k++) {
                System.arraycopy(src, (o * dim + idx[k]) * inner, out, (o * m + k) * inner, inner);
            }
        }
        return Tensor.fromOp("take", out, outShape, g -> {
            float[] gx = new float[src.length];
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < m; k++) {
                    int s = (o * m + k) * inner;
                    int d = (o * dim + idx[k]) * inner;
                    for (int i = 0; i < inner; i++) {
                        gx[d + i] += g[s + i];
                    }
                }
            }
            return new float[][] {gx};
        }, x);
    }

    /**
     * {@code [n, numClasses]}: row {@code i} is 1 at column {@code classes[i]}, 0 elsewhere.
     *
     * @throws IllegalArgumentException when {@code numClasses < 1} or a class is outside {@code [0, numClasses)}
     */
    public static Tensor oneHot(int[] classes, int numClasses) {
        return oneHot(classes, new int[] {classes.length}, numClasses);
    }

    /**
     * One-hot encoding of a tensor of whole-number labels: shape {@code labels.shape + [numClasses]},
     * except that a trailing axis of size 1 is dropped first ({@code [N, 1]} gives
     * {@code [N, numClasses]}, as Keras' {@code to_categorical}).
     *
     * @throws IllegalArgumentException when a label is not a whole number or is outside {@code [0, numClasses)}
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        int[] s = labels.shape();
        if (s.length > 1 && s[s.length - 1] == 1) {
            s = Arrays.copyOf(s, s.length - 1);
        }
        return oneHot(toInts("oneHot", labels), s, numClasses);
    }

    private static Tensor oneHot(int[] classes, int[] labelShape, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("oneHot: numClasses must be >= 1, got " + numClasses);
        }
        int n = classes.length;
        if ((long) n * numClasses > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("oneHot: " + n + " labels x " + numClasses + " classes is more than 2^31 values");
        }
        float[] out = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            int c = classes[i];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("oneHot: label " + c + " at position " + i + " is outside [0, "
                        + numClasses + ")");
            }
            out[i * numClasses + c] = 1f;
        }
        int[] shape = Arrays.copyOf(labelShape, labelShape.length + 1);
        shape[labelShape.length] = numClasses;
        return Tensor.of(out, shape);
    }

    /** The values of {@code t} as ints, each of which must be a whole number. */
    static int[] toInts(String op, Tensor t) {
        float[] v = t.data();
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            int c = (int) v[i];
            if (c != v[i] || c == Integer.MAX_VALUE || c == Integer.MIN_VALUE) {
                throw new IllegalArgumentException(op + ": index tensor of shape " + Shapes.str(t.shape())
                        + " holds " + v[i] + " at flat position " + i + ", not a whole number");
            }
            r[i] = c;
        }
        return r;
    }

    private static void checkRange(String op, int[] idx, int dim, int axis, int[] shape) {
        for (int j = 0; j < idx.length; j++) {
            if (idx[j] < 0 || idx[j] >= dim) {
                throw new IllegalArgumentException(op + ": index " + idx[j] + " at position " + j
                        + " is out of range for axis " + axis + " of size " + dim + " in shape " + Shapes.str(shape));
            }
        }
    }

    private static int[] without(int[] shape, int a) {
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != a) {
                s[j++] = shape[i];
            }
        }
        return s;
    }
}
