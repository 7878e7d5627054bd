package org.hebb.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code ExponentialDecay}:
 * <pre>lr(step) = initial * decayRate ^ (step / decaySteps)</pre>
 * where with {@code staircase} the exponent is the whole number {@code floor(step / decaySteps)},
 * so the rate drops in steps. Example: {@code new ExponentialDecay(0.1, 1000, 0.96, false)}
 * multiplies the rate by 0.96 every 1000 steps, smoothly.
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initial;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    /**
     * @param initial the rate at step 0, {@code > 0}
     * @param decaySteps steps over which the rate is multiplied by {@code decayRate}, {@code >= 1}
     * @param decayRate the factor per {@code decaySteps} steps, {@code > 0}
     * @param staircase whether the exponent is rounded down to a whole number
     * @throws IllegalArgumentException on a value out of range
     */
    public ExponentialDecay(double initial, long decaySteps, double decayRate, boolean staircase) {
        this.initial = Checks.positive("ExponentialDecay", "initial learning rate", initial);
        if (decaySteps < 1) {
            throw new IllegalArgumentException("ExponentialDecay: decay steps must be >= 1, got " + decaySteps);
        }
        this.decaySteps = decaySteps;
        this.decayRate = Checks.positive("ExponentialDecay", "decay rate", decayRate);
        this.staircase = staircase;
    }

    /** The smooth form ({@code staircase = false}). */
    public ExponentialDecay(double initial, long decaySteps, double decayRate) {
        this(initial, decaySteps, decayRate, false);
    }

    @Override
    public double lr(long step) {
        Checks.step("ExponentialDecay", step);
        double p = staircase ? (double) (step / decaySteps) : (double) step / decaySteps;
        return initial * Math.pow(decayRate, p);
    }

    /** {@code {"class_name": "ExponentialDecay", "config": {initial_learning_rate, decay_steps, decay_rate, staircase}}}. */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initial);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return Configs.serialized("ExponentialDecay", c);
    }

    @Override
    public String toString() {
        return "ExponentialDecay(initial=" + initial + ", decaySteps=" + decaySteps + ", decayRate=" + decayRate
                + ", staircase=" + staircase + ")";
    }
}
