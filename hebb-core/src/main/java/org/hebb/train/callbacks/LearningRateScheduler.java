package org.hebb.train.callbacks;

import java.util.Map;
import java.util.function.BiFunction;
import org.hebb.train.Callback;
import org.hebb.train.Model;

/**
 * Sets the optimizer's learning rate at the start of each epoch from
 * {@code schedule(epoch, currentLr)} (Keras' LearningRateScheduler); epochs are 0-based.
 */
public final class LearningRateScheduler implements Callback {
    private final BiFunction<Integer, Double, Double> schedule;

    /** Uses {@code schedule(epoch, lr) -> newLr}. */
    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        double lr = schedule.apply(epoch, model.optimizer().learningRate());
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("LearningRateScheduler: schedule gave learning rate " + lr
                    + " for epoch " + epoch + "; it must be finite and > 0");
        }
        model.optimizer().setLearningRate(lr);
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        logs.put("lr", model.optimizer().learningRate());
    }
}
