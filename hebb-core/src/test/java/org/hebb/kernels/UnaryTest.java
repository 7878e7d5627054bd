package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

class UnaryTest {

    private static float[] random(long seed, int n, float lo, float hi) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextFloat();
        return v;
    }

    @Test
    void chunkedApplyEqualsOnePlainPassForEveryOp() {
        int n = 3 * Unary.CHUNK + 123;   // several chunks and a ragged tail
        float[] x = random(1, n, -4, 4);
        float[] g = random(2, n, -1, 1);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            for (Unary.Op op : Unary.Op.values()) {
                float p = op == Unary.Op.CLAMP ? -1f : 0.5f;
                float q = 2f;
                float[] xin = (op == Unary.Op.LOG || op == Unary.Op.SQRT || op == Unary.Op.POW) ? abs(x) : x;
                float[] y = new float[n];
                Unary.apply(op, xin, y, p, q);
                float[] ref = new float[n];
                Unary.run(op, xin, ref, 0, n, p, q);
                assertArrayEquals(ref, y, op.name());
                float[] d = new float[n];
                Unary.derivative(op, g, xin, y, d, p, q);
                float[] dref = new float[n];
                Unary.runDerivative(op, g, xin, ref, dref, 0, n, p, q);
                assertArrayEquals(dref, d, op.name() + " derivative");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private static float[] abs(float[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) r[i] = Math.abs(x[i]) + 0.1f;
        return r;
    }

    @Test
    void valuesAgainstMath() {
        float[] x = {-3f, -0.5f, 0f, 0.25f, 2f};
        float[] y = new float[x.length];
        Unary.apply(Unary.Op.EXP, x, y, 0, 0);
        for (int i = 0; i < x.length; i++) assertEquals((float) Math.exp(x[i]), y[i]);
        Unary.apply(Unary.Op.TANH, x, y, 0, 0);
        for (int i = 0; i < x.length; i++) assertEquals(Math.tanh(x[i]), y[i], 1e-7);
        Unary.apply(Unary.Op.ELU, x, y, 2f, 0);
        assertEquals((float) (2 * (Math.exp(-3) - 1)), y[0], 1e-7);
        assertEquals(2f, y[4]);
        Unary.apply(Unary.Op.LEAKY_RELU, x, y, 0.1f, 0);
        assertArrayEquals(new float[] {-0.3f, -0.05f, 0f, 0.25f, 2f}, y, 1e-7f);
        Unary.apply(Unary.Op.CLAMP, x, y, -1f, 1f);
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.25f, 1f}, y);
    }

    @Test
    void tanhMatchesMathAcrossTheRange() {
        for (double v = -30; v <= 30; v += 0.037) {
            assertEquals(Math.tanh(v), Unary.tanh(v), 1e-12 * Math.abs(Math.tanh(v)), "tanh(" + v + ")");
        }
        // Near zero: far below float32's relative precision (6e-8) on both sides of the branch at 1e-4.
        for (double v = 1e-12; v < 1e-2; v *= 1.3) {
            assertEquals(Math.tanh(v), Unary.tanh(v), 1e-12 * v, "tanh(" + v + ")");
        }
        assertEquals(1.0, Unary.tanh(1e6));
        assertEquals(-1.0, Unary.tanh(-1e6));
        assertTrue(Double.isNaN(Unary.tanh(Double.NaN)));
    }

    @Test
    void sigmoidHasNoOverflowAtExtremes() {
        float[] x = {-1e4f, -100f, -20f, 0f, 20f, 100f, 1e4f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] y = new float[x.length];
        Unary.apply(Unary.Op.SIGMOID, x, y, 0, 0);
        for (int i = 0; i < x.length; i++) {
            assertFalse(Float.isNaN(y[i]) || Float.isInfinite(y[i]), "sigmoid(" + x[i] + ") = " + y[i]);
            assertTrue(y[i] >= 0f && y[i] <= 1f);
        }
        assertEquals(0.5f, y[3]);
        assertEquals(0f, y[0]);
        assertEquals(1f, y[6]);
        assertEquals((float) (1 / (1 + Math.exp(20))), y[2], 1e-15);
    }

    @Test
    void reluAndLeakyReluAtZeroSignsAndSubnormals() {
        float tiny = Float.MIN_VALUE;
        float[] x = {0f, -0f, tiny, -tiny, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] g = {2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f};
        float[] y = new float[x.length];
        float[] d = new float[x.length];
        Unary.apply(Unary.Op.RELU, x, y, 0, 0);
        assertArrayEquals(new float[] {0f, 0f, tiny, 0f, Float.MAX_VALUE, 0f, Float.POSITIVE_INFINITY, 0f}, y);
        Unary.derivative(Unary.Op.RELU, g, x, y, d, 0, 0);
        assertArrayEquals(new float[] {0f, 0f, 2f, 0f, 2f, 0f, 2f, 0f}, d);
        Unary.apply(Unary.Op.LEAKY_RELU, x, y, 0.5f, 0);
        assertArrayEquals(new float[] {0f, -0f, tiny, -0f, Float.MAX_VALUE, -Float.MAX_VALUE / 2,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, y);
        Unary.derivative(Unary.Op.LEAKY_RELU, g, x, y, d, 0.5f, 0);
        assertArrayEquals(new float[] {1f, 1f, 2f, 1f, 2f, 1f, 2f, 1f}, d);
    }

    @Test
    void mismatchedLengthsFail() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Unary.apply(Unary.Op.EXP, new float[3], new float[2], 0, 0));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }
}
