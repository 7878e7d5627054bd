package org.hebb.train;

import org.hebb.tensor.Tensor;

/**
 * A quality measure accumulated over the batches of an epoch (Keras' stateful metrics):
 * {@link #reset()} at the start, {@link #update} per batch, {@link #result()} at any time gives
 * the value over everything seen since the reset — not an average of batch averages.
 */
public interface Metric {

    /** The name used in logs and history ({@code "accuracy"}); validation adds {@code "val_"}. */
    String name();

    /** Forgets everything seen. */
    void reset();

    /** Adds a batch: predictions {@code [N, ...]} and targets as the loss takes them. */
    void update(Tensor yPred, Tensor yTrue);

    /** The value over all batches since the last reset. */
    double result();

    /** A fresh metric of the same kind and configuration (models keep one for training and one for validation). */
    Metric copy();
}
