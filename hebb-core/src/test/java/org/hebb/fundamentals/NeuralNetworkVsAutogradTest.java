package org.hebb.fundamentals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.hebb.data.FashionMnist;
import org.hebb.losses.Losses;
import org.hebb.nn.Activation;
import org.hebb.nn.Dense;
import org.hebb.nn.Module;
import org.hebb.nn.Parameter;
import org.hebb.optim.SGD;
import org.hebb.tensor.Tensor;
import org.hebb.train.Sequential;
import org.junit.jupiter.api.Test;

/**
 * The from-scratch {@link NeuralNetwork} (float64) against an autograd MLP built from hebb's
 * layers (float32): {@code Sequential} of {@code Dense(n, RELU)} ... {@code Dense(K, SOFTMAX)},
 * categorical cross-entropy, SGD. Both get the same weights and the same batch, chosen exactly
 * representable in float32 (He-initialized doubles rounded to float; Fashion-MNIST pixels are
 * k/255 rounded to float), so the only difference is float32 arithmetic inside hebb.
 *
 * <p>What is compared, elementwise, with {@code |hebb - scratch| <= 1e-6 + 1e-5 * |scratch|}:
 * the softmax outputs, the loss, every weight and bias gradient, and every weight and bias
 * after one SGD update. Gradients are sums of many products that partly cancel, so their
 * tolerance is taken relative to the largest gradient of the same array
 * ({@code <= 1e-6 + 1e-5 * max|scratch|}), the usual normwise criterion for float32 sums.
 * The guide's own {@code backward} order fails the same comparison (see
 * {@link NeuralNetworkTest#guideBackward}).
 */
class NeuralNetworkVsAutogradTest {
    private static final Path SUBSET = Path.of("src/test/resources/fashion-mnist-subset");

    @Test
    void smallNetworkAgreesOnOutputsGradientsAndUpdate() {
        Random r = new Random(9);
        double[][] x = new double[6][8];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        compare(new int[] {8, 16, 12, 10}, x, new int[] {0, 3, 9, 9, 5, 1}, 0.1);
    }

