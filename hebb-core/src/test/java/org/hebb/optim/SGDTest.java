package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hebb.nn.Parameter;
import org.junit.jupiter.api.Test;

class SGDTest {
    private static final float[][] GRADS = {{0.5f, -3f}, {-1f, 2f}, {0.25f, 0.5f}};

    @Test
    void defaultsAreKeras() {
        SGD sgd = new SGD();
        assertEquals(0.01, sgd.learningRate());
        assertEquals(0.0, sgd.momentum());
        assertEquals(false, sgd.nesterov());
        assertEquals("sgd", sgd.name());
    }

    @Test
    void plainStepsWorkedByHand() {
        Parameter p = param("w", 1f, -2f);
        SGD sgd = new SGD(0.1);
        setGrad(p, 0.5f, -3f);
        sgd.step(List.of(p));
        // 1 - 0.1*0.5 = 0.95; -2 - 0.1*(-3) = -1.7
        assertClose(new double[] {0.95, -1.7}, p.value().data(), 1e-6);
        setGrad(p, -1f, 2f);
        sgd.step(List.of(p));
        // 0.95 + 0.1 = 1.05; -1.7 - 0.2 = -1.9
        assertClose(new double[] {1.05, -1.9}, p.value().data(), 1e-6);
        assertEquals(2, sgd.iterations());
    }

    @Test
    void momentumStepsWorkedByHand() {
        Parameter p = param("w", 1f, -2f);
        SGD sgd = new SGD(0.1, 0.9);
        setGrad(p, 0.5f, -3f);
        sgd.step(List.of(p));
        // v = -0.1*[0.5, -3] = [-0.05, 0.3]; w = [0.95, -1.7]
        assertClose(new double[] {0.95, -1.7}, p.value().data(), 1e-6);
        sgd.step(List.of(p));
        // v = 0.9*[-0.05, 0.3] - [0.05, -0.3] = [-0.095, 0.57]; w = [0.855, -1.13]
        assertClose(new double[] {0.855, -1.13}, p.value().data(), 1e-6);
    }

    @Test
    void nesterovStepsWorkedByHand() {
        Parameter p = param("w", 1f, -2f);
        SGD sgd = new SGD(0.1, 0.9, true);
        setGrad(p, 0.5f, -3f);
        sgd.step(List.of(p));
        // v = [-0.05, 0.3]; w += 0.9*v - 0.1*g = [-0.045-0.05, 0.27+0.3] -> [0.905, -1.43]
        assertClose(new double[] {0.905, -1.43}, p.value().data(), 1e-6);
        sgd.step(List.of(p));
        // v = [-0.095, 0.57]; w += [-0.0855-0.05, 0.513+0.3] -> [0.7695, -0.617]
        assertClose(new double[] {0.7695, -0.617}, p.value().data(), 1e-6);
    }

    @Test
    void threeStepsMatchPlainReference() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.05;
            double mu = 0.8;
            double[] w = {1, -2};
            double[] v = new double[2];
            Parameter p = param("w", 1f, -2f);
            SGD sgd = new SGD(lr, mu, nesterov);
            for (float[] g : GRADS) {
                for (int i = 0; i < 2; i++) {
                    v[i] = mu * v[i] - lr * g[i];
                    w[i] += nesterov ? mu * v[i] - lr * g[i] : v[i];
                }
                setGrad(p, g);
                sgd.step(List.of(p));
                assertClose(w, p.value().data(), 1e-6);
            }
        }
    }

    @Test
    void argumentsAreValidated() {
        assertEquals("SGD: learning rate must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(-1)).getMessage());
        assertEquals("SGD: learning rate must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(0)).getMessage());
        assertEquals("SGD: learning rate must be > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new SGD(Double.NaN)).getMessage());
        assertEquals("SGD: learning rate must be finite, got Infinity",
                assertThrows(IllegalArgumentException.class, () -> new SGD(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("SGD: momentum must be in [0, 1), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 1.5)).getMessage());
        assertEquals("SGD: momentum must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, -0.1)).getMessage());
        assertEquals("SGD: Nesterov momentum requires momentum > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 0, true)).getMessage());
    }
}
