package org.hebb.cli.examples;

import java.awt.Color;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.fundamentals.Activations;
import org.knowm.xchart.XYChart;

/**
 * The guide's four activation functions, {@link Activations}: a table of values, why softmax
 * subtracts the row maximum, and a figure of the functions and their derivatives.
 */
public final class ActivationsExample implements Example {
    private static final Color SIGMOID = new Color(40, 110, 200);
    private static final Color TANH = new Color(220, 80, 40);
    private static final Color RELU = new Color(40, 150, 70);
    private static final Color SOFTMAX = new Color(140, 70, 170);

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public String description() {
        return "Sigmoid, tanh, ReLU and softmax: values, stability, and a plot with their derivatives.";
    }

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        Map<String, Double> results = new LinkedHashMap<>();
        double[] xs = {-3, -1, 0, 1, 3};
        ctx.println("       x   sigmoid      tanh      relu   sigmoid'     tanh'     relu'");
        for (double x : xs) {
            ctx.printf("%8.1f  %8.4f  %8.4f  %8.4f  %9.4f  %8.4f  %8.1f%n", x, Activations.sigmoid(x), Activations.tanh(x),
                    Activations.relu(x), Activations.sigmoidDerivative(x), Activations.tanhDerivative(x),
                    Activations.reluDerivative(x));
        }
        double[] p = Activations.softmax(xs);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        ctx.printf("softmax(%s) = %s, sum %.6f%n", fmt(xs), fmt(p), sum);
        ctx.println("  Softmax is not elementwise: each output depends on every input, and the outputs are");
        ctx.println("  positive and sum to 1, a probability distribution over the classes.");

        double[] big = {1000, 1001};
        double[] naive = {Math.exp(1000) / (Math.exp(1000) + Math.exp(1001)), Math.exp(1001) / (Math.exp(1000) + Math.exp(1001))};
        double[] stable = Activations.softmax(big);
        ctx.printf("%nStability: softmax([1000, 1001]) as written in the table, e^x / sum e^x = %s (e^1000 overflows:"
                + " inf / inf);%n  with the row maximum subtracted first, as the guide's code does = %s.%n",
                fmt(naive), fmt(stable));
        ctx.printf("  sigmoid(-1000) with the guide's clip to [-500, 500] = %.3g (= sigmoid(-500)); unclipped"
                + " 1 / (1 + e^1000) = %.1f.%n", Activations.sigmoid(-1000), 1 / (1 + Math.exp(1000)));
        ctx.println("  sigmoid' is at most 0.25 and tanh' at most 1; both vanish for large |x|, which is why deep");
        ctx.println("  stacks of them learn slowly and ReLU (derivative 1 for x > 0) is the default for hidden layers.");

        results.put("sigmoid_0", Activations.sigmoid(0));
        results.put("tanh_1", Activations.tanh(1));
        results.put("relu_minus_1", Activations.relu(-1));
        results.put("softmax_sum", sum);
        results.put("softmax_naive_is_nan", Double.isNaN(naive[0]) ? 1.0 : 0.0);
        results.put("softmax_stable_1001", stable[1]);
        results.put("max_sigmoid_derivative", Activations.sigmoidDerivative(0));

        // A grid over [-5, 5] with two extra points just either side of 0, so the jump of relu' is
        // drawn as a jump (and the axis gets round tick values rather than ticks at grid points).
        double[] grid = Plots.linspace(-5, 5, 401);
        int n = grid.length + 2;
        double[] x = new double[n];
        for (int i = 0, j = 0; i < grid.length; i++) {
            if (grid[i] == 0) {
                x[j++] = -1e-9;
                x[j++] = 0;
                x[j++] = 1e-9;
            } else {
                x[j++] = grid[i];
            }
        }
        double[] sig = new double[n];
        double[] th = new double[n];
        double[] re = new double[n];
        double[] sm = new double[n];
        double[] dsig = new double[n];
        double[] dth = new double[n];
        double[] dre = new double[n];
        double[] dsm = new double[n];
        for (int i = 0; i < n; i++) {
            sig[i] = Activations.sigmoid(x[i]);
            th[i] = Activations.tanh(x[i]);
            re[i] = Activations.relu(x[i]);
            dsig[i] = Activations.sigmoidDerivative(x[i]);
            dth[i] = Activations.tanhDerivative(x[i]);
            dre[i] = Activations.reluDerivative(x[i]);
            // Softmax of three scores (x, 0, 0): its first output and the diagonal of its Jacobian.
            double[] scores = {x[i], 0, 0};
            sm[i] = Activations.softmax(scores)[0];
            dsm[i] = Activations.softmaxJacobian(scores)[0][0];
        }
        XYChart f = Plots.chart("Activation functions", "x", "f(x)");
        f.getStyler().setYAxisMin(-1.1).setYAxisMax(2.0).setXAxisMin(-5.0).setXAxisMax(5.0);
        f.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        Plots.line(f, "sigmoid", x, sig, SIGMOID, false);
        Plots.line(f, "tanh", x, th, TANH, false);
        int upTo2 = 0; // x in [-5, 2]: the rest of ReLU leaves the plot
        while (upTo2 < n && x[upTo2] <= 2) {
            upTo2++;
        }
        Plots.line(f, "relu", java.util.Arrays.copyOf(x, upTo2), java.util.Arrays.copyOf(re, upTo2), RELU, false);
        Plots.line(f, "softmax([x, 0, 0])[0]", x, sm, SOFTMAX, true);
        XYChart d = Plots.chart("Their derivatives", "x", "f'(x)");
        d.getStyler().setYAxisMin(-0.1).setYAxisMax(1.2).setXAxisMin(-5.0).setXAxisMax(5.0);
        d.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        Plots.line(d, "sigmoid' = s(1 - s)", x, dsig, SIGMOID, false);
        Plots.line(d, "tanh' = 1 - tanh^2", x, dth, TANH, false);
        Plots.line(d, "relu' = [x > 0]", x, dre, RELU, false);
        Plots.line(d, "d softmax[0] / dx = p(1 - p)", x, dsm, SOFTMAX, true);
        ctx.println("");
        ctx.println("figure: " + ctx.save("activations.png", 2, List.of(f, d)));
        return results;
    }

    static String fmt(double[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            String v = String.format(java.util.Locale.ROOT, "%.4g", a[i]);
            if (v.contains(".") && !v.contains("e")) {
                v = v.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            b.append(i == 0 ? "" : ", ").append(v);
        }
        return b.append(']').toString();
    }
}
