package org.hebb.io;

import java.nio.file.Path;
import java.util.Map;
import org.hebb.data.FashionMnist;
import org.hebb.losses.Losses;
import org.hebb.nn.Activation;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.optim.Adam;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Callback;
import org.hebb.train.Fit;
import org.hebb.train.Metrics;
import org.hebb.train.Model;
import org.hebb.train.Sequential;

/**
 * The training run of {@link KillResumeTest}, also runnable as a program in a separate JVM:
 * a small MLP (with batch normalization and dropout, so buffers and the global generator
 * matter) trained on the first {@value #SAMPLES} images of the shipped Fashion-MNIST subset,
 * checkpointing after every epoch.
 *
 * <p>{@code main(dataDir, checkpoint, marker, epoch, batch)}: trains, and after batch
 * {@code batch} of epoch {@code epoch} (0-based) writes {@code marker} and waits, in the
 * middle of that epoch, to be killed.
 */
public final class ResumeTrainer {
    static final int EPOCHS = 4;
    static final int SAMPLES = 320;
    static final long MODEL_SEED = 7;
    static final long SHUFFLE_SEED = 11;

    private ResumeTrainer() {}

    /** The model, with initial weights drawn from the global generator (seed it first). */
    static Sequential model() {
        Sequential m = new Sequential(
                new Flatten().inputShape(28, 28, 1),
                new Dense(32, Activation.RELU),
                new BatchNormalization(),
                new Dropout(0.3),
                new Dense(10, Activation.SOFTMAX));
        m.compile(new Adam(2e-3), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
        return m;
    }

    /** The first {@value #SAMPLES} training images and labels of the subset in {@code dir}. */
    static Tensor[] data(Path dir) throws java.io.IOException {
        FashionMnist.Split s = FashionMnist.load(dir, "train");
        return new Tensor[] {s.x().slice(0, 0, SAMPLES), s.y().slice(0, 0, SAMPLES)};
    }

    /** The run's options, shuffling with {@code shuffle}. */
    static Fit options(Rng shuffle) {
        return Fit.epochs(EPOCHS).batchSize(32).rng(shuffle).verbose(0);
    }

    /** Trains until batch {@code args[4]} of epoch {@code args[3]}, writes the marker and waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path checkpoint = Path.of(args[1]);
        Path marker = Path.of(args[2]);
        int stopEpoch = Integer.parseInt(args[3]);
        int stopBatch = Integer.parseInt(args[4]);
        Tensor[] xy = data(data);
        Rng.seed(MODEL_SEED);
        Sequential model = model();
        Rng shuffle = new Rng(SHUFFLE_SEED);
        Callback waitToBeKilled = new Callback() {
            private int epoch;

            @Override
            public void onEpochBegin(Model m, int e) {
                epoch = e;
            }

            @Override
            public void onBatchEnd(Model m, int batch, Map<String, Double> logs) {
                if (epoch == stopEpoch && batch == stopBatch) {
                    try {
                        AtomicFiles.writeString(marker, "epoch " + epoch + ", batch " + batch + "\n");
                        Thread.sleep(120_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        model.fit(xy[0], xy[1], options(shuffle).callbacks(new CheckpointCallback(checkpoint, shuffle), waitToBeKilled));
        System.err.println("ResumeTrainer: finished without being killed");
        System.exit(3);
    }
}
