package org.hebb.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hebb.nn.Parameter;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** End to end: each optimizer minimizes sum((w - target)^2) built from tensor ops. */
class ConvergenceTest {

    private static double minimize(Optimizer opt, int steps) {
        Parameter w = OptimTesting.param("w", 3f, -1f, 0.5f, -4f);
        Tensor target = Tensor.of(new float[] {1f, 2f, -0.5f, 0f}, 4);
        double loss = Double.NaN;
        for (int i = 0; i < steps; i++) {
            w.value().zeroGrad();
            Tensor diff = w.value().sub(target);
            Tensor l = diff.mul(diff).sum();
            loss = l.item();
            l.backward();
            opt.step(List.of(w));
        }
        return loss;
    }

    @Test
    void everyOptimizerConvergesOnAQuadratic() {
        // Initial loss: 4 + 9 + 1 + 16 = 30.
        List<Optimizer> all = List.of(
                new SGD(0.1), new SGD(0.05, 0.9), new SGD(0.05, 0.9, true),
                new Adam(0.1), new AdamW(0.1, 0.001), new RMSprop(0.05),
                new RMSprop(0.01, 0.9, 0.9, 1e-7), new Adagrad(1.0),
                new Adam(new CosineDecay(0.2, 300, 0.0, 20, 0.2)).clipByGlobalNorm(1.0));
        for (Optimizer opt : all) {
            double loss = minimize(opt, 300);
            assertTrue(loss < 1e-3, opt + " ended at loss " + loss);
        }
    }
}
