package org.hebb.cli.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hebb.data.FashionMnist;
import org.hebb.fundamentals.Losses;
import org.hebb.fundamentals.NeuralNetwork;
import org.knowm.xchart.XYChart;

/**
 * The guide's {@link NeuralNetwork}, from scratch in double precision: first XOR, which the
 * perceptron cannot learn and one hidden layer can; then the guide's {@code [784, 128, 64, 10]}
 * network on Fashion-MNIST with mini-batch gradient descent ({@code forward} then
 * {@code backward} on each batch).
 */
public final class MlpFromScratchExample implements Example {

    @Override
    public String name() {
        return "mlp-from-scratch";
    }

    @Override
    public String description() {
        return "The guide's NeuralNetwork from scratch: solves XOR, then trains [784, 128, 64, 10] on Fashion-MNIST.";
    }

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        Map<String, Double> results = new LinkedHashMap<>();
        List<XYChart> charts = new ArrayList<>();

        // ---- XOR: one hidden layer of 8 ReLU units, full batch.
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        int[] xor = {0, 1, 1, 0};
        double[][] y = ExampleContext.oneHot(xor, 2);
        NeuralNetwork net = new NeuralNetwork(new Random(ctx.seed()), 2, 8, 2);
        int epochs = 2000;
        double lr = 0.5;
        double[] curve = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double[][] p = net.forward(x);
            curve[e] = Losses.categoricalCrossEntropy(y, p);
            net.backward(x, y, lr);
        }
        double[][] p = net.forward(x);
        int[] pred = net.predict(x);
        int correct = 0;
        ctx.printf("XOR with NeuralNetwork(2, 8, 2), full batch, learning rate %.1f, %d epochs (loss %.3f -> %.5f):%n",
                lr, epochs, curve[0], Losses.categoricalCrossEntropy(y, p));
        ctx.println("  x1 x2  target  P(1)    prediction");
        for (int i = 0; i < 4; i++) {
            correct += pred[i] == xor[i] ? 1 : 0;
            ctx.printf("   %d  %d     %d    %.4f      %d%n", (int) x[i][0], (int) x[i][1], xor[i], p[i][1], pred[i]);
        }
        ctx.println("  The hidden ReLU units cut the plane along several lines; the output layer combines the pieces,"
                + " which one perceptron cannot.");
        results.put("xor_correct", (double) correct);
        results.put("xor_final_loss", Losses.categoricalCrossEntropy(y, p));
        XYChart xc = Plots.chart("XOR: NeuralNetwork(2, 8, 2)", "epoch", "cross-entropy loss");
        xc.getStyler().setYAxisLogarithmic(true);
        Plots.line(xc, "training loss", Plots.oneTo(epochs), curve, new java.awt.Color(40, 110, 200), false);
        charts.add(xc);

        // ---- Fashion-MNIST with the guide's network.
        int nTrain = ctx.size(2000, 60_000);
        int nTest = ctx.size(500, 10_000);
        int fEpochs = ctx.size(2, 5);
        int batch = 32;
        double flr = 0.1;
        FashionMnist.Split train = ctx.fashionTrain(nTrain);
        FashionMnist.Split test = ctx.fashionTest(nTest);
        double[][] tx = ExampleContext.rows(train.x());
        int[] ty = ExampleContext.labels(train.y());
        double[][] vx = ExampleContext.rows(test.x());
        int[] vy = ExampleContext.labels(test.y());
        NeuralNetwork mlp = new NeuralNetwork(new Random(ctx.seed()), 784, 128, 64, 10);
        ctx.printf("%nFashion-MNIST with NeuralNetwork(784, 128, 64, 10): %d training images, %d test images,"
                + " batches of %d, learning rate %.2f, %d epochs%n", tx.length, vx.length, batch, flr, fEpochs);
        ctx.printf("  before training: test accuracy %.4f (chance is 0.1)%n", accuracy(mlp, vx, vy));
        Random shuffle = new Random(ctx.seed() + 1);
        int[] order = new int[tx.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int steps = (tx.length + batch - 1) / batch;
        int every = Math.max(1, steps / 10);
        List<Double> lossX = new ArrayList<>();
        List<Double> lossY = new ArrayList<>();
        double[] testAcc = new double[fEpochs];
        for (int e = 0; e < fEpochs; e++) {
            long t0 = System.nanoTime();
            shuffle(order, shuffle);
            double sum = 0;
            int seen = 0;
            double window = 0;
            int windowSteps = 0;
            for (int s = 0; s < steps; s++) {
                int from = s * batch;
                int to = Math.min(tx.length, from + batch);
                double[][] bx = new double[to - from][];
                int[] bl = new int[to - from];
                for (int i = from; i < to; i++) {
                    bx[i - from] = tx[order[i]];
                    bl[i - from] = ty[order[i]];
                }
                double[][] by = ExampleContext.oneHot(bl, 10);
                double l = Losses.categoricalCrossEntropy(by, mlp.forward(bx));
                mlp.backward(bx, by, flr);
                sum += l * (to - from);
                seen += to - from;
                window += l;
                windowSteps++;
                if (windowSteps == every || s == steps - 1) {
                    lossX.add(e + (s + 1.0) / steps);
                    lossY.add(window / windowSteps);
                    window = 0;
                    windowSteps = 0;
                }
            }
            testAcc[e] = accuracy(mlp, vx, vy);
            ctx.printf("  epoch %d/%d  loss=%.4f  test_accuracy=%.4f  (%.1fs)%n", e + 1, fEpochs, sum / seen, testAcc[e],
                    (System.nanoTime() - t0) / 1e9);
        }
        results.put("fashion_train_images", (double) tx.length);
        results.put("fashion_test_accuracy", testAcc[fEpochs - 1]);
        XYChart fc = Plots.chart("Fashion-MNIST: NeuralNetwork(784, 128, 64, 10)", "epoch", "loss / accuracy");
        fc.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        fc.getStyler().setYAxisMin(0.0);
        Plots.line(fc, "training loss (mean over ~1/10 epoch)", Plots.array(lossX), Plots.array(lossY),
                new java.awt.Color(40, 110, 200), false);
        Plots.points(fc, "test accuracy after each epoch", Plots.oneTo(fEpochs), testAcc, new java.awt.Color(220, 80, 40));
        charts.add(fc);
        ctx.println("");
        ctx.println("figure: " + ctx.save("mlp-from-scratch.png", 2, charts));
        return results;
    }

    static double accuracy(NeuralNetwork net, double[][] x, int[] y) {
        int correct = 0;
        for (int from = 0; from < x.length; from += 1000) {
            int to = Math.min(x.length, from + 1000);
            double[][] b = java.util.Arrays.copyOfRange(x, from, to);
            int[] pred = net.predict(b);
            for (int i = 0; i < pred.length; i++) {
                correct += pred[i] == y[from + i] ? 1 : 0;
            }
        }
        return (double) correct / x.length;
    }

    static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
