package org.hebb.fundamentals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hebb.nn.Parameter;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    @Test
    void sgdReturnsNewWeightsAndLeavesItsInputsAlone() {
        SGD sgd = new SGD(0.1);
        double[] w = {1, -2};
        double[] g = {0.5, -1};
        assertArrayEquals(new double[] {0.95, -1.9}, sgd.update(w, g), 1e-15);
        assertArrayEquals(new double[] {1, -2}, w);
        assertArrayEquals(new double[][] {{0.95}, {-1.9}}, sgd.update(new double[][] {{1}, {-2}}, new double[][] {{0.5}, {-1}}));
        assertEquals(0.01, new SGD().learningRate(), "the guide's default");
    }

    @Test
    void adamStepsWorkedByHand() {
        // One weight, lr 0.1, g = 1 then -1 (eps negligible):
        // t=1: m = 0.1, v = 0.001, m_hat = 1, v_hat = 1 -> w = 1 - 0.1 = 0.9
        // t=2: m = 0.09 - 0.1 = -0.01, v = 0.000999 + 0.001 = 0.001999,
        //      m_hat = -0.01 / 0.19, v_hat = 1 -> w = 0.9 + 0.1 * 0.0526316 = 0.9052632
        Adam adam = new Adam(0.1);
        assertNull(adam.m());
        double[] w = adam.update(new double[] {1}, new double[] {1});
        assertEquals(0.9, w[0], 1e-7);
        w = adam.update(w, new double[] {-1});
        assertEquals(0.9 + 0.1 * 0.01 / 0.19, w[0], 1e-7);
        assertEquals(2, adam.t());
        assertArrayEquals(new double[] {-0.01}, adam.m(), 1e-15);
        assertArrayEquals(new double[] {0.001999}, adam.v(), 1e-15);
        Adam d = new Adam();
        assertEquals(0.001, d.learningRate());
    }

    @Test
    void adamKeepsOneStatePerParameterArray() {
        Adam forWeights = new Adam(0.01);
        forWeights.update(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 1}, {1, 1}});
        var e = assertThrows(IllegalArgumentException.class,
                () -> forWeights.update(new double[] {1, 2}, new double[] {1, 1}));
        assertEquals("Adam.update: this instance keeps the state (m, v, t) of a parameter of shape [2, 2], got one of shape [2];"
                + " use one Adam per parameter array", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> forWeights.update(new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1}), "same size, other shape");
        assertEquals(1, forWeights.t(), "the refused step counted nothing");
    }

    @Test
    void adamMatchesTheFloat32LibraryWithTheSameEpsilon() {
        double[] w = {0.5, -1.25, 2};
        float[][] grads = {{0.5f, -3f, 0.25f}, {-1f, 2f, 0.125f}, {0.25f, 0.5f, -0.75f}, {1f, -1f, 1f}};
        Adam adam = new Adam(0.01, 0.9, 0.999, 1e-8);
        org.hebb.optim.Adam lib = new org.hebb.optim.Adam(0.01, 0.9, 0.999, 1e-8);
        Parameter p = Parameter.trainable("w", Tensor.of(new float[] {0.5f, -1.25f, 2f}, 3));
        for (float[] g : grads) {
            double[] gd = {g[0], g[1], g[2]};
            w = adam.update(w, gd);
            p.value().zeroGrad();
            p.value().mul(Tensor.of(g.clone(), 3)).sum().backward();
            lib.step(List.of(p));
        }
        float[] got = p.value().data();
        for (int i = 0; i < 3; i++) {
            assertEquals(w[i], got[i], 1e-6, "element " + i);
        }
    }

    @Test
    void badSettingsFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SGD(0));
        assertEquals("SGD: learning rate must be finite and > 0, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, 0.999, 0));
        var s = assertThrows(IllegalArgumentException.class, () -> new SGD().update(new double[2], new double[3]));
        assertTrue(s.getMessage().contains("weights have 2 values but gradients 3"), s.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Adam().update(new double[][] {{1, 2}}, new double[][] {{1}, {2}}));
    }
}
