package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    private static Tensor awayFromZero(long seed, int... shape) {
        Tensor t = uniform(seed, 0.1f, 2f, shape);
        Tensor s = uniform(seed + 7, -1, 1, shape);
        for (int i = 0; i < t.size(); i++) if (s.data()[i] < 0) t.data()[i] = -t.data()[i];
        return t;
    }

    private static void assertFinite(Tensor t, String what) {
        for (float v : t.data()) assertFalse(Float.isNaN(v) || Float.isInfinite(v), what + " gave " + v);
    }

    @Test
    void pointwiseValuesByHand() {
        Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0f, 1.5f}, 4);
        assertArrayEquals(new float[] {0f, 0f, 0f, 1.5f}, x.relu().data());
        assertArrayEquals(new float[] {-0.02f, -0.005f, 0f, 1.5f}, x.leakyRelu().data(), 1e-8f);
        assertArrayEquals(new float[] {-0.6f, -0.15f, 0f, 1.5f}, x.leakyRelu(0.3f).data(), 1e-7f);
        assertArrayEquals(new float[] {(float) Math.expm1(-2), (float) Math.expm1(-0.5), 0f, 1.5f}, x.elu().data());
        assertArrayEquals(new float[] {(float) (0.5 * Math.expm1(-2)), (float) (0.5 * Math.expm1(-0.5)), 0f, 1.5f},
                x.elu(0.5f).data());
        for (int i = 0; i < 4; i++) {
            double v = x.data()[i];
            assertEquals((float) (1 / (1 + Math.exp(-v))), x.sigmoid().data()[i], 1e-7f);
            assertEquals((float) Math.tanh(v), x.tanh().data()[i], 1e-7f);
        }
    }

    @Test
    void geluAgainstReferenceValues() {
        // x * Phi(x) from CPython's math.erfc.
        float[] xs = {1f, -1f, 2f, -3f, 0.5f, -6f, 0f};
        double[] ref = {0.8413447460685429, -0.15865525393145707, 1.9544997361036416, -0.004049694094890287,
            0.34573123063700656, -5.919525870226207e-09, 0.0};
        Tensor y = Tensor.of(xs, xs.length).gelu();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(ref[i], y.data()[i], Math.max(1e-7 * Math.abs(ref[i]), 1e-12), "gelu(" + xs[i] + ")");
        }
    }

    @Test
    void sigmoidAndTanhStableAtExtremes() {
        Tensor x = Tensor.of(new float[] {-1e4f, -90f, 90f, 1e4f}, 4).requiresGrad(true);
        Tensor s = x.sigmoid();
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, s.data(), 1e-30f);
        Tensor t = x.tanh();
        assertArrayEquals(new float[] {-1f, -1f, 1f, 1f}, t.data());
        s.add(t).sum().backward();
        assertFinite(x.grad(), "sigmoid/tanh gradient");
    }

    @Test
    void softmaxValuesSumToOneAlongAxis() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 1, 1, 1}, 2, 3);
        Tensor y = x.softmax();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z), (float) (Math.exp(3) / z),
            1f / 3, 1f / 3, 1f / 3}, y.data(), 1e-7f);
        Tensor y0 = x.softmax(0);
        for (int j = 0; j < 3; j++) {
            assertEquals(1f, y0.get(0, j) + y0.get(1, j), 1e-6f);
        }
        assertEquals((float) (Math.exp(2) / (Math.exp(2) + Math.exp(1))), y0.get(0, 1), 1e-7f);
        Tensor ls = x.logSoftmax();
        for (int i = 0; i < 6; i++) assertEquals(Math.log(y.data()[i]), ls.data()[i], 1e-6);
    }

    @Test
    void softmaxAndLogSoftmaxHandleExtremeLogits() {
        Tensor x = Tensor.of(new float[] {1e4f, -1e4f, 0f, -1e4f, -1e4f, -1e4f, 1e30f, -1e30f, 0f}, 3, 3)
                .requiresGrad(true);
        Tensor y = x.softmax();
        Tensor ly = x.logSoftmax();
        assertFinite(y, "softmax");
        assertFinite(ly, "logSoftmax");
        assertArrayEquals(new float[] {1, 0, 0, 1f / 3, 1f / 3, 1f / 3, 1, 0, 0}, y.data(), 1e-7f);
        assertEquals(0f, ly.get(0, 0));
        assertEquals(-2e4f, ly.get(0, 1));
        assertEquals(-1e4f, ly.get(0, 2));
        assertEquals((float) -Math.log(3), ly.get(1, 1), 1e-6f);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        y.mul(w).sum().add(ly.mul(w).sum()).backward();
        assertFinite(x.grad(), "softmax gradient");
        // Column axis too.
        Tensor c = Tensor.of(new float[] {1e4f, -1e4f, -1e4f, 1e4f}, 2, 2);
        assertArrayEquals(new float[] {1, 0, 0, 1}, c.softmax(0).data());
        assertArrayEquals(new float[] {0, -2e4f, -2e4f, 0}, c.logSoftmax(0).data());
    }

    @Test
    void gradientsOfPointwiseActivations() {
        check("relu", x -> x[0].relu(), awayFromZero(1, 2, 4));
        check("leakyRelu", x -> x[0].leakyRelu(), awayFromZero(2, 2, 4));
        check("leakyRelu 0.3", x -> x[0].leakyRelu(0.3f), awayFromZero(3, 6));
        check("elu", x -> x[0].elu(), awayFromZero(4, 2, 4));
        check("elu 0.7", x -> x[0].elu(0.7f), awayFromZero(5, 6));
        check("gelu", x -> x[0].gelu(), uniform(6, -3, 3, 2, 5));
        check("sigmoid", x -> x[0].sigmoid(), uniform(7, -4, 4, 2, 5));
        check("tanh", x -> x[0].tanh(), uniform(8, -2, 2, 2, 5));
        check("x*sigmoid(x)", x -> x[0].mul(x[0].sigmoid()), uniform(9, -3, 3, 7));
    }

    @Test
    void gradientsOfSoftmaxFamilies() {
        check("softmax last", x -> x[0].softmax(), uniform(1, -2, 2, 3, 4));
        check("softmax axis 0", x -> x[0].softmax(0), uniform(2, -2, 2, 3, 4));
        check("softmax middle", x -> x[0].softmax(1), uniform(3, -2, 2, 2, 3, 4));
        check("logSoftmax last", x -> x[0].logSoftmax(), uniform(4, -2, 2, 3, 4));
        check("logSoftmax middle", x -> x[0].logSoftmax(-2), uniform(5, -2, 2, 2, 3, 4));
        check("softmax(x)*x", x -> x[0].softmax().mul(x[0]), uniform(6, -2, 2, 2, 5));
    }

    @Test
    void badAxisNamesOpAndShape() {
        Tensor x = Tensor.of(new float[6], 2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.softmax(2));
        assertTrue(e.getMessage().startsWith("softmax:") && e.getMessage().contains("axis 2")
                && e.getMessage().contains("[2, 3]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> x.logSoftmax(-3));
        assertTrue(e2.getMessage().startsWith("log_softmax:") && e2.getMessage().contains("axis -3")
                && e2.getMessage().contains("[2, 3]"), e2.getMessage());
    }
}
