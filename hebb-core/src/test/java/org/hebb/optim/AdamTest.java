package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hebb.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void defaultsAreKeras() {
        Adam adam = new Adam();
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        assertEquals("adam", adam.name());
    }

    @Test
    void firstStepMovesEachWeightByLearningRateAgainstTheGradientSign() {
        // t = 1: m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps) ~ lr * sign(g).
        Parameter p = param("w", 1f, -2f, 0.5f);
        Adam adam = new Adam(0.01);
        setGrad(p, 0.5f, -3f, 1e-3f);
        adam.step(List.of(p));
        assertClose(new double[] {0.99, -1.99, 0.49}, p.value().data(), 2e-6);
    }

    @Test
    void secondStepWorkedByHand() {
        // One weight, g1 = 1 then g2 = -1, lr = 0.1, eps negligible:
        // m1 = 0.1, v1 = 0.001 -> step 1: w = 1 - 0.1 * 1 = 0.9
        // m2 = 0.09 - 0.1 = -0.01, v2 = 0.000999 + 0.001 = 0.001999
        // m_hat = -0.01 / 0.19 = -0.0526316, v_hat = 0.001999 / 0.001999 = 1
        // w = 0.9 + 0.1 * 0.0526316 = 0.9052632
        Parameter p = param("w", 1f);
        Adam adam = new Adam(0.1);
        setGrad(p, 1f);
        adam.step(List.of(p));
        assertClose(new double[] {0.9}, p.value().data(), 1e-6);
        setGrad(p, -1f);
        adam.step(List.of(p));
        assertClose(new double[] {0.9052632}, p.value().data(), 1e-6);
    }

    @Test
    void threeStepsMatchTheGuidesFormulasInDouble() {
        double lr = 0.01, b1 = 0.8, b2 = 0.95, eps = 1e-3;
        float[][] grads = {{0.5f, -3f}, {-1f, 2f}, {0.25f, 0.5f}};
        double[] w = {1, -2};
        double[] m = new double[2];
        double[] v = new double[2];
        Parameter p = param("w", 1f, -2f);
        Adam adam = new Adam(lr, b1, b2, eps);
        for (int t = 1; t <= grads.length; t++) {
            float[] g = grads[t - 1];
            for (int i = 0; i < 2; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            setGrad(p, g);
            adam.step(List.of(p));
            assertClose(w, p.value().data(), 1e-6);
        }
    }

    @Test
    void argumentsAreValidated() {
        assertEquals("Adam: learning rate must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(-1)).getMessage());
        assertEquals("Adam: beta1 must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-7)).getMessage());
        assertEquals("Adam: beta2 must be in [0, 1), got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, -0.5, 1e-7)).getMessage());
        assertEquals("Adam: epsilon must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 0.999, 0)).getMessage());
        assertThrows(NullPointerException.class, () -> new Adam((LearningRateSchedule) null));
    }
}
