package org.hebb.cli.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hebb.fundamentals.Losses;
import org.hebb.fundamentals.NeuralNetwork;
import org.hebb.tensor.Tensor;

/**
 * Backpropagation made concrete on a network small enough to print: the chain rule
 * {@code dL/dw = dL/dy * dy/dz * dz/dw} evaluated factor by factor for one weight, then every
 * gradient three ways side by side — the guide's backward pass ({@link NeuralNetwork#gradients},
 * float64), hebb's autograd (float32 tensors, {@code loss.backward()}), and central finite
 * differences of the loss (float64) — and finally what the guide's update order gets wrong.
 */
public final class BackpropExample implements Example {
    private static final double H = 1e-6;

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public String description() {
        return "The chain rule made concrete: from-scratch gradients vs. autograd vs. finite differences.";
    }

    @Override
    public Map<String, Double> run(ExampleContext ctx) {
        Map<String, Double> results = new LinkedHashMap<>();
        Random r = new Random(ctx.seed());
        int[] sizes = {4, 5, 3};
        int m = 4;
        NeuralNetwork net = new NeuralNetwork(r, sizes);
        // Every number below is a float32 value, so hebb's float32 tensors start from exactly the same inputs.
        for (int i = 0; i < 2; i++) {
            double[][] w = net.weights(i);
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) row[j];
                }
            }
            double[] b = new double[sizes[i + 1]];
            for (int j = 0; j < b.length; j++) {
                b[j] = (float) (0.1 * r.nextGaussian());
            }
            net.setWeights(i, w);
            net.setBiases(i, b);
        }
        double[][] x = new double[m][sizes[0]];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        int[] labels = {0, 2, 1, 2};
        double[][] y = ExampleContext.oneHot(labels, 3);

        ctx.println("Network [4, 5, 3]: z1 = x W0 + b0, a1 = relu(z1), z2 = a1 W1 + b1, p = softmax(z2),"
                + " L = mean over the batch of -log p[true class]. Batch of " + m + ".");

        // ---- The chain rule for one weight, on the first sample alone.
        double[][] x0 = {x[0]};
        double[][] y0 = {y[0]};
        double[][] p0 = net.forward(x0);
        double[] a1 = net.activations().get(1)[0];
        int c = labels[0];
        int j = 0;
        while (j < a1.length - 1 && !(a1[j] > 0)) {
            j++; // a hidden unit that is on, so its weights get a gradient
        }
        double dLdp = -1 / p0[0][c];
        double dpdz = p0[0][c] * (1 - p0[0][c]);
        double dzdw = a1[j];
        double product = dLdp * dpdz * dzdw;
        double backprop = net.gradients(x0, y0).dw(1)[j][c];
        ctx.println("");
        ctx.printf("The chain rule for one weight, W1[%d][%d] (hidden unit %d -> output %d, the true class), sample 0 alone:%n",
                j, c, j, c);
        ctx.printf("  dL/dp%d  = -1 / p%d          = %10.6f%n", c, c, dLdp);
        ctx.printf("  dp%d/dz%d = p%d (1 - p%d)       = %10.6f   (softmax; the other outputs' paths vanish: y is one-hot)%n",
                c, c, c, c, dpdz);
        ctx.printf("  dz%d/dW  = a1[%d]             = %10.6f%n", c, j, dzdw);
        ctx.printf("  product                     = %10.6f%n", product);
        ctx.printf("  backward's dW1[%d][%d] = a1[%d] (p%d - 1) = %10.6f%n", j, c, j, c, backprop);

        // ---- Every gradient, three ways.
        net.forward(x);
        NeuralNetwork.Gradients g = net.gradients(x, y);
        Tensor[] auto = autograd(net, x, y);
        String[] names = {"W0", "b0", "W1", "b1"};
        double[][] scratch = {flat(g.dw(0)), g.db(0), flat(g.dw(1)), g.db(1)};
        double[][] numeric = {numericWeights(net, x, y, 0), numericBiases(net, x, y, 0), numericWeights(net, x, y, 1),
            numericBiases(net, x, y, 1)};
        ctx.println("");
        ctx.println("Gradients of the batch loss, side by side (first entries of each parameter):");
        ctx.println("  param  index   from scratch (f64)   autograd (hebb f32)   finite diff. (f64)");
        double maxAuto = 0;
        double maxNumeric = 0;
        double maxRelAuto = 0;
        for (int k = 0; k < 4; k++) {
            float[] a = auto[k].grad().data();
            for (int i = 0; i < scratch[k].length; i++) {
                if (i < 3) {
                    ctx.printf("  %-5s  %5d   %18.9f   %19.9f   %18.9f%n", names[k], i, scratch[k][i], a[i], numeric[k][i]);
                }
                double da = Math.abs(scratch[k][i] - a[i]);
                maxAuto = Math.max(maxAuto, da);
                maxRelAuto = Math.max(maxRelAuto, da / Math.max(1e-3, Math.abs(scratch[k][i])));
                maxNumeric = Math.max(maxNumeric, Math.abs(scratch[k][i] - numeric[k][i]));
            }
        }
        ctx.printf("  all %d gradients: max |scratch - autograd| = %.2e (float32 rounding), max |scratch - finite"
                + " difference| = %.2e%n", 4 * 5 + 5 + 5 * 3 + 3, maxAuto, maxNumeric);

        // ---- The guide's order: W1 updated before delta goes through it.
        double lr = 0.5;
        double[][] guideDw0 = guideOrderDw0(net, x, y, lr);
        double[] numW0 = numeric[0];
        double[] gw0 = flat(guideDw0);
        double guideErr = 0;
        for (int i = 0; i < numW0.length; i++) {
            guideErr = Math.max(guideErr, Math.abs(gw0[i] - numW0[i]));
        }
        ctx.println("");
        ctx.printf("The guide's backward updates W1 (learning rate %.1f) and then sends delta through the updated W1:%n", lr);
        ctx.printf("  its dW0 misses the finite differences by up to %.2e; propagating through the forward pass's W1"
                + " (NeuralNetwork.backward) misses by %.2e.%n", guideErr, maxNumeric);
        ctx.println("  The chain rule needs dL/da1 = delta W1^T at the weights that produced the output.");

        results.put("chain_rule_product", product);
        results.put("chain_rule_backprop", backprop);
        results.put("max_abs_diff_autograd", maxAuto);
        results.put("max_rel_diff_autograd", maxRelAuto);
        results.put("max_abs_diff_finite_differences", maxNumeric);
        results.put("guide_order_max_abs_error", guideErr);
        return results;
    }

    /** The same network in hebb's float32 tensors; returns W0, b0, W1, b1 with their gradients filled. */
    private static Tensor[] autograd(NeuralNetwork net, double[][] x, double[][] y) {
        Tensor w0 = matrix(net.weights(0)).requiresGrad(true);
        Tensor b0 = vector(net.biases(0)).requiresGrad(true);
        Tensor w1 = matrix(net.weights(1)).requiresGrad(true);
        Tensor b1 = vector(net.biases(1)).requiresGrad(true);
        Tensor p = matrix(x).matmul(w0).add(b0).relu().matmul(w1).add(b1).softmax();
        Tensor loss = org.hebb.losses.Losses.categoricalCrossentropy(false).compute(p, matrix(y));
        loss.backward();
        return new Tensor[] {w0, b0, w1, b1};
    }

    private static double[] numericWeights(NeuralNetwork net, double[][] x, double[][] y, int layer) {
        double[][] w = net.weights(layer);
        double[] out = new double[w.length * w[0].length];
        for (int a = 0; a < w.length; a++) {
            for (int b = 0; b < w[a].length; b++) {
                double saved = w[a][b];
                w[a][b] = saved + H;
                net.setWeights(layer, w);
                double lp = Losses.categoricalCrossEntropy(y, net.forward(x));
                w[a][b] = saved - H;
                net.setWeights(layer, w);
                double lm = Losses.categoricalCrossEntropy(y, net.forward(x));
                w[a][b] = saved;
                net.setWeights(layer, w);
                out[a * w[a].length + b] = (lp - lm) / (2 * H);
            }
        }
        return out;
    }

    private static double[] numericBiases(NeuralNetwork net, double[][] x, double[][] y, int layer) {
        double[] b = net.biases(layer);
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double saved = b[i];
            b[i] = saved + H;
            net.setBiases(layer, b);
            double lp = Losses.categoricalCrossEntropy(y, net.forward(x));
            b[i] = saved - H;
            net.setBiases(layer, b);
            double lm = Losses.categoricalCrossEntropy(y, net.forward(x));
            b[i] = saved;
            net.setBiases(layer, b);
            out[i] = (lp - lm) / (2 * H);
        }
        return out;
    }

    /** dW0 as the guide's backward computes it: delta goes through W1 - lr * dW1. */
    static double[][] guideOrderDw0(NeuralNetwork net, double[][] x, double[][] y, double lr) {
        double[][] p = net.forward(x);
        List<double[][]> acts = net.activations();
        NeuralNetwork.Gradients g = net.gradients(x, y);
        double[][] w1 = net.weights(1);
        int m = x.length;
        double[][] dw0 = new double[x[0].length][w1.length];
        for (int s = 0; s < m; s++) {
            double[] delta1 = new double[w1.length];
            for (int h = 0; h < w1.length; h++) {
                if (!(acts.get(1)[s][h] > 0)) {
                    continue;
                }
                for (int k = 0; k < w1[h].length; k++) {
                    delta1[h] += (p[s][k] - y[s][k]) * (w1[h][k] - lr * g.dw(1)[h][k]);
                }
            }
            for (int i = 0; i < x[0].length; i++) {
                for (int h = 0; h < w1.length; h++) {
                    dw0[i][h] += x[s][i] * delta1[h] / m;
                }
            }
        }
        return dw0;
    }

    private static Tensor matrix(double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                f[i * a[0].length + j] = (float) a[i][j];
            }
        }
        return Tensor.of(f, a.length, a[0].length);
    }

    private static Tensor vector(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return Tensor.of(f, a.length);
    }

    private static double[] flat(double[][] a) {
        double[] out = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }
}
