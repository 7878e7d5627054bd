package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.kernels.Parallel;
import org.hebb.kernels.Unary;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    /** Uniform values with magnitude in [lo, hi) and random sign: away from 0 (kinks of abs/relu). */
    private static Tensor awayFromZero(long seed, float lo, float hi, int... shape) {
        Tensor t = uniform(seed, lo, hi, shape);
        Tensor s = uniform(seed + 1000, -1, 1, shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) if (s.data()[i] < 0) v[i] = -v[i];
        return t;
    }

    @Test
    void unaryValuesAgainstMath() {
        float[] v = {0.25f, 1f, 2.5f, 9f};
        Tensor x = Tensor.of(v.clone(), 2, 2);
        Tensor e = x.exp();
        Tensor l = x.log();
        Tensor s = x.sqrt();
        Tensor p = x.pow(1.5f);
        assertArrayEquals(new int[] {2, 2}, e.shape());
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) Math.exp(v[i]), e.data()[i]);
            assertEquals((float) Math.log(v[i]), l.data()[i]);
            assertEquals((float) Math.sqrt(v[i]), s.data()[i]);
            assertEquals((float) Math.pow(v[i], 1.5), p.data()[i]);
        }
        assertArrayEquals(new float[] {3f, 0f, 1.5f}, Tensor.of(new float[] {-3f, 0f, 1.5f}, 3).abs().data());
        assertArrayEquals(new float[] {-1f, 0.5f, 2f, 2f},
                Tensor.of(new float[] {-7f, 0.5f, 2f, 30f}, 4).clamp(-1f, 2f).data());
    }

    @Test
    void binaryValuesBroadcast() {
        Tensor a = Tensor.of(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {2, 2, 5}, 3);
        assertArrayEquals(new float[] {2, 5, 5, 4, 2, 6}, a.maximum(b).data());
        assertArrayEquals(new float[] {1, 2, 3, 2, 2, 5}, a.minimum(b).data());
        Tensor base = Tensor.of(new float[] {2, 3}, 2, 1);
        Tensor exps = Tensor.of(new float[] {0, 1, 2}, 3);
        Tensor pw = base.pow(exps);
        assertArrayEquals(new int[] {2, 3}, pw.shape());
        assertArrayEquals(new float[] {1, 2, 4, 1, 3, 9}, pw.data());
    }

    @Test
    void comparisonsGiveMasksAndAreNeverRecorded() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {2, 2}, 2);
        assertArrayEquals(new float[] {0, 0, 1, 1}, a.gt(b).data());
        assertArrayEquals(new float[] {0, 1, 1, 1}, a.ge(b).data());
        assertArrayEquals(new float[] {1, 0, 0, 0}, a.lt(b).data());
        assertArrayEquals(new float[] {1, 1, 0, 0}, a.le(b).data());
        assertArrayEquals(new float[] {0, 1, 0, 0}, a.eq(b).data());
        assertArrayEquals(new float[] {0, 0, 0, 1}, a.gt(3f).data());
        assertArrayEquals(new float[] {0, 0, 1, 1}, a.ge(3f).data());
        assertArrayEquals(new float[] {1, 1, 0, 0}, a.lt(3f).data());
        assertArrayEquals(new float[] {1, 1, 1, 0}, a.le(3f).data());
        assertArrayEquals(new float[] {0, 0, 1, 0}, a.eq(3f).data());
        Tensor m = a.gt(b);
        assertFalse(m.requiresGrad());
        assertTrue(m.isLeaf());
        Tensor nan = Tensor.of(new float[] {Float.NaN}, 1);
        assertArrayEquals(new float[] {0}, nan.eq(nan).data());
        assertArrayEquals(new float[] {0}, nan.gt(0f).data());
    }

    @Test
    void whereSelectsAndRoutesGradient() {
        Tensor cond = Tensor.of(new float[] {1, 0, 1}, 3);
        Tensor a = Tensor.of(new float[] {10, 20, 30, 40, 50, 60}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {-1, -2}, 2, 1).requiresGrad(true);
        Tensor y = a.where(cond, b);
        assertArrayEquals(new float[] {10, -1, 30, 40, -2, 60}, y.data());
        y.sum().backward();
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 1}, a.grad().data());
        assertArrayEquals(new float[] {1, 1}, b.grad().data());
        check("where", x -> x[0].where(cond, x[1]), uniform(1, -1, 1, 2, 3), uniform(2, -1, 1, 2, 1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.where(Tensor.of(new float[4], 4), a, b));
        assertTrue(e.getMessage().startsWith("where:") && e.getMessage().contains("[4]")
                && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 1]"), e.getMessage());
    }

    @Test
    void gradientsOfUnaryOps() {
        check("exp", x -> x[0].exp(), uniform(1, -2, 2, 2, 3));
        check("log", x -> x[0].log(), uniform(2, 0.5f, 3, 2, 3));
        check("sqrt", x -> x[0].sqrt(), uniform(3, 0.5f, 4, 5));
        check("abs", x -> x[0].abs(), awayFromZero(4, 0.1f, 2, 2, 3));
        check("pow 3", x -> x[0].pow(3f), uniform(5, -2, 2, 4));
        check("pow -0.5", x -> x[0].pow(-0.5f), uniform(6, 0.5f, 2, 4));
        check("pow 0", x -> x[0].pow(0f), uniform(7, -2, 2, 3));
        // Away from the boundaries -1 and 1: values in (-3,-1.1), (-0.9,0.9), (1.1,3).
        Tensor c = Tensor.of(new float[] {-2.5f, -1.2f, -0.8f, 0.3f, 0.85f, 1.3f, 2.9f}, 7);
        check("clamp", x -> x[0].clamp(-1f, 1f), c);
        Tensor cx = Tensor.of(new float[] {-2f, 0.5f, 3f}, 3).requiresGrad(true);
        cx.clamp(-1f, 1f).sum().backward();
        assertArrayEquals(new float[] {0, 1, 0}, cx.grad().data());
    }

    @Test
    void gradientsOfBinaryOpsWithBroadcasting() {
        check("pow tensor", x -> x[0].pow(x[1]), uniform(1, 0.5f, 2, 2, 3), uniform(2, -1.5f, 2, 3));
        check("pow tensor col", x -> x[0].pow(x[1]), uniform(3, 0.5f, 2, 2, 1), uniform(4, -1, 2, 1, 3));
        // Operands kept apart (|a - b| >= 0.2) so no tie is within eps.
        Tensor a = Tensor.of(new float[] {0.1f, 1.5f, -0.7f, 2.0f, -1.0f, 0.6f}, 2, 3);
        Tensor b = Tensor.of(new float[] {0.5f, 0.3f, -0.2f}, 3);
        check("maximum", x -> x[0].maximum(x[1]), a, b);
        check("minimum", x -> x[0].minimum(x[1]), a, b);
    }

    @Test
    void maximumAndMinimumSplitTies() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {2, 2, 2}, 3).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertArrayEquals(new float[] {0, 0.5f, 1}, a.grad().data());
        assertArrayEquals(new float[] {1, 0.5f, 0}, b.grad().data());
        a.zeroGrad();
        b.zeroGrad();
        a.minimum(b).sum().backward();
        assertArrayEquals(new float[] {1, 0.5f, 0}, a.grad().data());
        assertArrayEquals(new float[] {0, 0.5f, 1}, b.grad().data());
    }

    @Test
    void tensorUsedTwice() {
        // f = x * exp(x): f' = (1 + x) e^x.
        Tensor x = Tensor.of(new float[] {-1f, 0f, 0.5f}, 3).requiresGrad(true);
        x.mul(x.exp()).sum().backward();
        for (int i = 0; i < 3; i++) {
            float v = x.data()[i];
            assertEquals((float) ((1 + v) * Math.exp(v)), x.grad().data()[i], 1e-6f);
        }
        check("x*exp(x)", t -> t[0].mul(t[0].exp()), uniform(8, -1, 1, 2, 3));
        check("sqrt(x)*log(x)", t -> t[0].sqrt().mul(t[0].log()), uniform(9, 0.5f, 3, 4));
        check("pow(x, x)", t -> t[0].pow(t[0]), uniform(10, 0.5f, 2, 4));
    }

    @Test
    void noGradientForConstantOperand() {
        Tensor a = uniform(1, 0.5f, 2, 3).requiresGrad(true);
        Tensor b = uniform(2, 0.5f, 2, 3);
        a.pow(b).sum().backward();
        assertNull(b.grad());
        assertEquals(3, a.grad().size());
    }

    @Test
    void errorsNameOpAndShapes() {
        Tensor a = Tensor.of(new float[6], 2, 3);
        Tensor b = Tensor.of(new float[4], 4);
        for (String op : new String[] {"pow", "maximum", "minimum", "gt", "eq"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> {
                switch (op) {
                    case "pow" -> a.pow(b);
                    case "maximum" -> a.maximum(b);
                    case "minimum" -> a.minimum(b);
                    case "gt" -> a.gt(b);
                    default -> a.eq(b);
                }
            });
            assertTrue(e.getMessage().startsWith(op + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> a.clamp(2f, 1f));
        assertTrue(e.getMessage().startsWith("clamp:") && e.getMessage().contains("2.0")
                && e.getMessage().contains("1.0") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void largeBroadcastInParallelEqualsSerialWalk() {
        // 40 x 3000 with a [3000] row and a [40, 1] column: several parallel blocks.
        Tensor a = uniform(1, -1, 1, 40, 3000);
        Tensor row = uniform(2, -1, 1, 3000);
        Tensor col = uniform(3, -1, 1, 40, 1);
        assertTrue(a.size() > 2 * Unary.CHUNK);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Tensor r1 = a.maximum(row).mul(col);
            Tensor r2 = col.pow(Tensor.of(new float[] {2f}, 1)).add(a);
            for (int i = 0; i < 40; i++) {
                for (int j = 0; j < 3000; j++) {
                    float m = Math.max(a.get(i, j), row.get(j));
                    assertEquals(m * col.get(i, 0), r1.get(i, j));
                    assertEquals((float) Math.pow(col.get(i, 0), 2) + a.get(i, j), r2.get(i, j));
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
