package org.hebb.cli.examples;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.hebb.fundamentals.Adam;
import org.hebb.fundamentals.Losses;
import org.hebb.fundamentals.NeuralNetwork;
import org.hebb.fundamentals.Optimizer;
import org.hebb.fundamentals.SGD;
import org.knowm.xchart.XYChart;

/**
 * The guide's optimizers, {@link SGD} and {@link Adam}, training the same from-scratch network
 * from the same initial weights on the same problem — three interleaved spirals (CS231n's
 * classic), which no straight line separates — with full-batch gradient steps. Adam gets one
 * instance per parameter array, as its single {@code (m, v, t)} state requires. Figure: the
 * loss and accuracy curves.
 */
public final class OptimizersExample implements Example {

    @Override
    public String name() {
        return "optimizers";
    }

    @Override
    public String description() {
        return "SGD vs. Adam (the guide's classes) on the same network and data: loss curves.";
    }

    /** Three spirals of {@code perClass} points in the plane ({@code x [3n, 2]}, labels 0..2). */
    static double[][] spirals(int perClass, Random r, int[] labels) {
        double[][] x = new double[3 * perClass][2];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < perClass; i++) {
                double radius = (double) i / (perClass - 1);
                double t = k * 4 + 4.0 * i / (perClass - 1) + r.nextGaussian() * 0.2;
                x[k * perClass + i][0] = radius * Math.sin(t);
                x[k * perClass + i][1] = radius * Math.cos(t);
                labels[k * perClass + i] = k;
            }
        }
        return x;
    }

    private record Run(String name, Color color, boolean dashed, Supplier<Optimizer> optimizer) {}

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        Map<String, Double> results = new LinkedHashMap<>();
        int perClass = 100;
        int[] labels = new int[3 * perClass];
        double[][] x = spirals(perClass, new Random(ctx.seed()), labels);
        double[][] y = ExampleContext.oneHot(labels, 3);
        int steps = ctx.size(150, 2000);
        int[] sizes = {2, 32, 32, 3};
        ctx.printf("Three spirals, %d points, NeuralNetwork(2, 32, 32, 3) from the same initial weights, %d full-batch"
                + " steps each (name, learning rate; the guide's default rates are marked):%n", x.length, steps);

        List<Run> runs = List.of(
                new Run("SGD 0.01 (default)", new Color(150, 150, 150), false, () -> new SGD(0.01)),
                new Run("SGD 0.5", new Color(40, 110, 200), false, () -> new SGD(0.5)),
                new Run("Adam 0.001 (default)", new Color(240, 170, 40), false, () -> new Adam(0.001)),
                new Run("Adam 0.01", new Color(220, 80, 40), false, () -> new Adam(0.01)));
        XYChart loss = Plots.chart("Training loss, same network and data", "step", "cross-entropy loss");
        loss.getStyler().setYAxisLogarithmic(true);
        Plots.legendBelow(loss);
        XYChart acc = Plots.chart("Training accuracy", "step", "accuracy");
        Plots.legendBelow(acc);
        acc.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        String[] keys = {"sgd_0.01", "sgd_0.5", "adam_0.001", "adam_0.01"};
        for (int k = 0; k < runs.size(); k++) {
            Run run = runs.get(k);
            NeuralNetwork net = new NeuralNetwork(new Random(ctx.seed()), sizes);
            // One optimizer per parameter array: W0, b0, W1, b1, ... (Adam keeps one state per array).
            Optimizer[] opt = new Optimizer[2 * net.depth()];
            for (int i = 0; i < opt.length; i++) {
                opt[i] = run.optimizer().get();
            }
            double[] curve = new double[steps];
            double[] accCurve = new double[steps];
            for (int s = 0; s < steps; s++) {
                double[][] p = net.forward(x);
                curve[s] = Losses.categoricalCrossEntropy(y, p);
                accCurve[s] = accuracy(p, labels);
                NeuralNetwork.Gradients g = net.gradients(x, y);
                for (int i = 0; i < net.depth(); i++) {
                    net.setWeights(i, opt[2 * i].update(net.weights(i), g.dw(i)));
                    net.setBiases(i, opt[2 * i + 1].update(net.biases(i), g.db(i)));
                }
            }
            double finalLoss = Losses.categoricalCrossEntropy(y, net.forward(x));
            double finalAcc = accuracy(net.forward(x), labels);
            ctx.printf("  %-22s loss %.4f -> %.4f, accuracy %.3f%n", run.name(), curve[0], finalLoss, finalAcc);
            results.put(keys[k] + "_final_loss", finalLoss);
            results.put(keys[k] + "_accuracy", finalAcc);
            Plots.line(loss, run.name(), Plots.oneTo(steps), curve, run.color(), run.dashed());
            Plots.line(acc, run.name(), Plots.oneTo(steps), accCurve, run.color(), run.dashed());
        }
        ctx.println("  Adam divides each step by a running RMS of its gradients, so every weight moves at about the");
        ctx.println("  learning rate whatever its gradient's scale; plain SGD needs a learning rate tuned to the problem.");

        // The guide's Adam holds one (m, v, t): sharing one instance across parameters is an error here.
        NeuralNetwork net = new NeuralNetwork(new Random(ctx.seed()), sizes);
        Adam shared = new Adam(0.01);
        net.forward(x);
        NeuralNetwork.Gradients g = net.gradients(x, y);
        try {
            shared.update(net.weights(0), g.dw(0));
            shared.update(net.biases(0), g.db(0));
            results.put("shared_adam_refused", 0.0);
        } catch (IllegalArgumentException e) {
            ctx.println("");
            ctx.println("One Adam for every parameter, as the guide's class invites: " + e.getMessage());
            results.put("shared_adam_refused", 1.0);
        }
        ctx.println("");
        ctx.println("figure: " + ctx.save("optimizers.png", 2, new ArrayList<>(List.of(loss, acc))));
        return results;
    }

    static double accuracy(double[][] p, int[] labels) {
        int correct = 0;
        for (int r = 0; r < p.length; r++) {
            int best = 0;
            for (int j = 1; j < p[r].length; j++) {
                if (p[r][j] > p[r][best]) {
                    best = j;
                }
            }
            correct += best == labels[r] ? 1 : 0;
        }
        return (double) correct / p.length;
    }
}
