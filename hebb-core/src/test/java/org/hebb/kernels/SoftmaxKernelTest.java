package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

class SoftmaxKernelTest {

    @Test
    void stridedLayoutEqualsContiguousRows() {
        // x as [outer=3, n=5, inner=4]; the same lines laid out contiguously as [12, 5].
        int outer = 3;
        int n = 5;
        int inner = 4;
        Rng rng = new Rng(3);
        float[] x = new float[outer * n * inner];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian() * 4;
        float[] rows = new float[x.length];
        for (int p = 0; p < outer; p++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < inner; j++) rows[((p * inner) + j) * n + i] = x[(p * n + i) * inner + j];
        for (boolean log : new boolean[] {false, true}) {
            float[] y = new float[x.length];
            float[] yr = new float[x.length];
            Softmax.forward(x, y, outer, n, inner, log);
            Softmax.forward(rows, yr, outer * inner, n, 1, log);
            for (int p = 0; p < outer; p++)
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < inner; j++)
                        assertEquals(yr[((p * inner) + j) * n + i], y[(p * n + i) * inner + j], 0f);
        }
    }

    @Test
    void manyRowsAreThreadInvariant() {
        int rows = 5000;
        int n = 10;
        Rng rng = new Rng(9);
        float[] x = new float[rows * n];
        float[] g = new float[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian() * 5;
            g[i] = (float) rng.nextGaussian();
        }
        int saved = Parallel.threads();
        try {
            float[][] results = new float[2][];
            float[][] grads = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                float[] y = new float[x.length];
                Softmax.forward(x, y, rows, n, 1, false);
                float[] gx = new float[x.length];
                Softmax.backward(g, y, gx, rows, n, 1, false);
                results[t - 1] = y;
                grads[t - 1] = gx;
            }
            assertArrayEquals(results[0], results[1]);
            assertArrayEquals(grads[0], grads[1]);
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
