package org.hebb.fundamentals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeuralNetworkTest {

    static double[][] randomMatrix(Random r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return a;
    }

    static double[][] oneHot(int[] classes, int k) {
        double[][] y = new double[classes.length][k];
        for (int i = 0; i < classes.length; i++) {
            y[i][classes[i]] = 1;
        }
        return y;
    }

    static double loss(NeuralNetwork net, double[][] x, double[][] y) {
        return Losses.categoricalCrossEntropy(y, net.forward(x));
    }

    /** The guide's backward, line by line: each layer is updated before delta goes through it. */
    static void guideBackward(NeuralNetwork net, double[][] x, double[][] yTrue, double lr) {
        List<double[][]> activations = net.activations();
        int m = x.length;
        double[][] out = activations.get(activations.size() - 1);
        double[][] delta = new double[m][out[0].length];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < delta[r].length; j++) {
                delta[r][j] = out[r][j] - yTrue[r][j];
            }
        }
        for (int i = net.depth() - 1; i >= 0; i--) {
            double[][] dw = Matrices.dotTransposedA(activations.get(i), delta);
            double[][] w = net.weights(i);
            double[] b = net.biases(i);
            for (int k = 0; k < w.length; k++) {
                for (int j = 0; j < w[k].length; j++) {
                    w[k][j] -= lr * dw[k][j] / m;
                }
            }
            for (int j = 0; j < b.length; j++) {
                double mean = 0;
                for (double[] row : delta) {
                    mean += row[j];
                }
                b[j] -= lr * mean / m;
            }
            net.setWeights(i, w);
            net.setBiases(i, b);
            if (i > 0) {
                delta = Matrices.dotTransposedB(delta, net.weights(i)); // the updated weights
                double[][] a = activations.get(i);
                for (int r = 0; r < m; r++) {
                    for (int j = 0; j < delta[r].length; j++) {
                        delta[r][j] *= a[r][j] > 0 ? 1 : 0;
                    }
                }
            }
        }
    }

    @Test
    void heInitializationDrawsRowByRowWithScaleSqrtTwoOverFanIn() {
        NeuralNetwork net = new NeuralNetwork(new Random(3), 1000, 500, 4);
        Random r = new Random(3);
        double scale = Math.sqrt(2.0 / 1000);
        double[][] w = net.weights(0);
        assertEquals(r.nextGaussian() * scale, w[0][0]);
        assertEquals(r.nextGaussian() * scale, w[0][1], "row-major, as np.random.randn(1000, 500)");
        double sum = 0;
        double sq = 0;
        for (double[] row : w) {
            for (double v : row) {
                sum += v;
                sq += v * v;
            }
        }
        int n = 1000 * 500;
        double std = Math.sqrt(sq / n - (sum / n) * (sum / n));
        assertEquals(scale, std, scale * 0.01, "He: std sqrt(2 / fan_in); Xavier would be sqrt(2 / 1500)");
        assertArrayEquals(new double[500], net.biases(0));
        assertEquals(2, net.depth());
        assertArrayEquals(new int[] {1000, 500, 4}, net.layers());
        NeuralNetwork a = new NeuralNetwork(3, 4, 2);
        NeuralNetwork b = new NeuralNetwork(3, 4, 2);
        assertArrayEquals(a.weights(1), b.weights(1), "without a generator: new Random(42), the same every time");
    }

    @Test
    void forwardWorkedByHand() {
        NeuralNetwork net = new NeuralNetwork(new Random(0), 2, 2, 2);
        net.setWeights(0, new double[][] {{1, -1}, {2, 0.5}});
        net.setBiases(0, new double[] {0, -1});
        net.setWeights(1, new double[][] {{1, 0}, {0, 1}});
        net.setBiases(1, new double[] {0, 0});
        // x = (1, 1): z = (3, -1.5) -> relu (3, 0) -> softmax(3, 0)
        double[][] p = net.forward(new double[][] {{1, 1}});
        double e = Math.exp(3);
        assertArrayEquals(new double[] {e / (e + 1), 1 / (e + 1)}, p[0], 1e-15);
        List<double[][]> acts = net.activations();
        assertEquals(3, acts.size());
        assertArrayEquals(new double[] {3, 0}, acts.get(1)[0]);
        assertArrayEquals(new int[] {0}, net.predict(new double[][] {{1, 1}}));
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Random r = new Random(11);
        NeuralNetwork net = new NeuralNetwork(r, 5, 7, 6, 3);
        for (int i = 0; i < 3; i++) {
            net.setBiases(i, randomMatrix(r, 1, net.layers()[i + 1])[0]); // non-zero biases: their gradients too
        }
        double[][] x = randomMatrix(r, 4, 5);
        double[][] y = oneHot(new int[] {0, 2, 1, 2}, 3);
        net.forward(x);
        NeuralNetwork.Gradients g = net.gradients(x, y);
        double h = 1e-6;
        for (int i = 0; i < net.depth(); i++) {
            double[][] w = net.weights(i);
            for (int k = 0; k < w.length; k++) {
                for (int j = 0; j < w[k].length; j++) {
                    double saved = w[k][j];
                    w[k][j] = saved + h;
                    net.setWeights(i, w);
                    double lp = loss(net, x, y);
                    w[k][j] = saved - h;
                    net.setWeights(i, w);
                    double lm = loss(net, x, y);
                    w[k][j] = saved;
                    net.setWeights(i, w);
                    assertEquals((lp - lm) / (2 * h), g.dw(i)[k][j], 1e-8, "dW" + i + "[" + k + "][" + j + "]");
                }
            }
            double[] b = net.biases(i);
            for (int j = 0; j < b.length; j++) {
                double saved = b[j];
                b[j] = saved + h;
                net.setBiases(i, b);
                double lp = loss(net, x, y);
                b[j] = saved - h;
                net.setBiases(i, b);
                double lm = loss(net, x, y);
                b[j] = saved;
                net.setBiases(i, b);
                assertEquals((lp - lm) / (2 * h), g.db(i)[j], 1e-8, "db" + i + "[" + j + "]");
            }
        }
    }

    @Test
    void backwardStepsAlongTheGradientOfTheForwardPassWeights() {
        Random r = new Random(5);
        NeuralNetwork net = new NeuralNetwork(r, 4, 6, 5, 3);
        double[][] x = randomMatrix(r, 8, 4);
        double[][] y = oneHot(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 3);
        double lr = 0.5;
        net.forward(x);
        NeuralNetwork.Gradients g = net.gradients(x, y);
        double[][][] before = {net.weights(0), net.weights(1), net.weights(2)};
        double[][] biasesBefore = {net.biases(0), net.biases(1), net.biases(2)};
        net.backward(x, y, lr);
        for (int i = 0; i < 3; i++) {
            double[][] after = net.weights(i);
            for (int k = 0; k < after.length; k++) {
                for (int j = 0; j < after[k].length; j++) {
                    assertEquals(before[i][k][j] - lr * g.dw(i)[k][j], after[k][j], 1e-15);
                }
            }
            for (int j = 0; j < biasesBefore[i].length; j++) {
                assertEquals(biasesBefore[i][j] - lr * g.db(i)[j], net.biases(i)[j], 1e-15);
            }
        }
    }

    @Test
    void theGuidesOrderPropagatesThroughUpdatedWeightsAndIsNotTheGradient() {
        Random r = new Random(5);
        NeuralNetwork right = new NeuralNetwork(r, 4, 6, 5, 3);
        NeuralNetwork guide = new NeuralNetwork(new Random(5), 4, 6, 5, 3);
        double[][] x = randomMatrix(r, 8, 4);
        double[][] y = oneHot(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, 3);
        double lr = 0.5;
        right.forward(x);
        guide.forward(x);
        right.backward(x, y, lr);
        guideBackward(guide, x, y, lr);
        assertArrayEquals(right.weights(2), guide.weights(2), "the top layer is the same in both orders");
        double maxDiff = 0;
        for (int i = 0; i < 2; i++) {
            double[][] a = right.weights(i);
            double[][] b = guide.weights(i);
            for (int k = 0; k < a.length; k++) {
                for (int j = 0; j < a[k].length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[k][j] - b[k][j]));
                }
            }
        }
        assertTrue(maxDiff > 1e-3, "the lower layers differ, by " + maxDiff);
        assertNotEquals(0.0, maxDiff);
    }

    @Test
    void learnsXor() {
        NeuralNetwork net = new NeuralNetwork(new Random(0), 2, 8, 2);
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = oneHot(new int[] {0, 1, 1, 0}, 2);
        double first = loss(net, x, y);
        for (int epoch = 0; epoch < 2000; epoch++) {
            net.forward(x);
            net.backward(x, y, 0.5);
        }
        assertArrayEquals(new int[] {0, 1, 1, 0}, net.predict(x));
        assertTrue(loss(net, x, y) < 0.05 && loss(net, x, y) < first, "loss " + first + " -> " + loss(net, x, y));
    }

    @Test
    void badInputFailsClearly() {
        assertThrows(IllegalArgumentException.class, () -> new NeuralNetwork(3));
        assertThrows(IllegalArgumentException.class, () -> new NeuralNetwork(3, 0, 2));
        NeuralNetwork net = new NeuralNetwork(3, 4, 2);
        var f = assertThrows(IllegalArgumentException.class, () -> net.forward(new double[][] {{1, 2}}));
        assertEquals("NeuralNetwork.forward: expected 3 columns in every row, got 2 in row 0", f.getMessage());
        var before = assertThrows(IllegalStateException.class,
                () -> net.backward(new double[][] {{1, 2, 3}}, new double[][] {{1, 0}}, 0.1));
        assertTrue(before.getMessage().contains("call forward(x) before"), before.getMessage());
        net.forward(new double[][] {{1, 2, 3}});
        var other = assertThrows(IllegalArgumentException.class,
                () -> net.backward(new double[][] {{1, 2, 4}}, new double[][] {{1, 0}}, 0.1));
        assertTrue(other.getMessage().contains("not the batch of the last forward"), other.getMessage());
        var yShape = assertThrows(IllegalArgumentException.class,
                () -> net.backward(new double[][] {{1, 2, 3}}, new double[][] {{1, 0, 0}}, 0.1));
        assertTrue(yShape.getMessage().contains("yTrue"), yShape.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> net.backward(new double[][] {{1, 2, 3}}, new double[][] {{1, 0}}, Double.NaN));
        var w = assertThrows(IllegalArgumentException.class, () -> net.setWeights(1, new double[][] {{1, 2}}));
        assertEquals("NeuralNetwork.setWeights(1): expected 4 rows, got 1", w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.weights(2));
        assertThrows(IllegalArgumentException.class, () -> net.setBiases(0, new double[3]));
    }
}
