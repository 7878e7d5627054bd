package org.hebb.data.augment;

import java.util.List;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;

/**
 * Augmentations applied one after the other to each batch, all drawing from the same
 * {@link Rng} in order (torchvision's {@code Compose}, a Keras {@code Sequential} of
 * preprocessing layers):
 * {@code new Compose(RandomFlip.horizontal(), new RandomTranslation(0.1, 0.1), new RandomErasing())}.
 *
 * <p>Each step resamples the batch; two geometric steps interpolate twice.
 */
public final class Compose implements Augmentation {
    private final List<Augmentation> steps;

    /** The pipeline of {@code steps}, applied in the order given; at least one step. */
    public Compose(Augmentation... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("Compose: expected at least one augmentation");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == null) {
                throw new IllegalArgumentException("Compose: augmentation " + i + " is null");
            }
        }
        this.steps = List.of(steps);
    }

    /** The steps, in order. */
    public List<Augmentation> steps() {
        return steps;
    }

    /** The batch after every step; a new tensor (the input is not modified), same shape. */
    @Override
    public Tensor apply(Tensor batch, Rng rng) {
        Tensor t = batch;
        for (Augmentation a : steps) {
            t = a.apply(t, rng);
        }
        return t;
    }

    @Override
    public String toString() {
        return "Compose" + steps;
    }
}
