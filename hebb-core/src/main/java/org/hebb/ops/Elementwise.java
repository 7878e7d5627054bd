package org.hebb.ops;

import org.hebb.kernels.Binary;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Unary;
import org.hebb.tensor.Buffers;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Elementwise math: exp, log, sqrt, abs, powers, clamping, elementwise maximum and minimum,
 * comparison masks and {@code where}. Binary forms broadcast like NumPy.
 *
 * <p>Gradients, with g the gradient of the output y (each reduced back to its operand's shape
 * by summing over broadcast dimensions):
 * <ul>
 *   <li>{@code exp}: {@code g * y}; {@code log}: {@code g / x}; {@code sqrt}: {@code g / (2y)};</li>
 *   <li>{@code abs}: {@code g * sign(x)}, 0 at x = 0 (as in PyTorch);</li>
 *   <li>{@code pow(x, p)} with a scalar p: {@code g * p * x^(p-1)} (0 when p = 0);</li>
 *   <li>{@code pow(a, b)} with a tensor b: {@code da = g * b * a^(b-1)} (0 where b = 0),
 *       {@code db = g * a^b * ln(a)} (0 where a = 0 and b &gt;= 0, NaN where a &lt; 0);</li>
 *   <li>{@code clamp(x, lo, hi)}: g where {@code lo <= x <= hi} (boundaries included, as in
 *       PyTorch), else 0;</li>
 *   <li>{@code maximum(a, b)}: g goes to the larger operand; on a tie it is <b>split in half</b>
 *       between the two (as in PyTorch), so the gradient is symmetric in a and b;
 *       {@code minimum} likewise to the smaller;</li>
 *   <li>{@code where(c, a, b)}: g to a where c is non-zero, to b elsewhere; none to c;</li>
 *   <li>comparisons ({@code gt, ge, lt, le, eq}) return 0/1 masks and are never recorded on
 *       the tape: they are not differentiable.</li>
 * </ul>
 *
 * <p>Large tensors are processed in fixed chunks over the thread pool (see {@link Unary} and
 * {@link ParallelBroadcast}); the values never depend on the thread count.
 */
public final class Elementwise {
    private Elementwise() {}

    /** {@code e^x}. */
    public static Tensor exp(Tensor x) {
        return unary("exp", Unary.Op.EXP, x, 0f, 0f);
    }

    /** Natural logarithm (NaN for negative inputs, -inf at 0). */
    public static Tensor log(Tensor x) {
        return unary("log", Unary.Op.LOG, x, 0f, 0f);
    }

    /** Square root (NaN for negative inputs). */
    public static Tensor sqrt(Tensor x) {
        return unary("sqrt", Unary.Op.SQRT, x, 0f, 0f);
    }

    /** {@code |x|}. */
    public static Tensor abs(Tensor x) {
        return unary("abs", Unary.Op.ABS, x, 0f, 0f);
    }

    /** {@code x^p} for a scalar exponent. */
    public static Tensor pow(Tensor x, float p) {
        return unary("pow", Unary.Op.POW, x, p, 0f);
    }

