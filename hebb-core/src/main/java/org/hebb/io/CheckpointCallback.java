package org.hebb.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.hebb.tensor.Rng;
import org.hebb.train.Callback;
import org.hebb.train.Model;

/**
 * Writes a {@link Checkpoint} at the end of every epoch, atomically, over the same file: after
 * a crash (even {@code kill -9}) the file holds the last completed epoch, and a run resumed
 * from it ends bit-identical to one that was never interrupted.
 * <pre>{@code
 * Rng shuffle = new Rng(1);
 * model.fit(x, y, Fit.epochs(10).rng(shuffle).callbacks(new CheckpointCallback(path, shuffle)));
 * }</pre>
 * Give the callback the same generator as {@link org.hebb.train.Fit#rng}: with
 * {@code Fit.seed(...)} the run's generator is private to {@code fit} and cannot be saved. The
 * epoch's logs are saved as JSON in the metadata entry {@code logs}.
 */
public final class CheckpointCallback implements Callback {
    private final Path file;
    private final Rng shuffleRng;
    private int saved = -1;

    /**
     * Checkpoints to {@code file}, with the run's generator {@code shuffleRng} (the one passed
     * to {@code Fit.rng}); {@code null} when the run draws only from {@link Rng#global()}.
     */
    public CheckpointCallback(Path file, Rng shuffleRng) {
        if (file == null) {
            throw new IllegalArgumentException("CheckpointCallback: file is required");
        }
        this.file = file;
        this.shuffleRng = shuffleRng;
    }

    /** Saves {@code epoch + 1} completed epochs, the model's optimizer and both generators. */
    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        try {
            Checkpoint.save(file, model, model.optimizer(), epoch + 1, shuffleRng, Rng.global(),
                    Map.of("logs", Json.compact(logs)));
        } catch (IOException e) {
            throw new UncheckedIOException("CheckpointCallback: cannot write " + file + ": " + e.getMessage(), e);
        }
        saved = epoch + 1;
    }

    /** The number of completed epochs in the last checkpoint written, or -1 before the first. */
    public int savedEpochs() {
        return saved;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }
}
