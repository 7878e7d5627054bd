package org.hebb.kernels;

/**
 * Softmax and log-softmax along the middle dimension of an array seen as {@code [outer, n, inner]}
 * (row-major), and their backward passes. Each of the {@code outer * inner} lines of n values
 * is handled by one thread from start to end, so results never depend on the thread count.
 *
 * <p>Stable for any finite input: the line's maximum m is subtracted before exponentiating, so
 * every {@code e^(x - m)} is in {@code (0, 1]} and the sum is in {@code [1, n]}:
 * {@code softmax = e^(x-m) / sum}, {@code logSoftmax = x - m - log(sum)}. Sums run in double.
 */
public final class Softmax {
    /** Widest block of columns (for {@code inner > 1}) handled together. */
    private static final int COLS = 1024;

    private Softmax() {}

    /** {@code y = softmax(x)} (or {@code logSoftmax} when {@code log}) along the middle dimension. */
    public static void forward(float[] x, float[] y, int outer, int n, int inner, boolean log) {
        check(x.length, y.length, outer, n, inner);
        forLines(outer, n, inner, (p, j0, j1) -> {
            if (inner == 1) {
                rowForward(x, y, p * n, n, log);
            } else {
                blockForward(x, y, p * n * inner, n, inner, j0, j1, log);
            }
        });
    }

    /**
     * Gradient of the input from the output y and its gradient g: for softmax
     * {@code out = y * (g - sum(g * y))}, for log-softmax {@code out = g - exp(y) * sum(g)},
     * sums taken along the line.
     */
    public static void backward(float[] g, float[] y, float[] out, int outer, int n, int inner, boolean log) {
        check(g.length, y.length, outer, n, inner);
        check(g.length, out.length, outer, n, inner);
        forLines(outer, n, inner, (p, j0, j1) -> {
            int base = p * n * inner;
            for (int j = j0; j < j1; j++) {
                double s = 0;
                if (log) {
                    for (int i = 0; i < n; i++) s += g[base + i * inner + j];
                    for (int i = 0; i < n; i++) {
                        int k = base + i * inner + j;
                        out[k] = (float) (g[k] - Math.exp(y[k]) * s);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        int k = base + i * inner + j;
                        s += (double) g[k] * y[k];
                    }
                    for (int i = 0; i < n; i++) {
                        int k = base + i * inner + j;
                        out[k] = (float) (y[k] * (g[k] - s));
                    }
                }
            }
        });
    }

    private static void rowForward(float[] x, float[] y, int base, int n, boolean log) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, x[base + i]);
        double s = 0;
        if (log) {
            for (int i = 0; i < n; i++) s += Math.exp(x[base + i] - m);
            double shift = m + Math.log(s);
            for (int i = 0; i < n; i++) y[base + i] = (float) (x[base + i] - shift);
        } else {
            for (int i = 0; i < n; i++) {
                float e = (float) Math.exp(x[base + i] - m);
                y[base + i] = e;
                s += e;
            }
            for (int i = 0; i < n; i++) y[base + i] = (float) (y[base + i] / s);
        }
    }

    private static void blockForward(float[] x, float[] y, int base, int n, int inner, int j0, int j1,
                                     boolean log) {
        int w = j1 - j0;
        float[] m = new float[w];
        double[] s = new double[w];
        java.util.Arrays.fill(m, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int r = base + i * inner + j0;
            for (int j = 0; j < w; j++) m[j] = Math.max(m[j], x[r + j]);
        }
        for (int i = 0; i < n; i++) {
            int r = base + i * inner + j0;
            for (int j = 0; j < w; j++) {
                double e = Math.exp(x[r + j] - m[j]);
                if (log) {
                    s[j] += e;
                } else {
                    float f = (float) e;
                    y[r + j] = f;
                    s[j] += f;
                }
            }
        }
        if (log) {
            double[] shift = new double[w];
            for (int j = 0; j < w; j++) shift[j] = m[j] + Math.log(s[j]);
            for (int i = 0; i < n; i++) {
                int r = base + i * inner + j0;
                for (int j = 0; j < w; j++) y[r + j] = (float) (x[r + j] - shift[j]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int r = base + i * inner + j0;
                for (int j = 0; j < w; j++) y[r + j] = (float) (y[r + j] / s[j]);
            }
        }
    }

    @FunctionalInterface
    private interface LineBody {
        void run(int p, int j0, int j1);
    }

    /** Spreads (outer index, column block) pairs over the pool, about CHUNK elements per task. */
    private static void forLines(int outer, int n, int inner, LineBody body) {
        int colBlock = Math.max(1, Math.min(inner, COLS));
        int blocks = Parallel.chunkCount(inner, colBlock);
        long units = (long) outer * blocks;
        if (units == 0 || n == 0) {
            return;
        }
        long unitElems = (long) n * colBlock;
        int perTask = (int) Math.max(1, Reductions.CHUNK / Math.max(1, unitElems));
        int tasks = (int) ((units + perTask - 1) / perTask);
        Parallel.forChunks(tasks, t -> {
            long end = Math.min(units, (long) (t + 1) * perTask);
            for (long u = (long) t * perTask; u < end; u++) {
                int p = (int) (u / blocks);
                int b = (int) (u % blocks);
                int j0 = b * colBlock;
                body.run(p, j0, Math.min(inner, j0 + colBlock));
            }
        });
    }

    private static void check(int len, int len2, int outer, int n, int inner) {
        if (len != len2 || (long) outer * n * inner != len) {
            throw new IllegalArgumentException("softmax: arrays of " + len + " and " + len2
                    + " elements for layout [" + outer + ", " + n + ", " + inner + "]");
        }
    }
}
