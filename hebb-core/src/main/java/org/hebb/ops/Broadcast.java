package org.hebb.ops;

import java.util.Arrays;
import org.hebb.tensor.Shapes;

/**
 * NumPy broadcasting: the shape of a binary op's result, the walk over it in contiguous runs,
 * and the reduction of a gradient back to an operand's shape.
 *
 * <p>Shapes are aligned on the right; each pair of dimensions must be equal or one of them 1.
 * An operand's stride is 0 along a dimension it is stretched over.
 */
public final class Broadcast {
    private Broadcast() {}

    /** Visits one run: {@code len} output elements from {@code o}, reading a and b with the given increments. */
    @FunctionalInterface
    public interface RunBody {
        void run(int ai, int aInc, int bi, int bInc, int o, int len);
    }

    /**
     * The broadcast shape of {@code a} and {@code b}.
     *
     * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
     */
    public static int[] shape(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a) + " and " + Shapes.str(b)
                        + " cannot be broadcast together (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides of an operand of shape {@code in} read as shape {@code out}: 0 where it is stretched. */
    static int[] strides(int[] in, int[] out) {
        int[] s = new int[out.length];
        int acc = 1;
        for (int i = out.length - 1; i >= 0; i--) {
            int k = i - (out.length - in.length);
            int d = k >= 0 ? in[k] : 1;
            s[i] = (d == 1 && out[i] != 1) ? 0 : acc;
            acc *= d;
        }
        return s;
    }

    /**
     * Walks the output of shape {@code out} in runs along the merged innermost dimensions,
     * calling {@code body} once per run with the operands' positions and increments (0 or 1).
     */
    public static void forEachRun(int[] aShape, int[] bShape, int[] out, RunBody body) {
        int total = Shapes.size(out);
        if (total == 0) {
            return;
        }
        int[] sa = strides(aShape, out);
        int[] sb = strides(bShape, out);
        // Coalesce: drop size-1 dimensions, then merge a dimension into the next inner one when
        // both operands step through the pair as through one longer dimension.
        int[] dims = new int[out.length];
        int[] da = new int[out.length];
        int[] db = new int[out.length];
        int n = 0;
        for (int d = 0; d < out.length; d++) {
            if (out[d] == 1) {
                continue;
            }
            if (n > 0 && da[n - 1] == sa[d] * out[d] && db[n - 1] == sb[d] * out[d]) {
                dims[n - 1] *= out[d];
                da[n - 1] = sa[d];
                db[n - 1] = sb[d];
            } else {
                dims[n] = out[d];
                da[n] = sa[d];
                db[n] = sb[d];
                n++;
            }
        }
        if (n == 0) {
            body.run(0, 0, 0, 0, 0, 1);
            return;
        }
        int len = dims[n - 1];
        int aInc = da[n - 1];
        int bInc = db[n - 1];
        int inner = n - 1;
        int[] idx = new int[inner];
        int ai = 0;
        int bi = 0;
        for (int o = 0; o < total; o += len) {
            body.run(ai, aInc, bi, bInc, o, len);
            for (int d = inner - 1; d >= 0; d--) {
                ai += da[d];
                bi += db[d];
                if (++idx[d] < dims[d]) {
                    break;
                }
                ai -= da[d] * dims[d];
                bi -= db[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    /**
     * Sums {@code grad} (of the broadcast shape {@code out}) over the dimensions along which an
     * operand of shape {@code in} was stretched, giving a gradient of {@code in}'s size.
     * Returns {@code grad} itself when no reduction is needed.
     */
    public static float[] reduceTo(float[] grad, int[] out, int[] in) {
        if (Arrays.equals(out, in) || Shapes.size(in) == grad.length) {
            return grad;
        }
        float[] res = new float[Shapes.size(in)];
        forEachRun(in, out, out, (ii, iInc, gi, gInc, o, len) -> {
            if (iInc == 0) {
                float s = 0f;
                for (int j = 0; j < len; j++) s += grad[o + j];
                res[ii] += s;
            } else {
                for (int j = 0; j < len; j++) res[ii + j] += grad[o + j];
            }
        });
        return res;
    }
}
