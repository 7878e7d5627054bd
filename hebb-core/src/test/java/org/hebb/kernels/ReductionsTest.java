package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

class ReductionsTest {

    /** Layouts [outer, n, inner] covering: one long row, row chunks with inner > 1, wide inner (column blocks), many tiny rows. */
    private static final int[][] LAYOUTS = {
        {1, 5 * Reductions.CHUNK + 17, 1}, {3, 20000, 7}, {2, 700, 1500}, {300, 40, 1}, {4, 1, 9}, {2, 0, 3}};

    private static float[] random(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian() * 3f + 1f;
        return v;
    }

    @Test
    void sumsMatchPlainDoubleSumsAndAreThreadInvariant() {
        int saved = Parallel.threads();
        try {
            for (int[] l : LAYOUTS) {
                int outer = l[0];
                int n = l[1];
                int inner = l[2];
                float[] x = random(outer * 31L + n, outer * n * inner);
                Parallel.setThreads(1);
                double[] one = Reductions.sums(x, outer, n, inner);
                double[] mean = new double[one.length];
                for (int i = 0; i < one.length; i++) mean[i] = one[i] / Math.max(1, n);
                double[] sq1 = Reductions.squaredDeviations(x, outer, n, inner, mean);
                int[] am1 = n == 0 ? null : Reductions.argExtreme(x, outer, n, inner, true);
                Parallel.setThreads(2);
                double[] two = Reductions.sums(x, outer, n, inner);
                double[] sq2 = Reductions.squaredDeviations(x, outer, n, inner, mean);
                String where = java.util.Arrays.toString(l);
                assertArrayEquals(one, two, 0.0, "sums " + where);
                assertArrayEquals(sq1, sq2, 0.0, "squared deviations " + where);
                if (n > 0) {
                    assertArrayEquals(am1, Reductions.argExtreme(x, outer, n, inner, true), "argmax " + where);
                }
                for (int p = 0; p < outer; p++) {
                    for (int j = 0; j < inner; j++) {
                        double s = 0;
                        double q = 0;
                        int best = 0;
                        for (int i = 0; i < n; i++) {
                            float v = x[(p * n + i) * inner + j];
                            s += v;
                            double d = v - mean[p * inner + j];
                            q += d * d;
                            if (v > x[(p * n + best) * inner + j]) best = i;
                        }
                        assertEquals(s, one[p * inner + j], 1e-9 * Math.max(1, Math.abs(s)) + 1e-6, "sum " + where);
                        assertEquals(q, sq1[p * inner + j], 1e-9 * Math.max(1, q), "sq " + where);
                        if (n > 0) {
                            assertEquals(best, am1[p * inner + j], "argmax " + where);
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void columnSumsMatchDoubleSumsForEveryChannelCountAndRemainder() {
        for (int c : new int[] {1, 3, 16, 64, 300}) {
            int rows = 700 + c;
            float[] a = random(11 + c, rows * c);
            float[] b = random(12 + c, rows * c);
            for (float[] other : new float[][] {null, b}) {
                double[] sum = new double[c];
                double[] dot = new double[c];
                Reductions.columnSums(a, other, 5, rows - 2, c, sum, dot);
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    double d = 0;
                    double mag = 0;
                    for (int r = 5; r < rows - 2; r++) {
                        double v = a[r * c + j];
                        double w = other == null ? v : other[r * c + j];
                        s += v;
                        d += v * w;
                        mag += Math.abs(v) + Math.abs(v * w);
                    }
                    String what = "c=" + c + " channel " + j + (other == null ? " (a*a)" : " (a*b)");
                    assertEquals(s, sum[j], 1e-6 * mag, what + " sum");
                    assertEquals(d, dot[j], 1e-6 * mag, what + " dot");
                }
                // Without dot only the sums are taken (and added to what is there).
                double[] again = sum.clone();
                Reductions.columnSums(a, null, 5, rows - 2, c, again, null);
                for (int j = 0; j < c; j++) {
                    assertEquals(2 * sum[j], again[j], 1e-9 * Math.abs(sum[j]) + 1e-9, "adds into sum");
                }
            }
        }
    }

    @Test
    void rowSumsUseTheSameChunkOrderAsTheWholeArraySum() {
        float[] x = random(7, 4 * Reductions.CHUNK + 5);
        double[] s = Reductions.sums(x, 1, x.length, 1);
        assertEquals(Reductions.sum(x, 0, x.length), (float) s[0]);
    }

    @Test
    void argExtremeKeepsTheFirstOfTiesAcrossChunksAndPrefersNaN() {
        int n = 3 * Reductions.CHUNK;
        float[] x = new float[n];
        x[10] = 5f;
        x[2 * Reductions.CHUNK + 1] = 5f;
        x[Reductions.CHUNK + 3] = -7f;
        x[2 * Reductions.CHUNK + 9] = -7f;
        int saved = Parallel.threads();
        try {
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                assertEquals(10, Reductions.argExtreme(x, 1, n, 1, true)[0]);
                assertEquals(Reductions.CHUNK + 3, Reductions.argExtreme(x, 1, n, 1, false)[0]);
            }
        } finally {
            Parallel.setThreads(saved);
        }
        x[Reductions.CHUNK + 100] = Float.NaN;
        x[2 * Reductions.CHUNK + 100] = Float.NaN;
        assertEquals(Reductions.CHUNK + 100, Reductions.argExtreme(x, 1, n, 1, true)[0]);
        assertEquals(Reductions.CHUNK + 100, Reductions.argExtreme(x, 1, n, 1, false)[0]);
    }

    @Test
    void badLayoutAndEmptyExtremeFail() {
        var e = assertThrows(IllegalArgumentException.class, () -> Reductions.sums(new float[10], 2, 3, 2));
        assertTrue(e.getMessage().contains("[2, 3, 2]") && e.getMessage().contains("10"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Reductions.argExtreme(new float[0], 2, 0, 1, true));
        assertTrue(e2.getMessage().contains("size 0"), e2.getMessage());
    }
}
