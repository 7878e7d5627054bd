package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hebb.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void defaultsAreKeras() {
        AdamW opt = new AdamW();
        assertEquals(0.001, opt.learningRate());
        assertEquals(0.004, opt.weightDecay());
        assertEquals(0.9, opt.beta1());
        assertEquals(0.999, opt.beta2());
        assertEquals(1e-7, opt.epsilon());
        assertEquals("adamw", opt.name());
    }

    @Test
    void withZeroGradientOnlyTheDecoupledDecayActs() {
        // g = 0 keeps m = v = 0, so Adam's part is 0 / (0 + eps) = 0: w *= 1 - lr*wd each step.
        Parameter p = param("w", 1f, -2f);
        AdamW opt = new AdamW(0.1, 0.5);
        setGrad(p, 0f, 0f);
        opt.step(List.of(p));
        assertClose(new double[] {0.95, -1.9}, p.value().data(), 1e-7);
        opt.step(List.of(p));
        assertClose(new double[] {0.9025, -1.805}, p.value().data(), 1e-7);
    }

    @Test
    void decayIsNotScaledByAdamsNormalization() {
        // Same gradients, with and without decay: the weights differ by exactly the decay term.
        Parameter a = param("w", 1f, -2f);
        Parameter b = param("w", 1f, -2f);
        AdamW decayed = new AdamW(0.01, 0.1);
        AdamW plain = new AdamW(0.01, 0.0);
        setGrad(a, 0.5f, -3f);
        setGrad(b, 0.5f, -3f);
        decayed.step(List.of(a));
        plain.step(List.of(b));
        // w_decayed - w_plain = -lr * wd * w0 = -0.001 * [1, -2]
        assertEquals(-0.001, a.value().data()[0] - b.value().data()[0], 1e-6);
        assertEquals(0.002, a.value().data()[1] - b.value().data()[1], 1e-6);
    }

    @Test
    void zeroDecayEqualsAdamBitForBit() {
        Parameter a = param("w", 1f, -2f);
        Parameter b = param("w", 1f, -2f);
        AdamW adamw = new AdamW(0.01, 0.0);
        Adam adam = new Adam(0.01);
        for (float[] g : new float[][] {{0.5f, -3f}, {-1f, 2f}}) {
            setGrad(a, g);
            setGrad(b, g);
            adamw.step(List.of(a));
            adam.step(List.of(b));
        }
        assertArrayEquals(b.value().data(), a.value().data());
    }

    @Test
    void threeStepsMatchPlainReference() {
        double lr = 0.01, wd = 0.2, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        float[][] grads = {{0.5f, -3f}, {-1f, 2f}, {0.25f, 0.5f}};
        double[] w = {1, -2};
        double[] m = new double[2];
        double[] v = new double[2];
        Parameter p = param("w", 1f, -2f);
        AdamW opt = new AdamW(lr, wd);
        for (int t = 1; t <= grads.length; t++) {
            float[] g = grads[t - 1];
            for (int i = 0; i < 2; i++) {
                w[i] -= lr * wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            setGrad(p, g);
            opt.step(List.of(p));
            assertClose(w, p.value().data(), 1e-6);
        }
    }

    @Test
    void argumentsAreValidated() {
        assertEquals("AdamW: weight decay must be >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(0.1, -0.1)).getMessage());
        assertEquals("AdamW: learning rate must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(-1)).getMessage());
        assertEquals("AdamW: beta1 must be in [0, 1), got 2.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new AdamW(0.1, 0.01, 2.0, 0.999, 1e-7)).getMessage());
    }
}
