package org.hebb.kernels;

/**
 * Elementwise binary kernels over strided runs: {@code out[o + j] = a[ai + j*aInc] OP b[bi + j*bInc]}
 * for {@code j < len}, where an increment of 0 repeats one value (broadcasting) and 1 walks
 * the array. The op is chosen once per run, so the inner loops are plain and vectorizable.
 *
 * <p>Besides arithmetic, the ops include comparisons (1 where true, 0 where false; any
 * comparison with NaN is false, except that NaN is never equal to itself) and the partial
 * derivatives of {@code max} and {@code pow} that backward passes need.
 */
public final class Binary {
    /** The binary operations. */
    public enum Op {
        /** {@code a + b}. */
        ADD,
        /** {@code a - b}. */
        SUB,
        /** {@code a * b}. */
        MUL,
        /** {@code a / b}. */
        DIV,
        /** {@code max(a, b)}; NaN if either is NaN. */
        MAX,
        /** {@code min(a, b)}; NaN if either is NaN. */
        MIN,
        /** {@code a^b}, computed in double. */
        POW,
        /** 1 if {@code a > b}, else 0. */
        GT,
        /** 1 if {@code a >= b}, else 0. */
        GE,
        /** 1 if {@code a < b}, else 0. */
        LT,
        /** 1 if {@code a <= b}, else 0. */
        LE,
        /** 1 if {@code a == b}, else 0. */
        EQ,
        /** a's share of {@code max(a, b)}: 1 if {@code a > b}, 0.5 on a tie, else 0 (= d max(a,b) / da). */
        MAX_SHARE,
        /** {@code d(a^b)/da = b * a^(b-1)}, taken as 0 when {@code b == 0}. */
        POW_D_BASE,
        /** {@code d(a^b)/db = a^b * ln(a)}, taken as 0 when {@code a == 0 && b >= 0}. */
        POW_D_EXP
    }

    private Binary() {}

    /** Applies {@code op} over one run (see the class comment). */
    public static void run(Op op, float[] a, int ai, int aInc, float[] b, int bi, int bInc,
                           float[] out, int o, int len) {
        switch (op) {
            case ADD -> {
                if (aInc == 1 && bInc == 1) {
                    for (int j = 0; j < len; j++) out[o + j] = a[ai + j] + b[bi + j];
                } else if (aInc == 1) {
                    float bv = b[bi];
                    for (int j = 0; j < len; j++) out[o + j] = a[ai + j] + bv;
                } else {
                    for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] + b[bi + j * bInc];
                }
            }
            case SUB -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] - b[bi + j * bInc];
            }
            case MUL -> {
                if (aInc == 1 && bInc == 1) {
                    for (int j = 0; j < len; j++) out[o + j] = a[ai + j] * b[bi + j];
                } else {
                    for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] * b[bi + j * bInc];
                }
            }
            case DIV -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] / b[bi + j * bInc];
            }
            case MAX -> {
                for (int j = 0; j < len; j++) out[o + j] = Math.max(a[ai + j * aInc], b[bi + j * bInc]);
            }
            case MIN -> {
                for (int j = 0; j < len; j++) out[o + j] = Math.min(a[ai + j * aInc], b[bi + j * bInc]);
            }
            case POW -> {
                for (int j = 0; j < len; j++) {
                    out[o + j] = (float) Math.pow(a[ai + j * aInc], b[bi + j * bInc]);
                }
            }
            case GT -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] > b[bi + j * bInc] ? 1f : 0f;
            }
            case GE -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] >= b[bi + j * bInc] ? 1f : 0f;
            }
            case LT -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] < b[bi + j * bInc] ? 1f : 0f;
            }
            case LE -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] <= b[bi + j * bInc] ? 1f : 0f;
            }
            case EQ -> {
                for (int j = 0; j < len; j++) out[o + j] = a[ai + j * aInc] == b[bi + j * bInc] ? 1f : 0f;
            }
            case MAX_SHARE -> {
                for (int j = 0; j < len; j++) {
                    float x = a[ai + j * aInc];
                    float y = b[bi + j * bInc];
                    out[o + j] = x > y ? 1f : (x == y ? 0.5f : 0f);
                }
            }
            case POW_D_BASE -> {
                for (int j = 0; j < len; j++) {
                    double x = a[ai + j * aInc];
                    double y = b[bi + j * bInc];
                    out[o + j] = y == 0 ? 0f : (float) (y * Math.pow(x, y - 1.0));
                }
            }
            case POW_D_EXP -> {
                for (int j = 0; j < len; j++) {
                    double x = a[ai + j * aInc];
                    double y = b[bi + j * bInc];
                    out[o + j] = (x == 0 && y >= 0) ? 0f : (float) (Math.pow(x, y) * Math.log(x));
                }
            }
        }
    }
}
