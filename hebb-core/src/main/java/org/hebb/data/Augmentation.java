package org.hebb.data;

import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;

/**
 * A random transformation of a training batch (data augmentation), applied by
 * {@code Model.fit} to every batch before the step when given with {@code Fit.augment}.
 * It returns a batch of the same shape (a new tensor; the dataset is never modified) and draws
 * every random choice from {@code rng}, so a seeded run augments the same way every time.
 */
@FunctionalInterface
public interface Augmentation {

    /** The transformed batch, same shape as {@code batch}. */
    Tensor apply(Tensor batch, Rng rng);
}