    /**
     * {@code min(max(x, lo), hi)}; either bound may be infinite.
     *
     * @throws IllegalArgumentException if {@code lo > hi} or a bound is NaN
     */
    public static Tensor clamp(Tensor x, float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: min " + lo + " must be <= max " + hi
                    + " (tensor of shape " + Shapes.str(x.shape()) + ")");
        }
        return unary("clamp", Unary.Op.CLAMP, x, lo, hi);
    }

    /** {@code a^b} elementwise, broadcasting. */
    public static Tensor pow(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("pow", a.shape(), b.shape());
        return Tensor.fromOp("pow", binary(Binary.Op.POW, a, b, out), out, g -> new float[][] {
            a.requiresGrad() ? Broadcast.reduceTo(times(binary(Binary.Op.POW_D_BASE, a, b, out), g), out, a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(times(binary(Binary.Op.POW_D_EXP, a, b, out), g), out, b.shape()) : null
        }, a, b);
    }

    /** Elementwise {@code max(a, b)}, broadcasting; a tie splits the gradient in half. */
    public static Tensor maximum(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("maximum", a.shape(), b.shape());
        return Tensor.fromOp("maximum", binary(Binary.Op.MAX, a, b, out), out, g -> new float[][] {
            a.requiresGrad() ? Broadcast.reduceTo(times(binary(Binary.Op.MAX_SHARE, a, b, out), g), out, a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(times(binary(Binary.Op.MAX_SHARE, b, a, out), g), out, b.shape()) : null
        }, a, b);
    }

    /** Elementwise {@code min(a, b)}, broadcasting; a tie splits the gradient in half. */
    public static Tensor minimum(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("minimum", a.shape(), b.shape());
        // a's share of min(a, b) is b's share of max(b, a): 1 where a < b, 1/2 on a tie.
        return Tensor.fromOp("minimum", binary(Binary.Op.MIN, a, b, out), out, g -> new float[][] {
            a.requiresGrad() ? Broadcast.reduceTo(times(binary(Binary.Op.MAX_SHARE, b, a, out), g), out, a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(times(binary(Binary.Op.MAX_SHARE, a, b, out), g), out, b.shape()) : null
        }, a, b);
    }

    /** Mask of {@code a > b} (1 or 0), broadcasting; not differentiable. */
    public static Tensor gt(Tensor a, Tensor b) {
        return compare("gt", Binary.Op.GT, a, b);
    }

    /** Mask of {@code a >= b} (1 or 0), broadcasting; not differentiable. */
    public static Tensor ge(Tensor a, Tensor b) {
        return compare("ge", Binary.Op.GE, a, b);
    }

    /** Mask of {@code a < b} (1 or 0), broadcasting; not differentiable. */
    public static Tensor lt(Tensor a, Tensor b) {
        return compare("lt", Binary.Op.LT, a, b);
    }

    /** Mask of {@code a <= b} (1 or 0), broadcasting; not differentiable. */
    public static Tensor le(Tensor a, Tensor b) {
        return compare("le", Binary.Op.LE, a, b);
    }

    /** Mask of {@code a == b} (1 or 0), broadcasting; not differentiable. */
    public static Tensor eq(Tensor a, Tensor b) {
        return compare("eq", Binary.Op.EQ, a, b);
    }

    /**
     * {@code cond != 0 ? a : b} elementwise; the three shapes broadcast together. The gradient
     * goes to a where the condition holds and to b elsewhere; the condition gets none.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] ab;
        int[] out;
        try {
            ab = Broadcast.shape("where", a.shape(), b.shape());
            out = Broadcast.shape("where", cond.shape(), ab);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("where: condition " + Shapes.str(cond.shape()) + ", x "
                    + Shapes.str(a.shape()) + " and y " + Shapes.str(b.shape()) + " cannot be broadcast together", e);
        }
        float[] c = expand(cond.data(), cond.shape(), out);
        float[] av = expand(a.data(), a.shape(), out);
        float[] bv = expand(b.data(), b.shape(), out);
        float[] y = new float[c.length];
        Parallel.forRange(y.length, Unary.CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) y[i] = c[i] != 0f ? av[i] : bv[i];
        });
        return Tensor.fromOp("where", y, out, g -> {
            float[] ga = null;
            float[] gb = null;
            if (a.requiresGrad()) {
                ga = new float[g.length];
                for (int i = 0; i < g.length; i++) ga[i] = c[i] != 0f ? g[i] : 0f;
                ga = Broadcast.reduceTo(ga, out, a.shape());
            }
            if (b.requiresGrad()) {
                gb = new float[g.length];
                for (int i = 0; i < g.length; i++) gb[i] = c[i] != 0f ? 0f : g[i];
                gb = Broadcast.reduceTo(gb, out, b.shape());
            }
            return new float[][] {null, ga, gb};
        }, cond, a, b);
    }

    // ------------------------------------------------------------------ shared helpers

    /** A recorded unary op: {@code y = op(x)}, backward {@code g * op'(x)} (see {@link Unary}). */
    static Tensor unary(String name, Unary.Op op, Tensor x, float p, float q) {
        float[] xv = x.data();
        float[] y = Buffers.take(xv.length);
        Unary.apply(op, xv, y, p, q);
        return Tensor.fromOp(name, y, x.shape(), g -> {
            float[] gx = Buffers.take(g.length);
            Unary.derivative(op, g, xv, y, gx, p, q);
            return new float[][] {gx};
        }, x);
    }

    /** Elementwise {@code op} of two tensors broadcast to {@code out}, in parallel when large. */
    static float[] binary(Binary.Op op, Tensor a, Tensor b, int[] out) {
        float[] r = Buffers.take(Shapes.size(out)); // every run of the output is written
        float[] x = a.data();
        float[] y = b.data();
        ParallelBroadcast.forEachRun(a.shape(), b.shape(), out,
                (ai, aInc, bi, bInc, o, len) -> Binary.run(op, x, ai, aInc, y, bi, bInc, r, o, len));
        return r;
    }

    /** {@code values} (of shape {@code from}) repeated along broadcast dimensions to shape {@code to}. */
    static float[] expand(float[] values, int[] from, int[] to) {
        if (Shapes.size(from) == Shapes.size(to)) {
            return values;
        }
        float[] r = new float[Shapes.size(to)];
        ParallelBroadcast.forEachRun(from, to, to, (vi, vInc, ti, tInc, o, len) -> {
            if (vInc == 0) {
                java.util.Arrays.fill(r, o, o + len, values[vi]);
            } else {
                System.arraycopy(values, vi, r, o, len);
            }
        });
        return r;
    }

    /** {@code t *= g} elementwise (same length), in place; returns {@code t}. */
    static float[] times(float[] t, float[] g) {
        Parallel.forRange(t.length, Unary.CHUNK, (s, e) -> Binary.run(Binary.Op.MUL, t, s, 1, g, s, 1, t, s, e - s));
        return t;
    }

    private static Tensor compare(String name, Binary.Op op, Tensor a, Tensor b) {
        int[] out = Broadcast.shape(name, a.shape(), b.shape());
        return Tensor.of(binary(op, a, b, out), out);
    }
}
