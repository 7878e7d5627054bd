package org.hebb.optim;

import java.util.List;
import java.util.Map;
import org.hebb.kernels.OptimKernels;

/**
 * Adagrad (Duchi et al., 2011) in the Keras form: each weight's step shrinks with the sum of
 * its squared gradients so far.
 * <pre>
 * acc += g^2                         (acc starts at initialAccumulator)
 * w   -= lr * g / sqrt(acc + epsilon)
 * </pre>
 * Defaults are Keras': {@code lr = 0.001, initialAccumulator = 0.1, epsilon = 1e-7}. PyTorch's
 * Adagrad defaults to {@code lr = 0.01, initial_accumulator_value = 0, eps = 1e-10} and adds
 * epsilon outside the square root. State per parameter: {@code "accumulator"}.
 */
public final class Adagrad extends AbstractOptimizer {
    private final double initialAccumulator;
    private final double epsilon;

    /**
     * @param lr learning rate, {@code > 0}
     * @param initialAccumulator starting value of the accumulator, {@code >= 0}
     * @param epsilon added under the square root, {@code > 0}
     * @throws IllegalArgumentException on a value out of range
     */
    public Adagrad(double lr, double initialAccumulator, double epsilon) {
        super("Adagrad", lr);
        this.initialAccumulator = Checks.nonNegative("Adagrad", "initial accumulator", initialAccumulator);
        this.epsilon = Checks.positive("Adagrad", "epsilon", epsilon);
    }

    /** With a learning-rate schedule; see {@link #Adagrad(double, double, double)}. */
    public Adagrad(LearningRateSchedule schedule, double initialAccumulator, double epsilon) {
        super("Adagrad", schedule);
        this.initialAccumulator = Checks.nonNegative("Adagrad", "initial accumulator", initialAccumulator);
        this.epsilon = Checks.positive("Adagrad", "epsilon", epsilon);
    }

    /** The given rate with Keras' other defaults. */
    public Adagrad(double lr) {
        this(lr, 0.1, 1e-7);
    }

    /** Keras' defaults: {@code lr = 0.001, initialAccumulator = 0.1, epsilon = 1e-7}. */
    public Adagrad() {
        this(0.001);
    }

    /** A schedule with Keras' other defaults. */
    public Adagrad(LearningRateSchedule schedule) {
        this(schedule, 0.1, 1e-7);
    }

    /** The accumulator's starting value. */
    public double initialAccumulator() {
        return initialAccumulator;
    }

    /** The constant added under the square root. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected List<String> slots() {
        return List.of("accumulator");
    }

    @Override
    protected float initialSlotValue(String slot) {
        return (float) initialAccumulator;
    }

    @Override
    protected void update(String name, float[] w, float[] g, double lr, int t) {
        OptimKernels.adagrad(w, g, slot(name, "accumulator", w.length), lr, epsilon);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("initial_accumulator_value", initialAccumulator);
        config.put("epsilon", epsilon);
    }
}
