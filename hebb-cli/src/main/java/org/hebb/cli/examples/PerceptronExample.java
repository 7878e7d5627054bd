package org.hebb.cli.examples;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hebb.fundamentals.Perceptron;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The guide's perceptron on the logic gates AND, OR and XOR: the learning rule finds a
 * separating line for AND and OR within a few epochs; for XOR there is none, and the example
 * prints the two-line proof. Figure: the four inputs and the learned line for each gate.
 */
public final class PerceptronExample implements Example {
    static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int MAX_EPOCHS = 100;

    @Override
    public String name() {
        return "perceptron";
    }

    @Override
    public String description() {
        return "The perceptron learns AND and OR, cannot learn XOR, and why.";
    }

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        Map<String, Double> results = new LinkedHashMap<>();
        List<XYChart> charts = new ArrayList<>();
        ctx.println("Perceptron(2 inputs, learning rate 0.1), trained with the guide's rule until an epoch"
                + " has no error (at most " + MAX_EPOCHS + " epochs).");
        String[] gates = {"AND", "OR", "XOR"};
        int[][] targets = {{0, 0, 0, 1}, {0, 1, 1, 1}, {0, 1, 1, 0}};
        for (int g = 0; g < gates.length; g++) {
            Perceptron p = new Perceptron(2, 0.1, new Random(ctx.seed()));
            int[] y = targets[g];
            int converged = -1;
            int bestCorrect = 0;
            for (int epoch = 1; epoch <= MAX_EPOCHS && converged < 0; epoch++) {
                int errors = 0;
                for (int i = 0; i < X.length; i++) {
                    errors += Math.abs(p.train(X[i], y[i]));
                }
                bestCorrect = Math.max(bestCorrect, correct(p, y));
                if (errors == 0) {
                    converged = epoch;
                }
            }
            double[] w = p.weights();
            ctx.println("");
            ctx.printf("%s: %s; w = (%.3f, %.3f), b = %.3f%n", gates[g],
                    converged > 0 ? "learned in " + converged + " epochs" : "not learned in " + MAX_EPOCHS + " epochs",
                    w[0], w[1], p.bias());
            ctx.println("  x1 x2  target  prediction");
            for (int i = 0; i < X.length; i++) {
                int pred = p.predict(X[i]);
                ctx.printf("   %d  %d     %d        %d%s%n", (int) X[i][0], (int) X[i][1], y[i], pred, pred == y[i] ? "" : "   <- wrong");
            }
            String key = gates[g].toLowerCase();
            results.put(key + "_correct", (double) correct(p, y));
            results.put(key + "_best_correct", (double) bestCorrect);
            results.put(key + "_epochs", (double) converged);
            charts.add(gateChart(gates[g] + ": " + correct(p, y) + " of 4 right"
                    + (converged > 0 ? " after " + converged + " epochs" : " (best epoch: " + bestCorrect + ")"), y, p));
        }
        ctx.println("");
        ctx.println("Why XOR cannot be learned: a perceptron fires when w1*x1 + w2*x2 + b >= 0, one side of a"
                + " straight line.");
        ctx.println("  Firing on (0,1) and (1,0) needs w2 + b >= 0 and w1 + b >= 0; silence on (0,0) needs b < 0.");
        ctx.println("  Adding the first two: w1 + w2 + b >= -b > 0, so it also fires on (1,1), where XOR is 0.");
        ctx.println("  No line puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other: XOR is not linearly");
        ctx.println("  separable, so at most 3 of the 4 cases are ever right and the rule never stops updating.");
        ctx.println("  A hidden layer bends the boundary: `hebb example mlp-from-scratch` learns XOR.");
        ctx.println("");
        ctx.println("figure: " + ctx.save("perceptron.png", 3, charts));
        return results;
    }

    private static int correct(Perceptron p, int[] y) {
        int c = 0;
        for (int i = 0; i < X.length; i++) {
            c += p.predict(X[i]) == y[i] ? 1 : 0;
        }
        return c;
    }

    private static XYChart gateChart(String title, int[] y, Perceptron p) {
        XYChart c = Plots.chart(title, "x1", "x2");
        Plots.legendBelow(c);
        c.getStyler().setXAxisMin(-0.5).setXAxisMax(1.5).setYAxisMin(-0.5).setYAxisMax(1.5);
        c.getStyler().setMarkerSize(14);
        List<double[]> ones = new ArrayList<>();
        List<double[]> zeros = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            (y[i] == 1 ? ones : zeros).add(X[i]);
        }
        double[] w = p.weights();
        double b = p.bias();
        // The boundary w1*x1 + w2*x2 + b = 0 across the plotted square.
        double[] lx;
        double[] ly;
        if (Math.abs(w[1]) > 1e-9) {
            lx = new double[] {-0.5, 1.5};
            ly = new double[] {-(w[0] * -0.5 + b) / w[1], -(w[0] * 1.5 + b) / w[1]};
        } else {
            double x1 = -b / w[0];
            lx = new double[] {x1, x1};
            ly = new double[] {-0.5, 1.5};
        }
        Plots.line(c, "w1*x1 + w2*x2 + b = 0", lx, ly, new Color(60, 60, 60), true).setMarker(SeriesMarkers.NONE);
        Plots.points(c, "target 1", column(ones, 0), column(ones, 1), new Color(220, 80, 40));
        Plots.points(c, "target 0", column(zeros, 0), column(zeros, 1), new Color(40, 110, 200));
        return c;
    }

    private static double[] column(List<double[]> pts, int j) {
        double[] a = new double[pts.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = pts.get(i)[j];
        }
        return a;
    }
}
