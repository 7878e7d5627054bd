package org.hebb.optim;

import java.util.Map;

/**
 * A learning rate that changes with the optimizer's step count, as Keras'
 * {@code keras.optimizers.schedules.LearningRateSchedule}.
 *
 * <p>An optimizer built with a schedule ({@code new Adam(new CosineDecay(1e-3, 10_000))}) uses
 * {@code lr(optimizer.iterations())} at every step: the first step uses {@code lr(0)}.
 * Built-ins: {@link StepDecay}, {@link ExponentialDecay}, {@link CosineDecay}. Any function of
 * the step works as a custom schedule, e.g. {@code step -> 0.1 / (step + 1)}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate for the given step.
     *
     * @param step the optimizer's iteration count before the update, 0-based
     * @return a finite rate {@code >= 0}
     */
    double lr(long step);

    /**
     * The schedule's settings in Keras' serialized form,
     * {@code {"class_name": "CosineDecay", "config": {...}}}, for saving as JSON;
     * {@link Optimizers#scheduleFromConfig} rebuilds the built-in schedules from it. A custom
     * schedule that does not override this reports {@code {"class_name": "<its class name>"}}
     * and cannot be rebuilt.
     */
    default Map<String, Object> config() {
        return Map.of("class_name", getClass().getName());
    }
}
