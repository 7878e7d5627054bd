package org.hebb.fundamentals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void valuesWorkedByHand() {
        assertEquals(0.5, Activations.sigmoid(0.0));
        assertEquals(1 / (1 + Math.exp(-2)), Activations.sigmoid(2.0), 1e-16);
        assertEquals(0.0, Activations.relu(-3.0));
        assertEquals(3.0, Activations.relu(3.0));
        assertTrue(Double.isNaN(Activations.relu(Double.NaN)), "np.maximum(0, nan) is nan");
        assertEquals(Math.tanh(0.7), Activations.tanh(0.7));
        assertArrayEquals(new double[] {0, 0, 2}, Activations.relu(new double[] {-1, 0, 2}));
        assertArrayEquals(new double[][] {{0.5}, {1 / (1 + Math.exp(500))}}, Activations.sigmoid(new double[][] {{0}, {-1000}}));
        assertArrayEquals(new double[][] {{0, 1}}, Activations.relu(new double[][] {{-1, 1}}));
        assertArrayEquals(new double[] {0, Math.tanh(1)}, Activations.tanh(new double[] {0, 1}));
    }

    @Test
    void sigmoidIsClippedAsTheGuideDoes() {
        assertEquals(Activations.sigmoid(500.0), Activations.sigmoid(800.0));
        assertEquals(1 / (1 + Math.exp(500)), Activations.sigmoid(-800.0));
        assertTrue(Activations.sigmoid(-800.0) > 0, "clipped at -500: a tiny positive number, not 0");
    }

    @Test
    void softmaxIsStableAndRowsSumToOne() {
        double[] p = Activations.softmax(new double[] {1000, 1001});
        assertArrayEquals(new double[] {1 / (1 + Math.E), Math.E / (1 + Math.E)}, p, 1e-15);
        double[] q = Activations.softmax(new double[] {1, 2, 3});
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, q, 1e-15);
        double[][] rows = Activations.softmax(new double[][] {{1, 2, 3}, {0, 0, 0}});
        assertArrayEquals(q, rows[0], 1e-15);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, rows[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Activations.softmax(new double[0]));
    }

    @Test
    void derivativesMatchCentralDifferences() {
        check(Activations::sigmoid, Activations::sigmoidDerivative);
        check(Activations::tanh, Activations::tanhDerivative);
        check(Activations::relu, Activations::reluDerivative);
        assertEquals(0.25, Activations.sigmoidDerivative(0));
        assertEquals(0.0, Activations.reluDerivative(0), "the guide's (a > 0): 0 at the kink");
    }

    private static void check(DoubleUnaryOperator f, DoubleUnaryOperator df) {
        for (double x = -4.05; x < 4; x += 0.5) { // never exactly 0: the kink of relu
            double h = 1e-6;
            double numeric = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
            assertEquals(numeric, df.applyAsDouble(x), 1e-8, "at x = " + x);
        }
    }

    @Test
    void softmaxJacobianMatchesCentralDifferences() {
        double[] x = {0.3, -1.2, 2.0};
        double[][] j = Activations.softmaxJacobian(x);
        double h = 1e-6;
        for (int b = 0; b < x.length; b++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[b] += h;
            minus[b] -= h;
            double[] pp = Activations.softmax(plus);
            double[] pm = Activations.softmax(minus);
            for (int a = 0; a < x.length; a++) {
                assertEquals((pp[a] - pm[a]) / (2 * h), j[a][b], 1e-9, "J[" + a + "][" + b + "]");
            }
        }
    }
}
