package org.hebb.fundamentals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PerceptronTest {
    static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] AND = {0, 0, 0, 1};
    static final int[] OR = {0, 1, 1, 1};
    static final int[] XOR = {0, 1, 1, 0};

    /** Trains epoch by epoch until an epoch has no error; returns the epochs used, or -1 after {@code max}. */
    private static int trainUntilNoError(Perceptron p, int[] y, int max) {
        for (int epoch = 1; epoch <= max; epoch++) {
            int errors = 0;
            for (int i = 0; i < X.length; i++) {
                errors += Math.abs(p.train(X[i], y[i]));
            }
            if (errors == 0) {
                return epoch;
            }
        }
        return -1;
    }

    private static int correct(Perceptron p, int[] y) {
        int c = 0;
        for (int i = 0; i < X.length; i++) {
            c += p.predict(X[i]) == y[i] ? 1 : 0;
        }
        return c;
    }

    @Test
    void learnsAndAndOr() {
        for (long seed = 0; seed < 20; seed++) {
            for (int[] y : new int[][] {AND, OR}) {
                Perceptron p = new Perceptron(2, 0.1, new Random(seed));
                int epochs = trainUntilNoError(p, y, 1000);
                assertTrue(epochs > 0, "seed " + seed + ": did not converge on a separable gate");
                assertEquals(4, correct(p, y), "seed " + seed);
            }
        }
    }

    @Test
    void cannotLearnXor() {
        // No line separates XOR: w2 + b >= 0 and w1 + b >= 0 give w1 + w2 + b >= -b > 0 when b < 0,
        // so (1, 1) is classified 1 whenever (0, 0) is 0 and both singles are 1. At most 3 of 4.
        for (long seed = 0; seed < 20; seed++) {
            Perceptron p = new Perceptron(2, 0.1, new Random(seed));
            for (int epoch = 0; epoch < 200; epoch++) {
                int errors = 0;
                for (int i = 0; i < X.length; i++) {
                    errors += Math.abs(p.train(X[i], XOR[i]));
                }
                assertTrue(errors > 0, "seed " + seed + " epoch " + epoch + ": an epoch without error on XOR");
                assertTrue(correct(p, XOR) <= 3, "seed " + seed + " epoch " + epoch);
            }
        }
    }

    @Test
    void learningRuleWorkedByHand() {
        Perceptron p = new Perceptron(2, 0.1, new Random(1));
        p.setWeights(new double[] {0.5, -0.5}, 0);
        assertEquals(1, p.predict(new double[] {1, 1}), "0.5 - 0.5 + 0 = 0 >= 0 fires");
        assertEquals(-1, p.train(new double[] {1, 1}, 0));
        assertArrayEquals(new double[] {0.4, -0.6}, p.weights(), 1e-15);
        assertEquals(-0.1, p.bias(), 1e-15);
        assertEquals(0, p.train(new double[] {1, 1}, 0), "now 0.4 - 0.6 - 0.1 < 0: no error, no change");
        assertArrayEquals(new double[] {0.4, -0.6}, p.weights(), 1e-15);
        assertEquals(1, p.train(new double[] {0, 1}, 1), "-0.6 - 0.1 < 0 does not fire: error +1");
        assertArrayEquals(new double[] {0.4, -0.5}, p.weights(), 1e-15);
        assertEquals(0.0, p.bias(), 1e-15);
    }

    @Test
    void stepFunctionAndInitialization() {
        Perceptron p = new Perceptron(3, 0.01, new Random(7));
        assertEquals(1, p.activation(0.0));
        assertEquals(1, p.activation(1e-300));
        assertEquals(0, p.activation(-1e-300));
        Random r = new Random(7);
        double[] w = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        assertArrayEquals(w, p.weights(), "weights are the first draws");
        assertEquals(r.nextGaussian(), p.bias(), "then the bias");
        assertEquals(0.01, new Perceptron(2, new Random(0)).learningRate(), "the guide's default rate");
    }

    @Test
    void badInputFailsClearly() {
        assertThrows(IllegalArgumentException.class, () -> new Perceptron(0, 0.1, new Random(0)));
        assertThrows(IllegalArgumentException.class, () -> new Perceptron(2, -1, new Random(0)));
        assertThrows(IllegalArgumentException.class, () -> new Perceptron(2, 0.1, null));
        Perceptron p = new Perceptron(2, 0.1, new Random(0));
        var e = assertThrows(IllegalArgumentException.class, () -> p.predict(new double[] {1, 2, 3}));
        assertEquals("Perceptron.predict: expected 2 values, got 3", e.getMessage());
        var t = assertThrows(IllegalArgumentException.class, () -> p.train(new double[] {1, 2}, 2));
        assertTrue(t.getMessage().contains("target must be 0 or 1, got 2"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.setWeights(new double[] {1}, 0));
    }
}
