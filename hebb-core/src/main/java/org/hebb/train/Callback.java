package org.hebb.train;

import java.util.Map;

/**
 * Observes training: {@link Model#fit} calls these hooks in order
 * {@code onTrainBegin, (onEpochBegin, (onBatchEnd)*, onEpochEnd)*, onTrainEnd}.
 * {@code logs} maps names ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, ...) to
 * values so far. A callback stops training with {@link Model#stopTraining()}; it may read and
 * change the optimizer's learning rate through the model. Every hook does nothing by default.
 */
public interface Callback {

    /** Before the first epoch. */
    default void onTrainBegin(Model model, TrainingRun run) {}

    /** Before each epoch (0-based). */
    default void onEpochBegin(Model model, int epoch) {}

    /** After each batch (0-based within the epoch) with the running training logs. */
    default void onBatchEnd(Model model, int batch, Map<String, Double> logs) {}

    /** After each epoch, with training and validation logs of the epoch. */
    default void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {}

    /** After the last epoch (also after a stop). */
    default void onTrainEnd(Model model, Map<String, Double> logs) {}
}
