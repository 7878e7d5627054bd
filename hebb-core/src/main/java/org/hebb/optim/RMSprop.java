package org.hebb.optim;

import java.util.List;
import java.util.Map;
import org.hebb.kernels.OptimKernels;

/**
 * RMSprop (Hinton, 2012) in the Keras form: divide the gradient by a running root mean square.
 * <pre>
 * a   = rho * a + (1 - rho) * g^2
 * inc = lr * g / sqrt(a + epsilon)
 * momentum = 0:  w -= inc
 * momentum > 0:  mom = momentum * mom + inc;  w -= mom
 * </pre>
 * Defaults are Keras': {@code lr = 0.001, rho = 0.9, momentum = 0, epsilon = 1e-7}. PyTorch's
 * RMSprop defaults to {@code lr = 0.01, alpha (rho) = 0.99, eps = 1e-8} and adds epsilon
 * outside the square root ({@code g / (sqrt(a) + eps)}). The centered variant is not
 * provided. State per parameter: {@code "velocity"} (the average {@code a}) and, when
 * {@code momentum > 0}, {@code "momentum"}.
 */
public final class RMSprop extends AbstractOptimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;

    /**
     * @param lr learning rate, {@code > 0}
     * @param rho decay of the squared-gradient average, in {@code [0, 1)}
     * @param momentum in {@code [0, 1)}
     * @param epsilon added under the square root, {@code > 0}
     * @throws IllegalArgumentException on a value out of range
     */
    public RMSprop(double lr, double rho, double momentum, double epsilon) {
        super("RMSprop", lr);
        this.rho = Checks.unitInterval("RMSprop", "rho", rho);
        this.momentum = Checks.unitInterval("RMSprop", "momentum", momentum);
        this.epsilon = Checks.positive("RMSprop", "epsilon", epsilon);
    }

    /** With a learning-rate schedule; see {@link #RMSprop(double, double, double, double)}. */
    public RMSprop(LearningRateSchedule schedule, double rho, double momentum, double epsilon) {
        super("RMSprop", schedule);
        this.rho = Checks.unitInterval("RMSprop", "rho", rho);
        this.momentum = Checks.unitInterval("RMSprop", "momentum", momentum);
        this.epsilon = Checks.positive("RMSprop", "epsilon", epsilon);
    }

    /** The given rate with Keras' other defaults. */
    public RMSprop(double lr) {
        this(lr, 0.9, 0.0, 1e-7);
    }

    /** Keras' defaults: {@code lr = 0.001, rho = 0.9, momentum = 0, epsilon = 1e-7}. */
    public RMSprop() {
        this(0.001);
    }

    /** A schedule with Keras' other defaults. */
    public RMSprop(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.0, 1e-7);
    }

    /** The decay of the squared-gradient average. */
    public double rho() {
        return rho;
    }

    /** The momentum coefficient. */
    public double momentum() {
        return momentum;
    }

    /** The constant added under the square root. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected List<String> slots() {
        return momentum > 0 ? List.of("velocity", "momentum") : List.of("velocity");
    }

    @Override
    protected void update(String name, float[] w, float[] g, double lr, int t) {
        float[] a = slot(name, "velocity", w.length);
        float[] mom = momentum > 0 ? slot(name, "momentum", w.length) : null;
        OptimKernels.rmsprop(w, g, a, mom, lr, rho, momentum, epsilon);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
    }
}
