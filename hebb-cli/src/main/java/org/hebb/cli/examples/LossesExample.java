package org.hebb.cli.examples;

import java.awt.Color;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.fundamentals.Losses;
import org.hebb.tensor.Tensor;
import org.knowm.xchart.XYChart;

/**
 * The guide's table of loss functions evaluated on examples — a confident right answer, an
 * unsure one, a confident wrong one — by the from-scratch {@link Losses} (float64) and by hebb's
 * {@code org.hebb.losses} (float32) side by side, and a figure of why cross-entropy, not squared
 * error, trains classifiers: its gradient does not vanish when the prediction is badly wrong.
 */
public final class LossesExample implements Example {

    @Override
    public String name() {
        return "losses";
    }

    @Override
    public String description() {
        return "The loss table evaluated on examples, from scratch and in hebb, and why cross-entropy for classes.";
    }

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        Map<String, Double> results = new LinkedHashMap<>();
        org.hebb.losses.Loss bceLib = org.hebb.losses.Losses.binaryCrossentropy(false);
        org.hebb.losses.Loss cceLib = org.hebb.losses.Losses.categoricalCrossentropy(false);
        org.hebb.losses.Loss mseLib = org.hebb.losses.Losses.meanSquaredError();
        double maxDiff = 0;

        ctx.println("Binary cross-entropy  -[y log p + (1 - y) log(1 - p)]   (binary classification)");
        ctx.println("  y     p      from scratch   hebb (float32)");
        double[][] bce = {{1, 0.9}, {1, 0.5}, {1, 0.1}, {0, 0.1}, {0, 0.99}};
        String[] bceKeys = {"bce_right", "bce_unsure", "bce_wrong", "bce_right_0", "bce_very_wrong_0"};
        for (int i = 0; i < bce.length; i++) {
            double y = bce[i][0];
            double p = bce[i][1];
            double mine = Losses.binaryCrossEntropy(new double[] {y}, new double[] {p});
            float lib = bceLib.compute(Tensor.of(new float[] {(float) p}, 1), Tensor.of(new float[] {(float) y}, 1)).item();
            ctx.printf("  %.0f  %5.2f   %12.6f   %12.6f%n", y, p, mine, lib);
            maxDiff = Math.max(maxDiff, Math.abs(mine - lib));
            results.put(bceKeys[i], mine);
        }

        ctx.println("");
        ctx.println("Categorical cross-entropy  -sum_i y_i log p_i   (multi-class; y = [0, 1, 0])");
        ctx.println("  p                     from scratch   hebb (float32)");
        double[] y3 = {0, 1, 0};
        double[][] cce = {{0.05, 0.9, 0.05}, {0.3, 0.4, 0.3}, {0.8, 0.1, 0.1}};
        String[] cceKeys = {"cce_right", "cce_unsure", "cce_wrong"};
        for (int i = 0; i < cce.length; i++) {
            double mine = Losses.categoricalCrossEntropy(new double[][] {y3}, new double[][] {cce[i]});
            float lib = cceLib.compute(Tensor.of(floats(cce[i]), 1, 3), Tensor.of(floats(y3), 1, 3)).item();
            ctx.printf("  %-20s  %12.6f   %12.6f%n", ActivationsExample.fmt(cce[i]), mine, lib);
            maxDiff = Math.max(maxDiff, Math.abs(mine - lib));
            results.put(cceKeys[i], mine);
        }
        ctx.println("  Only the probability of the true class counts: -log 0.9, -log 0.4, -log 0.1.");

        ctx.println("");
        ctx.println("Mean squared error  (1/n) sum (y - ŷ)^2   (regression; y = [1.5, -0.5, 2.0])");
        ctx.println("  ŷ                     from scratch   hebb (float32)");
        double[] yr = {1.5, -0.5, 2.0};
        double[][] mse = {{1.4, -0.4, 2.1}, {1.0, 0.0, 3.0}, {-1.5, 2.5, 0.0}};
        String[] mseKeys = {"mse_close", "mse_off", "mse_far"};
        for (int i = 0; i < mse.length; i++) {
            double mine = Losses.meanSquaredError(yr, mse[i]);
            float lib = mseLib.compute(Tensor.of(floats(mse[i]), 3), Tensor.of(floats(yr), 3)).item();
            ctx.printf("  %-20s  %12.6f   %12.6f%n", ActivationsExample.fmt(mse[i]), mine, lib);
            maxDiff = Math.max(maxDiff, Math.abs(mine - lib));
            results.put(mseKeys[i], mine);
        }
        ctx.println("  Squaring makes one large miss cost more than many small ones.");

        // Why cross-entropy for classification: the loss and its gradient as the prediction gets worse.
        int n = 199;
        double[] p = Plots.linspace(0.005, 0.995, n);
        double[] ce = new double[n];
        double[] sq = new double[n];
        double[] gce = new double[n];
        double[] gsq = new double[n];
        for (int i = 0; i < n; i++) {
            // A sigmoid output p = s(z) for a true label 1; gradients with respect to the logit z.
            ce[i] = Losses.binaryCrossEntropy(new double[] {1}, new double[] {p[i]});
            sq[i] = Losses.meanSquaredError(new double[] {1}, new double[] {p[i]});
            double dpdz = p[i] * (1 - p[i]);
            gce[i] = Math.abs(Losses.binaryCrossEntropyGradient(new double[] {1}, new double[] {p[i]})[0] * dpdz);
            gsq[i] = Math.abs(Losses.meanSquaredErrorGradient(new double[] {1}, new double[] {p[i]})[0] * dpdz);
        }
        XYChart l = Plots.chart("Loss for a true label 1", "predicted probability p", "loss");
        l.getStyler().setYAxisMax(4.0);
        Plots.line(l, "cross-entropy -log p", p, ce, new Color(40, 110, 200), false);
        Plots.line(l, "squared error (1 - p)^2", p, sq, new Color(220, 80, 40), false);
        XYChart g = Plots.chart("Gradient reaching the logit (p = sigmoid(z))", "predicted probability p", "|dL/dz|");
        g.getStyler().setYAxisMax(1.1);
        Plots.line(g, "cross-entropy: 1 - p", p, gce, new Color(40, 110, 200), false);
        Plots.line(g, "squared error: 2 (1 - p) p (1 - p)", p, gsq, new Color(220, 80, 40), false);
        ctx.println("");
        ctx.println("Why cross-entropy for classes: through a sigmoid, squared error's gradient 2(1 - p) p(1 - p)"
                + " vanishes as p -> 0,");
        ctx.println("  so a confidently wrong classifier barely learns; cross-entropy's gradient is 1 - p, largest"
                + " exactly when most wrong.");
        ctx.println("figure: " + ctx.save("losses.png", 2, List.of(l, g)));
        results.put("max_abs_diff_scratch_vs_hebb", maxDiff);
        results.put("gradient_at_p_0.005_ce", gce[0]);
        results.put("gradient_at_p_0.005_mse", gsq[0]);
        return results;
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
