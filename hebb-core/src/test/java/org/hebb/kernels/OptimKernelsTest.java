package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
