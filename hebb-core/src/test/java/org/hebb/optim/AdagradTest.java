package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hebb.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdagradTest {

    @Test
    void defaultsAreKeras() {
        Adagrad opt = new Adagrad();
        assertEquals(0.001, opt.learningRate());
        assertEquals(0.1, opt.initialAccumulator());
        assertEquals(1e-7, opt.epsilon());
        assertEquals("adagrad", opt.name());
    }

    @Test
    void firstTwoStepsWorkedByHand() {
        // g = 0.3 twice, lr = 0.1, accumulator starting at 0.1 (Keras' default):
        // step 1: acc = 0.1 + 0.09 = 0.19, w = 1 - 0.03 / sqrt(0.19) = 0.931175...
        // step 2: acc = 0.28,              w -= 0.03 / sqrt(0.28)     -> 0.874481...
        Parameter p = param("w", 1f);
        Adagrad opt = new Adagrad(0.1);
        setGrad(p, 0.3f);
        opt.step(List.of(p));
        assertClose(new double[] {0.9311753}, p.value().data(), 1e-6);
        opt.step(List.of(p));
        assertClose(new double[] {0.8744806}, p.value().data(), 1e-6);
    }

    @Test
    void threeStepsMatchPlainReference() {
        double lr = 0.05, init = 0.2, eps = 1e-3;
        float[][] grads = {{0.5f, -3f}, {-1f, 2f}, {0.25f, 0.5f}};
        double[] w = {1, -2};
        double[] acc = {init, init};
        Parameter p = param("w", 1f, -2f);
        Adagrad opt = new Adagrad(lr, init, eps);
        for (float[] g : grads) {
            for (int i = 0; i < 2; i++) {
                acc[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.sqrt(acc[i] + eps);
            }
            setGrad(p, g);
            opt.step(List.of(p));
            assertClose(w, p.value().data(), 1e-6);
        }
    }

    @Test
    void argumentsAreValidated() {
        assertEquals("Adagrad: initial accumulator must be >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(0.1, -0.1, 1e-7)).getMessage());
        assertEquals("Adagrad: epsilon must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(0.1, 0.1, 0)).getMessage());
        assertEquals("Adagrad: learning rate must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(-1)).getMessage());
    }
}
