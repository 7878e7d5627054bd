package org.hebb.ops;

import java.util.Arrays;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Reductions;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Reductions: sums, means, extremes, their positions and variances, over all elements or over
 * given axes (negative axes count from the end; an empty list of axes reduces nothing). With
 * {@code keepDims} the reduced axes stay as dimensions of size 1, otherwise they are removed.
 *
 * <p>Gradients, with g the gradient of the output broadcast back over the reduced axes and n
 * the number of elements reduced into each output:
 * <ul>
 *   <li>{@code sum}: {@code dx = g} at every element;</li>
 *   <li>{@code mean}: {@code dx = g / n};</li>
 *   <li>{@code max}, {@code min}: all of g goes to the <em>first</em> extreme element (in
 *       row-major order) of each reduced group, 0 elsewhere;</li>
 *   <li>{@code var}: the <b>population</b> variance {@code mean((x - mean(x))^2)}, dividing by n
 *       like NumPy's default ({@code ddof=0}) and Keras, unlike PyTorch's default (n - 1);
 *       {@code dx = g * 2 (x - mean) / n};</li>
 *   <li>{@code argmax}, {@code argmin}: indices (as floats, exact up to 2^24) of the first
 *       extreme element; not differentiable, never recorded.</li>
 * </ul>
 * A NaN counts as the extreme of max, min, argmax and argmin (as in NumPy).
 *
 * <p>Deterministic: sums accumulate in double in a fixed order of fixed chunks (see
 * {@link Reductions}), so every result is bit-identical for any thread count. Reducing over
 * several axes that are not next to each other first gathers the input into
 * {@code [kept..., reduced...]} order.
 */
public final class Reduce {
    private Reduce() {}

    /** Sum of all elements, as a scalar; the gradient is {@code g} everywhere. */
    public static Tensor sumAll(Tensor x) {
        float s = Reductions.sum(x.data(), 0, x.size());
        int n = x.size();
        return Tensor.fromOp("sum", new float[] {s}, new int[0], g -> {
            float[] gx = new float[n];
            Arrays.fill(gx, g[0]);
            return new float[][] {gx};
        }, x);
    }

