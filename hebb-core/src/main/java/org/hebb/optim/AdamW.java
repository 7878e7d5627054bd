package org.hebb.optim;

import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019). Each step first shrinks the
 * weights, then applies the {@link Adam} update with the unchanged gradient:
 * <pre>
 * w -= lr * weightDecay * w
 * (then exactly Adam's step)
 * </pre>
 * Unlike an L2 penalty added to the loss, the decay does not pass through Adam's
 * normalization, so every weight shrinks by the same fraction {@code lr * weightDecay}.
 *
 * <p>Defaults are Keras': {@code lr = 0.001, weightDecay = 0.004, beta1 = 0.9, beta2 = 0.999,
 * epsilon = 1e-7}. PyTorch's AdamW defaults to {@code weightDecay = 0.01, epsilon = 1e-8};
 * its order of decay and update is the same. The decay applies to every parameter the step
 * updates (give biases their own optimizer to exclude them). State per parameter: {@code "m"}
 * and {@code "v"}.
 */
public final class AdamW extends AbstractOptimizer {
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /**
     * @param lr learning rate, {@code > 0}
     * @param weightDecay decay coefficient, {@code >= 0}
     * @param beta1 decay of the first moment, in {@code [0, 1)}
     * @param beta2 decay of the second moment, in {@code [0, 1)}
     * @param epsilon added to {@code sqrt(v_hat)}, {@code > 0}
     * @throws IllegalArgumentException on a value out of range
     */
    public AdamW(double lr, double weightDecay, double beta1, double beta2, double epsilon) {
        super("AdamW", lr);
        this.weightDecay = Checks.nonNegative("AdamW", "weight decay", weightDecay);
        this.beta1 = Checks.unitInterval("AdamW", "beta1", beta1);
        this.beta2 = Checks.unitInterval("AdamW", "beta2", beta2);
        this.epsilon = Checks.positive("AdamW", "epsilon", epsilon);
    }

    /** With a learning-rate schedule; see {@link #AdamW(double, double, double, double, double)}. */
    public AdamW(LearningRateSchedule schedule, double weightDecay, double beta1, double beta2, double epsilon) {
        super("AdamW", schedule);
        this.weightDecay = Checks.nonNegative("AdamW", "weight decay", weightDecay);
        this.beta1 = Checks.unitInterval("AdamW", "beta1", beta1);
        this.beta2 = Checks.unitInterval("AdamW", "beta2", beta2);
        this.epsilon = Checks.positive("AdamW", "epsilon", epsilon);
    }

    /** The given rate and decay with Keras' other defaults. */
    public AdamW(double lr, double weightDecay) {
        this(lr, weightDecay, 0.9, 0.999, 1e-7);
    }

    /** The given rate with Keras' other defaults ({@code weightDecay = 0.004}). */
    public AdamW(double lr) {
        this(lr, 0.004);
    }

    /** Keras' defaults: {@code lr = 0.001, weightDecay = 0.004, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7}. */
    public AdamW() {
        this(0.001);
    }

    /** A schedule with Keras' other defaults. */
    public AdamW(LearningRateSchedule schedule) {
        this(schedule, 0.004, 0.9, 0.999, 1e-7);
    }

    /** The decoupled weight-decay coefficient. */
    public double weightDecay() {
        return weightDecay;
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
        return "adamw";
    }

    @Override
    protected List<String> slots() {
        return List.of("m", "v");
    }

    @Override
    protected void update(String name, float[] w, float[] g, double lr, int t) {
        Adam.adamUpdate(this, name, w, g, lr, t, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("weight_decay", weightDecay);
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
    }
}
