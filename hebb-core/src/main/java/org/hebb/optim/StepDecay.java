package org.hebb.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning rate that drops by a constant factor every {@code stepsPerDrop} steps (PyTorch's
 * {@code StepLR}; in Keras a {@code PiecewiseConstantDecay} or a staircase
 * {@link ExponentialDecay} with {@code decayRate = dropFactor}):
 * <pre>lr(step) = initial * dropFactor ^ floor(step / stepsPerDrop)</pre>
 * Example: {@code new StepDecay(0.1, 0.5, 1000)} gives 0.1 for steps 0–999, 0.05 for
 * 1000–1999, 0.025 for 2000–2999, and so on.
 */
public final class StepDecay implements LearningRateSchedule {
    private final double initial;
    private final double dropFactor;
    private final long stepsPerDrop;

    /**
     * @param initial the rate of steps {@code 0 .. stepsPerDrop-1}, {@code > 0}
     * @param dropFactor the factor applied at each drop, {@code > 0} (usually below 1)
     * @param stepsPerDrop steps between drops, {@code >= 1}
     * @throws IllegalArgumentException on a value out of range
     */
    public StepDecay(double initial, double dropFactor, long stepsPerDrop) {
        this.initial = Checks.positive("StepDecay", "initial learning rate", initial);
        this.dropFactor = Checks.positive("StepDecay", "drop factor", dropFactor);
        if (stepsPerDrop < 1) {
            throw new IllegalArgumentException("StepDecay: steps per drop must be >= 1, got " + stepsPerDrop);
        }
        this.stepsPerDrop = stepsPerDrop;
    }

    @Override
    public double lr(long step) {
        Checks.step("StepDecay", step);
        return initial * Math.pow(dropFactor, (double) (step / stepsPerDrop));
    }

    /** {@code {"class_name": "StepDecay", "config": {initial_learning_rate, drop_factor, steps_per_drop}}}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initial);
        c.put("drop_factor", dropFactor);
        c.put("steps_per_drop", stepsPerDrop);
        return Configs.serialized("StepDecay", c);
    }

    @Override
    public String toString() {
        return "StepDecay(initial=" + initial + ", dropFactor=" + dropFactor + ", stepsPerDrop=" + stepsPerDrop + ")";
    }
}