    /** Sum over {@code axes}. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        Plan plan = new Plan("sum", x.shape(), axes, keepDims);
        double[] s = Reductions.sums(plan.layout(x.data()), plan.outer, plan.n, plan.inner);
        float[] y = new float[s.length];
        for (int i = 0; i < y.length; i++) y[i] = (float) s[i];
        return Tensor.fromOp("sum", y, plan.outShape, g -> new float[][] {plan.spread(g, 1f)}, x);
    }

    /** Mean over {@code axes} (NaN where nothing was reduced, i.e. over a dimension of size 0). */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        Plan plan = new Plan("mean", x.shape(), axes, keepDims);
        double[] s = Reductions.sums(plan.layout(x.data()), plan.outer, plan.n, plan.inner);
        float[] y = new float[s.length];
        for (int i = 0; i < y.length; i++) y[i] = (float) (s[i] / plan.n);
        float scale = (float) (1.0 / plan.n);
        return Tensor.fromOp("mean", y, plan.outShape, g -> new float[][] {plan.spread(g, scale)}, x);
    }

    /** Population variance over {@code axes} (divides by n; see the class comment). */
    public static Tensor var(Tensor x, int[] axes, boolean keepDims) {
        Plan plan = new Plan("var", x.shape(), axes, keepDims);
        float[] data = plan.layout(x.data());
        double[] mean = Reductions.sums(data, plan.outer, plan.n, plan.inner);
        for (int i = 0; i < mean.length; i++) mean[i] /= plan.n;
        double[] sq = Reductions.squaredDeviations(data, plan.outer, plan.n, plan.inner, mean);
        float[] y = new float[sq.length];
        float[] m = new float[mean.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (sq[i] / plan.n);
            m[i] = (float) mean[i];
        }
        float scale = (float) (2.0 / plan.n);
        float[] xv = x.data();
        return Tensor.fromOp("var", y, plan.outShape, g -> {
            // dx = g * 2 (x - mean) / n, with g and mean (shape keepShape) broadcast over x.
            float[] gx = new float[xv.length];
            ParallelBroadcast.forEachRun(plan.keepShape, plan.inShape, plan.inShape, (gi, gInc, xi, xInc, o, len) -> {
                for (int j = 0; j < len; j++) {
                    int k = gi + j * gInc;
                    gx[o + j] = g[k] * (xv[o + j] - m[k]) * scale;
                }
            });
            return new float[][] {gx};
        }, x);
    }

    /** Maximum over {@code axes}; the gradient goes to the first maximal element. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return extreme("max", x, axes, keepDims, true);
    }

    /** Minimum over {@code axes}; the gradient goes to the first minimal element. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return extreme("min", x, axes, keepDims, false);
    }

    /** Index along {@code axis} of the first maximum, as a float tensor; not differentiable. */
    public static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        return argExtreme("argmax", x, new int[] {axis}, keepDims, true);
    }

    /** Index along {@code axis} of the first minimum, as a float tensor; not differentiable. */
    public static Tensor argmin(Tensor x, int axis, boolean keepDims) {
        return argExtreme("argmin", x, new int[] {axis}, keepDims, false);
    }

    /** Flat (row-major) index of the first maximum over all elements, as a scalar. */
    public static Tensor argmaxAll(Tensor x) {
        return argExtreme("argmax", x, allAxes(x.rank()), false, true);
    }

    /** Flat (row-major) index of the first minimum over all elements, as a scalar. */
    public static Tensor argminAll(Tensor x) {
        return argExtreme("argmin", x, allAxes(x.rank()), false, false);
    }

    /** {@code [0, 1, ..., rank-1]}: every axis. */
    public static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) a[i] = i;
        return a;
    }

    /**
     * Normalizes {@code axis} (negative counts from the end) against {@code shape}.
     *
     * @throws IllegalArgumentException naming {@code op}, the axis and the shape when out of range
     */
    static int axis(String op, int axis, int[] shape) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape "
                    + Shapes.str(shape) + " (rank " + shape.length + ")");
        }
        return a;
    }

    private static Tensor extreme(String name, Tensor x, int[] axes, boolean keepDims, boolean max) {
        Plan plan = new Plan(name, x.shape(), axes, keepDims);
        plan.requireNonEmpty();
        float[] xv = x.data();
        int[] at = Reductions.argExtreme(plan.layout(xv), plan.outer, plan.n, plan.inner, max);
        int[] flat = new int[at.length];
        float[] y = new float[at.length];
        for (int q = 0; q < at.length; q++) {
            flat[q] = plan.flatIndex(q, at[q]);
            y[q] = xv[flat[q]];
        }
        int size = xv.length;
        return Tensor.fromOp(name, y, plan.outShape, g -> {
            float[] gx = new float[size];
            for (int q = 0; q < flat.length; q++) gx[flat[q]] = g[q];
            return new float[][] {gx};
        }, x);
    }

    private static Tensor argExtreme(String name, Tensor x, int[] axes, boolean keepDims, boolean max) {
        Plan plan = new Plan(name, x.shape(), axes, keepDims);
        plan.requireNonEmpty();
        int[] at = Reductions.argExtreme(plan.layout(x.data()), plan.outer, plan.n, plan.inner, max);
        float[] y = new float[at.length];
        for (int q = 0; q < at.length; q++) y[q] = at[q];
        return Tensor.of(y, plan.outShape);
    }

    /**
     * How a reduction over given axes maps onto the kernels' {@code [outer, n, inner]} layout.
     * Size-1 dimensions are dropped and neighbouring dimensions of the same kind (kept or
     * reduced) merged; if the reduced dimensions then form one block, the input is used as is,
     * otherwise it is gathered into {@code [kept, reduced]} order (inner = 1) through the
     * offset tables {@code base} (per output) and {@code roff} (per reduced position).
     */
    private static final class Plan {
        final String op;
        final int[] inShape;
        final int[] keepShape;
        final int[] outShape;
        final int outer;
        final int n;
        final int inner;
        final int[] base;
        final int[] roff;
        final String axesText;

        Plan(String op, int[] shape, int[] axes, boolean keepDims) {
            this.op = op;
            this.inShape = shape;
            this.axesText = Arrays.toString(axes);
            int rank = shape.length;
            boolean[] red = new boolean[rank];
            for (int ax : axes) {
                int a = axis(op, ax, shape);
                if (red[a]) {
                    throw new IllegalArgumentException(op + ": axis " + ax + " is repeated in axes " + axesText
                            + " for shape " + Shapes.str(shape));
                }
                red[a] = true;
            }
            keepShape = shape.clone();
            int kept = 0;
            for (int d = 0; d < rank; d++) {
                if (red[d]) {
                    keepShape[d] = 1;
                } else {
                    kept++;
                }
            }
            if (keepDims) {
                outShape = keepShape.clone();
            } else {
                outShape = new int[kept];
                for (int d = 0, k = 0; d < rank; d++) {
                    if (!red[d]) outShape[k++] = shape[d];
                }
            }
            // Merge into alternating groups of kept / reduced dimensions, skipping size 1.
            int groups = 0;
            int reducedGroups = 0;
            boolean lastRed = false;
            int before = 1;
            int reduced = 1;
            int after = 1;
            for (int d = 0; d < rank; d++) {
                if (shape[d] == 1) {
                    continue;
                }
                if (groups == 0 || red[d] != lastRed) {
                    groups++;
                    if (red[d]) reducedGroups++;
                    lastRed = red[d];
                }
                if (red[d]) {
                    reduced *= shape[d];
                } else if (reducedGroups == 0) {
                    before *= shape[d];
                } else {
                    after *= shape[d];
                }
            }
            n = reduced;
            if (reducedGroups <= 1) {
                outer = before;
                inner = after;
                base = null;
                roff = null;
            } else {
                outer = Shapes.size(keepShape);
                inner = 1;
                int[] strides = Shapes.strides(shape);
                base = offsets(shape, strides, red, false);
                roff = offsets(shape, strides, red, true);
            }
        }

        /** The input in the kernels' layout: itself, or gathered into [kept, reduced] order. */
        float[] layout(float[] x) {
            if (base == null) {
                return x;
            }
            float[] g = new float[x.length];
            int rows = Math.max(1, Reductions.CHUNK / Math.max(1, n));
            Parallel.forRange(outer, rows, (s, e) -> {
                for (int o = s; o < e; o++) {
                    int b = base[o];
                    for (int r = 0; r < n; r++) g[o * n + r] = x[b + roff[r]];
                }
            });
            return g;
        }

        /** Flat input index of reduced position r of output q. */
        int flatIndex(int q, int r) {
            if (base != null) {
                return base[q] + roff[r];
            }
            int p = q / inner;
            int j = q - p * inner;
            return (p * n + r) * inner + j;
        }

        /** {@code g} (one value per output) times {@code scale}, repeated over the reduced axes. */
        float[] spread(float[] g, float scale) {
            float[] gx = new float[Shapes.size(inShape)];
            ParallelBroadcast.forEachRun(keepShape, inShape, inShape, (gi, gInc, xi, xInc, o, len) -> {
                if (gInc == 0) {
                    Arrays.fill(gx, o, o + len, g[gi] * scale);
                } else {
                    for (int j = 0; j < len; j++) gx[o + j] = g[gi + j] * scale;
                }
            });
            return gx;
        }

        void requireNonEmpty() {
            if (n == 0 && outer * inner > 0) {
                throw new IllegalArgumentException(op + ": cannot reduce over a dimension of size 0 (shape "
                        + Shapes.str(inShape) + ", axes " + axesText + ")");
            }
        }

        /** Row-major offsets of every index over the dimensions with {@code red[d] == which}. */
        private static int[] offsets(int[] shape, int[] strides, boolean[] red, boolean which) {
            int count = 0;
            int size = 1;
            for (int d = 0; d < shape.length; d++) {
                if (red[d] == which) {
                    count++;
                    size *= shape[d];
                }
            }
            int[] dims = new int[count];
            for (int d = 0, k = 0; d < shape.length; d++) {
                if (red[d] == which) dims[k++] = d;
            }
            int[] off = new int[size];
            int[] idx = new int[count];
            int cur = 0;
            for (int i = 0; i < size; i++) {
                off[i] = cur;
                for (int k = count - 1; k >= 0; k--) {
                    int d = dims[k];
                    cur += strides[d];
                    if (++idx[k] < shape[d]) {
                        break;
                    }
                    cur -= strides[d] * shape[d];
                    idx[k] = 0;
                }
            }
            return off;
        }
    }
}
