package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The optimizer kernels over arrays longer than one chunk give the same bits on any thread count. */
class OptimKernelsTest {
    private static final int N = 3 * OptimKernels.CHUNK + 123;

    private static float[] random(long seed) {
        Rng rng = new Rng(seed);
        float[] a = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static float[][] runAdamTwice(int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            float[] w = random(1);
            float[] m = new float[N];
            float[] v = new float[N];
            for (int t = 1; t <= 2; t++) {
                float[] g = random(10 + t);
                OptimKernels.adam(w, g, m, v, 0.01, 0.9, 0.999, 1e-7, t, 0.1);
            }
            return new float[][] {w, m, v};
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void adamIsTheSameOnOneOrFourThreads() {
        float[][] one = runAdamTwice(1);
        float[][] four = runAdamTwice(4);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(one[k], four[k]);
        }
    }

    @Test
    void sumOfSquaresIsChunkedDoubleAndThreadIndependent() {
        float[] x = random(5);
        double plain = 0;
        for (float f : x) {
            plain += (double) f * f;
        }
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double one = OptimKernels.sumOfSquares(x);
            Parallel.setThreads(3);
            double three = OptimKernels.sumOfSquares(x);
            assertEquals(one, three, 0.0);
            assertEquals(plain, one, 1e-9 * plain);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void elementwiseKernelsMatchTheirFormulas() {
        float[] w = {1f, -2f};
        OptimKernels.sgd(w, new float[] {0.5f, -3f}, 0.1f);
        assertArrayEquals(new float[] {1f - 0.1f * 0.5f, -2f + 0.1f * 3f}, w);
        float[] out = new float[3];
        OptimKernels.clipByValue(new float[] {2f, -2f, Float.NaN}, out, 1f);
        assertArrayEquals(new float[] {1f, -1f, Float.NaN}, out);
        OptimKernels.scale(new float[] {3f, 4f, 5f}, out, 0.5f);
        assertArrayEquals(new float[] {1.5f, 2f, 2.5f}, out);
        var e = assertThrows(IllegalArgumentException.class, () -> OptimKernels.sgd(w, new float[3], 0.1f));
        assertEquals("OptimKernels.sgd: arrays of different lengths 2 and 3", e.getMessage());
    }

    @Test
    void decayingStateNeverBecomesSubnormal() {
        assertEquals(0f, OptimKernels.flush(Float.MIN_VALUE));
        assertEquals(0f, OptimKernels.flush(1e-33f));
        assertEquals(0f, OptimKernels.flush(0x1p-105f));
        assertTrue(Float.isNaN(OptimKernels.flush(Float.NaN)));
        assertEquals(0f, OptimKernels.flush(-1e-33f));
        for (float x : new float[] {1e-5f, -3.25f, 0x1p-55f, 1e30f, Float.POSITIVE_INFINITY, 0f}) {
            assertEquals(x, OptimKernels.flush(x));
        }
        // A dead unit: zero gradients while m and v decay geometrically from ordinary values.
        int n = 64;
        float[] w = new float[n];
        float[] g = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        float[] vel = new float[n];
        java.util.Arrays.fill(m, 1e-5f);
        java.util.Arrays.fill(v, 1e-9f);
        java.util.Arrays.fill(vel, 1e-5f);
        for (int t = 1; t <= 3000; t++) {
            OptimKernels.adam(w, g, m, v, 1e-3, 0.9, 0.999, 1e-7, t, 0.0);
            OptimKernels.sgdMomentum(w, g, vel, 0.01, 0.9, false);
            for (int i = 0; i < n; i++) {
                for (float s : new float[] {m[i], v[i], vel[i]}) {
                    assertTrue(s == 0f || Math.abs(s) >= Float.MIN_NORMAL, "subnormal state " + s + " at step " + t);
                }
            }
        }
        assertTrue(Math.abs(m[0]) < 1e-30f, "m decayed to (almost) nothing: " + m[0]);
    }
}
