package org.hebb.ops;

import java.util.Arrays;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Concatenate and stack: joining tensors along an axis, as contiguous copies.
 *
 * <p>{@code concat(axis, a, b, ...)}: shapes equal except along {@code axis}, whose sizes add
 * up ({@code [2, 3]} and {@code [2, 5]} on axis 1 give {@code [2, 8]}). {@code stack(axis, a, b,
 * ...)}: equal shapes, joined along a new axis of size {@code n} inserted at {@code axis}
 * ({@code n} tensors {@code [3, 4]} on axis 0 give {@code [n, 3, 4]}). The gradient of each
 * input is its own part of the output gradient.
 */
public final class Concat {
    private Concat() {}

    /**
     * The tensors joined along existing axis {@code axis} (negative counts from the end).
     *
     * @throws IllegalArgumentException naming all shapes when there is no tensor, the ranks
     *     differ, or a dimension other than {@code axis} differs
     */
    public static Tensor concat(int axis, Tensor... ts) {
        int[][] shapes = shapes("concat", ts);
        int[] first = shapes[0];
        int r = first.length;
        if (r == 0) {
            throw new IllegalArgumentException("concat: cannot concatenate scalars (shapes " + list(shapes)
                    + "); use stack");
        }
        for (int[] s : shapes) {
            if (s.length != r) {
                throw new IllegalArgumentException("concat: all tensors need the same rank, got shapes " + list(shapes));
            }
        }
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) {
            throw new IllegalArgumentException("concat: axis " + axis + " out of range for shapes " + list(shapes)
                    + " (rank " + r + ")");
        }
        int total = 0;
        for (int[] s : shapes) {
            for (int d = 0; d < r; d++) {
                if (d != a && s[d] != first[d]) {
                    throw new IllegalArgumentException("concat: shapes " + list(shapes) + " must match except on axis "
                            + axis + " (dimension " + d + ": " + first[d] + " vs " + s[d] + ")");
                }
            }
            total += s[a];
        }
        int[] outShape = first.clone();
        outShape[a] = total;
        int outer = Shapes.prod(first, 0, a);
        int inner = Shapes.prod(first, a + 1, r);
        int[] runs = new int[ts.length];
        for (int t = 0; t < ts.length; t++) {
            runs[t] = shapes[t][a] * inner;
        }
        return join("concat", ts, outShape, outer, runs);
    }

    /**
     * The tensors, all of one shape, stacked along a new axis inserted at {@code axis}
     * ({@code 0 <= axis <= rank}; negative counts from the end of the result's axes).
     *
     * @throws IllegalArgumentException naming all shapes when there is no tensor or the shapes differ
     */
    public static Tensor stack(int axis, Tensor... ts) {
        int[][] shapes = shapes("stack", ts);
        int[] first = shapes[0];
        for (int[] s : shapes) {
            if (!Arrays.equals(s, first)) {
                throw new IllegalArgumentException("stack: all tensors need the same shape, got shapes " + list(shapes));
            }
        }
        int r = first.length + 1;
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) {
            throw new IllegalArgumentException("stack: axis " + axis + " out of range for stacking shapes "
                    + list(shapes) + " (valid: " + -r + " .. " + (r - 1) + ")");
        }
        int[] outShape = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            outShape[i] = i == a ? ts.length : first[j++];
        }
        int outer = Shapes.prod(first, 0, a);
        int inner = Shapes.prod(first, a, first.length);
        int[] runs = new int[ts.length];
        Arrays.fill(runs, inner);
        return join("stack", ts, outShape, outer, runs);
    }

    /** For each of {@code outer} rows, copies each input's next run of {@code runs[t]} elements in turn. */
    private static Tensor join(String op, Tensor[] ts, int[] outShape, int outer, int[] runs) {
        int n = ts.length;
        int rowLen = 0;
        int[] offsets = new int[n];
        for (int t = 0; t < n; t++) {
            offsets[t] = rowLen;
            rowLen += runs[t];
        }
        float[] out = new float[outer * rowLen];
        for (int t = 0; t < n; t++) {
            float[] src = ts[t].data();
            int run = runs[t];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * run, out, o * rowLen + offsets[t], run);
            }
        }
        Tensor[] inputs = ts.clone();
        int row = rowLen;
        return Tensor.fromOp(op, out, outShape, g -> {
            float[][] grads = new float[n][];
            for (int t = 0; t < n; t++) {
                if (!inputs[t].requiresGrad()) {
                    continue;
                }
                int run = runs[t];
                float[] gt = new float[outer * run];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(g, o * row + offsets[t], gt, o * run, run);
                }
                grads[t] = gt;
            }
            return grads;
        }, inputs);
    }

    private static int[][] shapes(String op, Tensor[] ts) {
        if (ts == null || ts.length == 0) {
            throw new IllegalArgumentException(op + ": needs at least one tensor, got none");
        }
        int[][] shapes = new int[ts.length][];
        for (int t = 0; t < ts.length; t++) {
            if (ts[t] == null) {
                throw new IllegalArgumentException(op + ": tensor " + t + " of " + ts.length + " is null");
            }
            shapes[t] = ts[t].shape();
        }
        return shapes;
    }

    private static String list(int[][] shapes) {
        // Name every shape, up to a readable number of them.
        int shown = Math.min(shapes.length, 16);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(Shapes.str(shapes[i]));
        }
        if (shown < shapes.length) {
            sb.append(", ... (").append(shapes.length).append(" tensors)");
        }
        return sb.toString();
    }
}
