package org.hebb.kernels;

/**
 * Elementwise binary kernels over strided runs: {@code out[o + j] = a[ai + j*aInc] OP b[bi + j*bInc]}
 * for {@code j < len}, where an increment of 0 repeats one value (broadcasting) and 1 walks
 * the array. The op is chosen once per run, so the inner loops are plain and vectorizable.
 */
public final class Binary {
    /** The binary operations. */
    public enum Op { ADD, SUB, MUL, DIV, MAX, MIN, POW }

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
        }
    }
}
