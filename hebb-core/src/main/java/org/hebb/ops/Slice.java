package org.hebb.ops;

import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Slice along one axis: {@code x[..., start:end, ...]} as a contiguous copy. Negative
 * {@code start}/{@code end} count from the end of the axis as in Python; unlike Python, an
 * index outside the axis is an error rather than silently clamped. Shape: {@code axis}'s
 * dimension becomes {@code end - start} (0 allowed). The gradient is the output gradient
 * placed back at the sliced positions, zero elsewhere.
 */
public final class Slice {
    private Slice() {}

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}.
     *
     * @throws IllegalArgumentException naming the axis, the range and the shape when the range
     *     does not lie inside the axis or {@code start > end}
     */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int[] shape = x.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("slice: cannot slice a scalar (shape [])");
        }
        int a = Reshape.axisIn("slice", axis, shape.length, shape);
        int dim = shape[a];
        int s = start < 0 ? start + dim : start;
        int e = end < 0 ? end + dim : end;
        if (s < 0 || e > dim || s > e) {
            throw new IllegalArgumentException("slice: range " + start + ":" + end + " is out of bounds for axis "
                    + axis + " of size " + dim + " in shape " + Shapes.str(shape));
        }
        int outer = Shapes.prod(shape, 0, a);
        int inner = Shapes.prod(shape, a + 1, shape.length);
        int len = e - s;
        int[] outShape = shape.clone();
        outShape[a] = len;
        float[] src = x.data();
        float[] out = new float[outer * len * inner];
        int run = len * inner;
        int srcRow = dim * inner;
        int srcOff = s * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, o * srcRow + srcOff, out, o * run, run);
        }
        return Tensor.fromOp("slice", out, outShape, g -> {
            float[] gx = new float[src.length];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(g, o * run, gx, o * srcRow + srcOff, run);
            }
            return new float[][] {gx};
        }, x);
    }
}
