package org.hebb.train;

import java.util.ArrayList;
import java.util.List;
import org.hebb.data.Augmentation;
import org.hebb.tensor.Tensor;

/**
 * The options of {@link Model#fit}, read as a sentence:
 * {@code Fit.epochs(5).batchSize(64).validationSplit(0.1).callbacks(new EarlyStopping("val_loss", 2))}.
 *
 * <p>Defaults as Keras: 1 epoch, batch size 32, shuffle each epoch, no validation, verbose 1
 * (a progress bar when the output is a terminal, one line per epoch otherwise). The shuffling
 * order draws from {@code seed} when given, else from {@link org.hebb.tensor.Rng#global()}.
 */
public final class Fit {
    int epochs = 1;
    int batchSize = 32;
    boolean shuffle = true;
    Long seed;
    double validationSplit;
    Tensor validationX;
    Tensor validationY;
    final List<Callback> callbacks = new ArrayList<>();
    int verbose = 1;
    int initialEpoch;
    org.hebb.tensor.Rng rng;
    Augmentation augmentation;
    int refineEpochs;

    private Fit() {}

    /** Options for {@code n} epochs. */
    public static Fit epochs(int n) {
        Fit f = new Fit();
        return f.setEpochs(n);
    }

    /** Changes the number of epochs. */
    public Fit setEpochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("fit: epochs must be >= 1, got " + n);
        }
        this.epochs = n;
        return this;
    }

    /** Samples per gradient step (default 32). */
    public Fit batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("fit: batch size must be >= 1, got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /** Whether to reshuffle the training samples each epoch (default true). */
    public Fit shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** Seed of the shuffling order (a new generator from this seed; see also {@link #rng}). */
    public Fit seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * The generator of the shuffling order and of the augmentation, used as is and advanced by
     * training — a checkpoint saves its state and a resumed run passes it back restored.
     * Takes precedence over {@link #seed}.
     */
    public Fit rng(org.hebb.tensor.Rng generator) {
        this.rng = generator;
        return this;
    }

    /** Transforms every training batch before the step (data augmentation); validation data is untouched. */
    public Fit augment(Augmentation a) {
        this.augmentation = a;
        return this;
    }

    /**
     * Trains the last {@code n} epochs on the batches as they are, without the {@link #augment}
     * augmentation (default 0): a model trained on augmented images is refined on images like
     * the test images, which closes part of the gap between the two (He et al. 2019, "Data
     * Augmentation Revisited"). Counted from the end of the run, {@link #setEpochs} epochs.
     */
    public Fit refineEpochs(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("fit: refine epochs must be >= 0, got " + n);
        }
        this.refineEpochs = n;
        return this;
    }

    /**
     * Holds out the last {@code fraction} of the samples (taken before shuffling, as Keras
     * does) for validation after each epoch.
     */
    public Fit validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fit: validation split must be in [0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Validates on these samples after each epoch (instead of a split). */
    public Fit validationData(Tensor x, Tensor y) {
        this.validationX = x;
        this.validationY = y;
        return this;
    }

    /** Adds callbacks, called in the order given after the model's own History. */
    public Fit callbacks(Callback... cs) {
        this.callbacks.addAll(List.of(cs));
        return this;
    }

    /** 0 silent, 1 progress bar (or a line per epoch when not on a terminal), 2 a line per epoch. */
    public Fit verbose(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("fit: verbose must be 0, 1 or 2, got " + level);
        }
        this.verbose = level;
        return this;
    }

    /** The epoch to start from (0-based), when resuming a run. */
    public Fit initialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("fit: initial epoch must be >= 0, got " + epoch);
        }
        this.initialEpoch = epoch;
        return this;
    }
}