    @Test
    void theGuidesNetworkAgreesOnAFashionMnistBatch() throws IOException {
        FashionMnist.Split train = FashionMnist.load(SUBSET, "train");
        int m = 32;
        float[] px = train.x().data();
        double[][] x = new double[m][784];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < 784; j++) {
                x[i][j] = px[i * 784 + j];
            }
            labels[i] = (int) train.y().data()[i];
        }
        compare(new int[] {784, 128, 64, 10}, x, labels, 0.01);
    }

    private static void compare(int[] sizes, double[][] x, int[] labels, double lr) {
        int m = x.length;
        int k = sizes[sizes.length - 1];
        NeuralNetwork net = new NeuralNetwork(new Random(1), sizes);
        Module[] layers = new Module[sizes.length - 1];
        for (int i = 0; i < layers.length; i++) {
            boolean last = i == layers.length - 1;
            Dense d = new Dense(sizes[i + 1], last ? Activation.SOFTMAX : Activation.RELU);
            layers[i] = i == 0 ? d.inputShape(sizes[0]) : d;
        }
        Sequential model = new Sequential(layers);
        model.compile(new SGD(lr), Losses.categoricalCrossentropy(false));

        // The same weights: the network's, rounded to float32, in both.
        Random br = new Random(2);
        for (int i = 0; i < layers.length; i++) {
            double[][] w = net.weights(i);
            double[] b = new double[sizes[i + 1]];
            Dense d = (Dense) layers[i];
            float[] kernel = d.kernel().data();
            float[] bias = d.bias().data();
            for (int a = 0; a < w.length; a++) {
                for (int c = 0; c < w[a].length; c++) {
                    float f = (float) w[a][c];
                    w[a][c] = f;
                    kernel[a * w[a].length + c] = f;
                }
            }
            for (int c = 0; c < b.length; c++) {
                float f = (float) (0.1 * br.nextGaussian()); // non-zero biases, so their path is checked too
                b[c] = f;
                bias[c] = f;
            }
            net.setWeights(i, w);
            net.setBiases(i, b);
        }
        float[] xf = new float[m * sizes[0]];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < sizes[0]; j++) {
                xf[i * sizes[0] + j] = (float) x[i][j];
                if (xf[i * sizes[0] + j] != x[i][j]) {
                    fail("input not exactly representable in float32 at [" + i + "][" + j + "]");
                }
            }
        }
        double[][] y = new double[m][k];
        float[] yf = new float[m * k];
        for (int i = 0; i < m; i++) {
            y[i][labels[i]] = 1;
            yf[i * k + labels[i]] = 1;
        }
        Tensor bx = Tensor.of(xf, m, sizes[0]);
        Tensor by = Tensor.of(yf, m, k);

        // Outputs and loss.
        double[][] p = net.forward(x);
        Tensor pred = model.forward(bx, true);
        Tensor loss = model.loss().compute(pred, by);
        assertClose("outputs", flat(p), pred.data(), 0);
        assertClose("loss", new double[] {org.hebb.fundamentals.Losses.categoricalCrossEntropy(y, p)},
                new float[] {loss.item()}, 0);

        // Gradients.
        loss.backward();
        NeuralNetwork.Gradients g = net.gradients(x, y);
        List<Parameter> params = model.trainableParameters();
        for (int i = 0; i < layers.length; i++) {
            Parameter kp = params.get(2 * i);
            Parameter bp = params.get(2 * i + 1);
            assertEquals("dense" + (i == 0 ? "" : "_" + i) + ".kernel", kp.name());
            double[] dw = flat(g.dw(i));
            assertClose(kp.name() + " gradient", dw, kp.grad().data(), maxAbs(dw));
            assertClose(bp.name() + " gradient", g.db(i), bp.grad().data(), maxAbs(g.db(i)));
        }

        // The guide's order (propagating through updated weights), from the same start.
        NeuralNetwork guide = new NeuralNetwork(new Random(1), sizes);
        for (int i = 0; i < layers.length; i++) {
            guide.setWeights(i, net.weights(i));
            guide.setBiases(i, net.biases(i));
        }
        guide.forward(x);
        NeuralNetworkTest.guideBackward(guide, x, y, lr);

        // One update: hebb's training step (forward, loss, backward, SGD) against backward(x, y, lr).
        model.zeroGrad();
        model.trainStep(bx, by, List.of());
        net.backward(x, y, lr);
        for (int i = 0; i < layers.length; i++) {
            Dense d = (Dense) layers[i];
            assertClose("layer " + i + " weights after one step", flat(net.weights(i)), d.kernel().data(), 0);
            assertClose("layer " + i + " biases after one step", net.biases(i), d.bias().data(), 0);
        }
        double worst = 0;
        for (int i = 0; i < layers.length - 1; i++) {
            worst = Math.max(worst, worstRatio(flat(guide.weights(i)), ((Dense) layers[i]).kernel().data()));
        }
        // The comparison is sharp enough to tell the two orders apart: the guide's misses by far
        // more than the tolerance (measured: 4,500x for the small network, 14x for the guide's).
        assertTrue(worst > 2, "the guide's order should disagree with autograd; worst ratio " + worst);
    }

    private static void assertClose(String what, double[] expected, float[] actual, double scale) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-6 + 1e-5 * Math.max(Math.abs(expected[i]), scale);
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                fail(what + " [" + i + "]: float64 " + expected[i] + ", hebb " + actual[i] + ", tolerance " + tol);
            }
        }
    }

    private static double worstRatio(double[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / (1e-6 + 1e-5 * Math.abs(expected[i])));
        }
        return worst;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double[] flat(double[][] a) {
        double[] out = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }
}
