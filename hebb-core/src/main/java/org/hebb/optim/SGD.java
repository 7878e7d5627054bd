package org.hebb.optim;

import java.util.List;
import java.util.Map;
import org.hebb.kernels.OptimKernels;

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum, in the Keras form.
 * <pre>
 * momentum = 0:   w -= lr * g
 * momentum > 0:   v = momentum * v - lr * g
 *                 w += v                          (plain)
 *                 w += momentum * v - lr * g      (Nesterov, with the new v)
 * </pre>
 * Defaults (Keras): {@code lr = 0.01, momentum = 0, nesterov = false}. PyTorch's SGD keeps
 * {@code b = momentum * b + g} and steps {@code w -= lr * b}; with a constant learning rate
 * this is the same trajectory ({@code v = -lr * b}), but after a learning-rate change Keras'
 * velocity keeps the old rate's scale. State per parameter: {@code "momentum"} (the velocity
 * {@code v}), only when {@code momentum > 0}.
 */
public final class SGD extends AbstractOptimizer {
    private final double momentum;
    private final boolean nesterov;

    /**
     * @param lr learning rate, {@code > 0}
     * @param momentum in {@code [0, 1)}
     * @param nesterov use Nesterov momentum (requires {@code momentum > 0})
     * @throws IllegalArgumentException on a value out of range
     */
    public SGD(double lr, double momentum, boolean nesterov) {
        super("SGD", lr);
        this.momentum = checkMomentum(momentum, nesterov);
        this.nesterov = nesterov;
    }

    /** With a learning-rate schedule; see {@link #SGD(double, double, boolean)}. */
    public SGD(LearningRateSchedule schedule, double momentum, boolean nesterov) {
        super("SGD", schedule);
        this.momentum = checkMomentum(momentum, nesterov);
        this.nesterov = nesterov;
    }

    /** Plain momentum. */
    public SGD(double lr, double momentum) {
        this(lr, momentum, false);
    }

    /** Without momentum. */
    public SGD(double lr) {
        this(lr, 0.0, false);
    }

    /** Keras' defaults: {@code lr = 0.01}, no momentum. */
    public SGD() {
        this(0.01);
    }

    /** With a learning-rate schedule, no momentum. */
    public SGD(LearningRateSchedule schedule) {
        this(schedule, 0.0, false);
    }

    private static double checkMomentum(double momentum, boolean nesterov) {
        Checks.unitInterval("SGD", "momentum", momentum);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0, got 0.0");
        }
        return momentum;
    }

    /** The momentum coefficient. */
    public double momentum() {
        return momentum;
    }

    /** Whether the momentum is Nesterov's. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected List<String> slots() {
        return momentum > 0 ? List.of("momentum") : List.of();
    }

    @Override
    protected void update(String name, float[] w, float[] g, double lr, int t) {
        if (momentum > 0) {
            float[] v = slot(name, "momentum", w.length);
            OptimKernels.sgdMomentum(w, g, v, lr, momentum, nesterov);
        } else {
            OptimKernels.sgd(w, g, lr);
        }
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
    }
}
