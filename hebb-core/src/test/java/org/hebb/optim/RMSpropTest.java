package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hebb.nn.Parameter;
import org.junit.jupiter.api.Test;

class RMSpropTest {

    @Test
    void defaultsAreKeras() {
        RMSprop opt = new RMSprop();
        assertEquals(0.001, opt.learningRate());
        assertEquals(0.9, opt.rho());
        assertEquals(0.0, opt.momentum());
        assertEquals(1e-7, opt.epsilon());
        assertEquals("rmsprop", opt.name());
    }

    @Test
    void firstStepWorkedByHand() {
        // a = 0.1 * g^2, so the step is lr * g / sqrt(0.1 g^2 + eps) ~ lr * sign(g) * sqrt(10).
        Parameter p = param("w", 1f, -2f);
        RMSprop opt = new RMSprop(0.01);
        setGrad(p, 0.5f, -3f);
        opt.step(List.of(p));
        double s = 0.01 * Math.sqrt(10);
        assertClose(new double[] {1 - s, -2 + s}, p.value().data(), 1e-5);
    }

    @Test
    void threeStepsMatchPlainReference() {
        for (double mu : new double[] {0.0, 0.5}) {
            double lr = 0.01, rho = 0.8, eps = 1e-3;
            float[][] grads = {{0.5f, -3f}, {-1f, 2f}, {0.25f, 0.5f}};
            double[] w = {1, -2};
            double[] a = new double[2];
            double[] mom = new double[2];
            Parameter p = param("w", 1f, -2f);
            RMSprop opt = new RMSprop(lr, rho, mu, eps);
            for (float[] g : grads) {
                for (int i = 0; i < 2; i++) {
                    a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
                    double inc = lr * g[i] / Math.sqrt(a[i] + eps);
                    mom[i] = mu * mom[i] + inc;
                    w[i] -= mom[i];
                }
                setGrad(p, g);
                opt.step(List.of(p));
                assertClose(w, p.value().data(), 1e-6);
            }
        }
    }

    @Test
    void argumentsAreValidated() {
        assertEquals("RMSprop: rho must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(0.1, 1.0, 0, 1e-7)).getMessage());
        assertEquals("RMSprop: momentum must be in [0, 1), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(0.1, 0.9, 1.5, 1e-7)).getMessage());
        assertEquals("RMSprop: epsilon must be > 0, got -1.0E-7",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(0.1, 0.9, 0, -1e-7)).getMessage());
        assertEquals("RMSprop: learning rate must be > 0, got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(-0.5)).getMessage());
    }
}
