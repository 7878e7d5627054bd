package org.hebb.kernels;

/**
 * Front door of the streaming loops of {@link StreamOps}, in their fastest form on this JVM
 * (the Vector API when readable, plain Java otherwise; {@link #implementation()} says which).
 */
public final class Streams {
    private static final StreamOps OPS = Simd.load("org.hebb.kernels.StreamOpsVector", StreamOps.class,
            StreamOps.PLAIN);

    private Streams() {}

    /**
     * Rows of {@code width} floats in a band of about 256 floats (at least one row): per-channel
     * work over NHWC rows of 16-64 channels runs a band at a time, so each call here is one long
     * loop instead of a loop too short to vectorize.
     */
    public static int bandRows(int width) {
        return Math.max(1, 256 / width);
    }

    /** "vector" or "plain". */
    public static String implementation() {
        return OPS == StreamOps.PLAIN ? "plain" : "vector";
    }

    /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < len}. */
    public static void addInto(float[] dst, int dOff, float[] src, int sOff, int len) {
        OPS.addInto(dst, dOff, src, sOff, len);
    }

    /** {@code dst[dOff + i] += a[aOff + i] * b[bOff + i]} for {@code i < len}, each a fused multiply-add. */
    public static void mulAddInto(float[] dst, int dOff, float[] a, int aOff, float[] b, int bOff, int len) {
        OPS.mulAddInto(dst, dOff, a, aOff, b, bOff, len);
    }

    /** {@code out[oOff + i] = x[xOff + i] * s[i] + t[i]} for {@code i < len}, each a fused multiply-add. */
    public static void affine(float[] x, int xOff, float[] s, float[] t, float[] out, int oOff, int len) {
        OPS.affine(x, xOff, s, t, out, oOff, len);
    }

    /**
     * {@code out[oOff + i] = y[from + i] > 0 ? g[from + i] : 0} for {@code i < len}: the ReLU's
     * gradient given its output y.
     */
    public static void maskPositive(float[] g, float[] y, int from, float[] out, int oOff, int len) {
        OPS.maskPositive(g, y, from, out, oOff, len);
    }

    /** {@code x[i] = max(x[i], 0)} in place for {@code from <= i < to}; NaN stays NaN. */
    public static void relu(float[] x, int from, int to) {
        OPS.relu(x, from, to);
    }
}
