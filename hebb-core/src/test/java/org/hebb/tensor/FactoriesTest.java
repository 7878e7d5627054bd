package org.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FactoriesTest {

    @Test
    void constantFills() {
        Tensor z = Tensor.zeros(2, 3);
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertArrayEquals(new float[6], z.data());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Tensor.ones(4).data());
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f}, Tensor.full(2.5f, 3, 1).data());
        assertEquals(1, Tensor.ones().size(), "the scalar shape [] has one element");
        assertEquals(0, Tensor.zeros(0, 5).size());
        Tensor like = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertArrayEquals(new int[] {3, 2}, Tensor.zerosLike(like).shape());
        assertArrayEquals(new float[6], Tensor.zerosLike(like).data());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, Tensor.onesLike(like).data());
        assertFalse(Tensor.zeros(2).requiresGrad());
        // -0.0 is kept as -0.0, not folded into +0.0.
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Tensor.full(-0f, 2).data()[1]));
    }

    @Test
    void arangeLikeNumpy() {
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, Tensor.arange(5).data());
        assertEquals(0, Tensor.arange(0).size());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1f, 3f, 0.5f).data());
        assertArrayEquals(new float[] {5, 3, 1}, Tensor.arange(5f, 0f, -2f).data());
        // ceil((1 - 0) / 0.3) = 4 values: 0, 0.3, 0.6, 0.9 (each start + i*step, no accumulation).
        assertArrayEquals(new float[] {0f, 0.3f, 0.6f, 0.90000004f}, Tensor.arange(0f, 1f, 0.3f).data());
        assertEquals(0, Tensor.arange(3f, 1f, 1f).size(), "an empty range gives no values");
        assertArrayEquals(new int[] {0}, Tensor.arange(3f, 1f, 1f).shape());
    }

    @Test
    void eyeIsIdentity() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).data());
        assertArrayEquals(new int[] {3, 3}, Tensor.eye(3).shape());
        assertArrayEquals(new int[] {0, 0}, Tensor.eye(0).shape());
    }

    @Test
    void randomTensorsAreSeededAndInRange() {
        Tensor a = Tensor.rand(new Rng(7), 1000);
        Tensor b = Tensor.rand(new Rng(7), 1000);
        assertArrayEquals(a.data(), b.data(), "same seed, same tensor");
        Rng check = new Rng(7);
        for (int i = 0; i < 5; i++) {
            assertEquals(check.nextFloat(), a.data()[i], "rand draws nextFloat in row-major order");
        }
        double mean = 0;
        for (float v : a.data()) {
            assertTrue(v >= 0f && v < 1f, "rand value " + v);
            mean += v;
        }
        assertEquals(0.5, mean / 1000, 0.05);

        Tensor u = Tensor.uniform(new Rng(3), -2f, 5f, 20, 50);
        assertArrayEquals(new int[] {20, 50}, u.shape());
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float v : u.data()) {
            assertTrue(v >= -2f && v < 5f, "uniform value " + v);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(lo < -1.9f && hi > 4.9f, "1000 draws cover the range: " + lo + " .. " + hi);
        assertArrayEquals(new float[] {3, 3}, Tensor.uniform(new Rng(1), 3f, 3f, 2).data());

        Tensor n = Tensor.randn(new Rng(11), 4000);
        double m = 0;
        double sq = 0;
        for (float v : n.data()) {
            m += v;
            sq += (double) v * v;
        }
        m /= 4000;
        double var = sq / 4000 - m * m;
        assertEquals(0.0, m, 0.06);
        assertEquals(1.0, var, 0.08);
        Rng g = new Rng(11);
        assertEquals((float) g.nextGaussian(), n.data()[0]);
    }

    @Test
    void overloadsWithoutRngUseTheGlobalGenerator() {
        Rng.seed(99);
        Tensor a = Tensor.rand(3, 2);
        Tensor b = Tensor.randn(4);
        Tensor c = Tensor.uniform(-1f, 1f, 5);
        Rng.seed(99);
        assertArrayEquals(a.data(), Tensor.rand(3, 2).data());
        assertArrayEquals(b.data(), Tensor.randn(4).data());
        assertArrayEquals(c.data(), Tensor.uniform(-1f, 1f, 5).data());
        Rng.seed(42);
    }

    @Test
    void badArgumentsNameTheFactoryAndTheValue() {
        assertMessage(() -> Tensor.zeros(2, -1), "zeros", "-1", "[2, -1]");
        assertMessage(() -> Tensor.ones(-3), "ones", "[-3]");
        assertMessage(() -> Tensor.full(1f, 4, -2), "full", "[4, -2]");
        assertMessage(() -> Tensor.rand(new Rng(1), -1, 2), "rand", "[-1, 2]");
        assertMessage(() -> Tensor.randn(new Rng(1), 3, -5), "randn", "[3, -5]");
        assertMessage(() -> Tensor.arange(-1), "arange", "-1");
        assertMessage(() -> Tensor.arange(0f, 1f, 0f), "arange", "step must not be 0");
        assertMessage(() -> Tensor.arange(0f, Float.NaN, 1f), "arange", "NaN");
        assertMessage(() -> Tensor.eye(-2), "eye", "-2");
        assertMessage(() -> Tensor.uniform(new Rng(1), 2f, 1f, 3), "uniform", "lo=2.0", "hi=1.0");
        assertMessage(() -> Tensor.uniform(new Rng(1), 0f, Float.POSITIVE_INFINITY, 3), "uniform", "Infinity");
        assertMessage(() -> Tensor.rand(null, 3), "rand", "null");
        assertMessage(() -> Tensor.zeros(100000, 100000), "zeros", "2^31");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain '" + p + "'");
        }
    }
}
