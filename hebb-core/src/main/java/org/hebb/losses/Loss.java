package org.hebb.losses;

import org.hebb.tensor.Tensor;

/**
 * A training objective: a scalar computed from a batch of predictions and targets, averaged
 * over the batch, recorded on the tape so that {@code backward()} yields the gradients.
 *
 * <p>Shapes depend on the loss and are stated by each implementation; a mismatch fails with
 * an {@code IllegalArgumentException} naming the loss and both shapes.
 */
public interface Loss {

    /** The mean loss over the batch, a scalar tensor. */
    Tensor compute(Tensor yPred, Tensor yTrue);

    /** The Keras name, e.g. {@code "sparse_categorical_crossentropy"}. */
    String name();
}
