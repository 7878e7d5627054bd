package org.hebb.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Function;
import org.hebb.tensor.Autograd;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;

/**
 * Numerical gradient check by central differences. The function's output is contracted with
 * fixed random weights into a scalar {@code L = sum(w * f(x))}, so every output element's
 * gradient path is exercised; the analytic gradient from {@code backward()} is compared with
 * {@code (L(x+eps) - L(x-eps)) / 2eps}, with L summed in double.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Checks with eps 1e-3 and tolerance {@code |a-n| <= 1e-2 * max(1, |n|)}. */
    public static void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(name, 1e-3, 1e-2, f, inputs);
    }

    /** Checks with the given step and tolerance; fails naming the op, input and index. */
    public static void check(String name, double eps, double tol, Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor in : inputs) {
            in.requiresGrad(true);
            in.zeroGrad();
        }
        Tensor out = f.apply(inputs);
        Rng rng = new Rng(1234);
        float[] w = new float[out.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        Tensor wt = Tensor.of(w, out.shape());
        out.mul(wt).sum().backward();
        for (int t = 0; t < inputs.length; t++) {
            Tensor in = inputs[t];
            if (in.grad() == null) {
                fail(name + ": input " + t + " received no gradient");
            }
            float[] analytic = in.grad().toArray();
            float[] x = in.data();
            for (int i = 0; i < x.length; i++) {
                float saved = x[i];
                x[i] = (float) (saved + eps);
                double lp = loss(f, inputs, w);
                x[i] = (float) (saved - eps);
                double lm = loss(f, inputs, w);
                x[i] = saved;
                double numeric = (lp - lm) / (2 * eps);
                double err = Math.abs(analytic[i] - numeric);
                if (err > tol * Math.max(1.0, Math.abs(numeric))) {
                    fail(String.format("%s: gradient of input %d at flat index %d: analytic %.6f, numeric %.6f",
                            name, t, i, analytic[i], numeric));
                }
            }
        }
    }

    private static double loss(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] w) {
        try (var scope = Autograd.noGrad()) {
            float[] y = f.apply(inputs).data();
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (double) w[i] * y[i];
            }
            return s;
        }
    }

    /** A tensor of the given shape with values uniform in [lo, hi), from a fixed seed. */
    public static Tensor uniform(long seed, float lo, float hi, int... shape) {
        Rng rng = new Rng(seed);
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return Tensor.of(v, shape);
    }
}
