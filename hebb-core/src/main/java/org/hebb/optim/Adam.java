package org.hebb.optim;

import java.util.List;
import java.util.Map;
import org.hebb.kernels.OptimKernels;

/**
 * Adam (Kingma &amp; Ba, 2015), with the bias-corrected formulas of the guide. At step
 * {@code t = iterations + 1}:
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * m_hat = m / (1 - beta1^t)
 * v_hat = v / (1 - beta2^t)
 * w -= lr * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 * Since {@code m_hat = g} and {@code v_hat = g^2} at {@code t = 1}, the first step moves every
 * weight by about {@code lr} against the sign of its gradient.
 *
 * <p>Defaults are Keras': {@code lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7}.
 * PyTorch and the guide use {@code epsilon = 1e-8}. The formula is PyTorch's; Keras folds the
 * bias corrections into the rate ({@code w -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m /
 * (sqrt(v) + epsilon)}), which differs only in how epsilon is scaled (by
 * {@code sqrt(1 - beta2^t)}), a difference visible only when {@code |g|} is near epsilon.
 * State per parameter: {@code "m"} and {@code "v"}.
 */
public final class Adam extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /**
     * @param lr learning rate, {@code > 0}
     * @param beta1 decay of the first moment, in {@code [0, 1)}
     * @param beta2 decay of the second moment, in {@code [0, 1)}
     * @param epsilon added to {@code sqrt(v_hat)}, {@code > 0}
     * @throws IllegalArgumentException on a value out of range
     */
    public Adam(double lr, double beta1, double beta2, double epsilon) {
        super("Adam", lr);
        this.beta1 = Checks.unitInterval("Adam", "beta1", beta1);
        this.beta2 = Checks.unitInterval("Adam", "beta2", beta2);
        this.epsilon = Checks.positive("Adam", "epsilon", epsilon);
    }

    /** With a learning-rate schedule; see {@link #Adam(double, double, double, double)}. */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super("Adam", schedule);
        this.beta1 = Checks.unitInterval("Adam", "beta1", beta1);
        this.beta2 = Checks.unitInterval("Adam", "beta2", beta2);
        this.epsilon = Checks.positive("Adam", "epsilon", epsilon);
    }

    /** The given rate with Keras' other defaults. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-7);
    }

    /** Keras' defaults: {@code lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7}. */
    public Adam() {
        this(0.001);
    }

    /** A schedule with Keras' other defaults. */
    public Adam(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.999, 1e-7);
    }

    /** The first-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** The second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** The constant added to the denominator. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected List<String> slots() {
        return List.of("m", "v");
    }

    @Override
    protected void update(String name, float[] w, float[] g, double lr, int t) {
        adamUpdate(this, name, w, g, lr, t, beta1, beta2, epsilon, 0.0);
    }

    /** The Adam update shared with {@link AdamW} (which passes its weight decay). */
    static void adamUpdate(AbstractOptimizer opt, String name, float[] w, float[] g, double lr, int t,
                           double beta1, double beta2, double epsilon, double weightDecay) {
        float[] m = opt.slot(name, "m", w.length);
        float[] v = opt.slot(name, "v", w.length);
        OptimKernels.adam(w, g, m, v, lr, beta1, beta2, epsilon, t, weightDecay);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
    }
}
