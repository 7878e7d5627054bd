package org.hebb.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras 3's {@code CosineDecay} (SGDR without restarts, Loshchilov &amp; Hutter 2016), with an
 * optional linear warm-up.
 *
 * <p>Without warm-up ({@code warmupTarget} absent), from {@code peak = initial}:
 * <pre>
 * s = min(step, decaySteps)
 * lr(step) = peak * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)
 * </pre>
 * so the rate falls from {@code peak} to {@code alpha * peak} over {@code decaySteps} steps and
 * stays there. With warm-up, the rate first rises linearly from {@code initial} to
 * {@code peak = warmupTarget} over {@code warmupSteps} steps,
 * {@code lr(step) = initial + (warmupTarget - initial) * step / warmupSteps} for
 * {@code step < warmupSteps}, then decays as above with {@code s = min(step - warmupSteps, decaySteps)}.
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initial;
    private final long decaySteps;
    private final double alpha;
    private final long warmupSteps;
    private final Double warmupTarget;

    /**
     * The full form.
     *
     * @param initial the rate at step 0, {@code >= 0} (0 is allowed only with a warm-up)
     * @param decaySteps length of the cosine decay, {@code >= 1}
     * @param alpha the final rate as a fraction of the peak, in {@code [0, 1]}; Keras default 0
     * @param warmupSteps length of the linear warm-up, {@code >= 0}
     * @param warmupTarget the peak rate reached by the warm-up, {@code > 0}; {@code null} for
     *     no warm-up (then {@code warmupSteps} must be 0)
     * @throws IllegalArgumentException on a value out of range
     */
    public CosineDecay(double initial, long decaySteps, double alpha, long warmupSteps, Double warmupTarget) {
        if (warmupTarget == null) {
            Checks.positive("CosineDecay", "initial learning rate", initial);
            if (warmupSteps != 0) {
                throw new IllegalArgumentException("CosineDecay: warm-up steps (" + warmupSteps
                        + ") need a warm-up target learning rate");
            }
        } else {
            Checks.nonNegative("CosineDecay", "initial learning rate", initial);
            Checks.positive("CosineDecay", "warm-up target", warmupTarget);
        }
        if (decaySteps < 1) {
            throw new IllegalArgumentException("CosineDecay: decay steps must be >= 1, got " + decaySteps);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("CosineDecay: warm-up steps must be >= 0, got " + warmupSteps);
        }
        this.initial = initial;
        this.decaySteps = decaySteps;
        this.alpha = Checks.closedUnitInterval("CosineDecay", "alpha", alpha);
        this.warmupSteps = warmupSteps;
        this.warmupTarget = warmupTarget;
    }

    /** Cosine decay from {@code initial} to {@code alpha * initial}, no warm-up. */
    public CosineDecay(double initial, long decaySteps, double alpha) {
        this(initial, decaySteps, alpha, 0, null);
    }

    /** Cosine decay from {@code initial} to 0 over {@code decaySteps} (Keras' default alpha = 0). */
    public CosineDecay(double initial, long decaySteps) {
        this(initial, decaySteps, 0.0);
    }

    @Override
    public double lr(long step) {
        Checks.step("CosineDecay", step);
        double peak = initial;
        long s = step;
        if (warmupTarget != null) {
            if (step < warmupSteps) {
                return initial + (warmupTarget - initial) * ((double) step / warmupSteps);
            }
            peak = warmupTarget;
            s = step - warmupSteps;
        }
        double fraction = (double) Math.min(s, decaySteps) / decaySteps;
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * fraction));
        return peak * ((1.0 - alpha) * cosine + alpha);
    }

    /**
     * {@code {"class_name": "CosineDecay", "config": {initial_learning_rate, decay_steps, alpha,
     * warmup_steps, warmup_target}}} ({@code warmup_target} only when set).
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initial);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("warmup_steps", warmupSteps);
        if (warmupTarget != null) {
            c.put("warmup_target", warmupTarget);
        }
        return Configs.serialized("CosineDecay", c);
    }

    @Override
    public String toString() {
        return "CosineDecay(initial=" + initial + ", decaySteps=" + decaySteps + ", alpha=" + alpha
                + (warmupTarget == null ? "" : ", warmupSteps=" + warmupSteps + ", warmupTarget=" + warmupTarget) + ")";
    }
}
