package org.hebb.train;

/**
 * What a training run is about to do, given to callbacks at the start: epochs, steps (batches)
 * per epoch, samples, batch size, the first epoch (non-zero when resuming) and the verbosity.
 */
public record TrainingRun(int epochs, int stepsPerEpoch, int samples, int batchSize, int initialEpoch, int verbose) {}
