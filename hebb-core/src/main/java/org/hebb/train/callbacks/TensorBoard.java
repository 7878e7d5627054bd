package org.hebb.train.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.hebb.train.TrainingRun;

/**
 * Logs each epoch's figures as TensorBoard scalars (Keras' {@code TensorBoard} callback, scalars
 * only): every entry of the epoch logs under its own name ({@code loss}, {@code accuracy},
 * {@code val_loss}, {@code val_accuracy}, ...) and the learning rate as {@code learning_rate}
 * (the logs' {@code lr}, or the optimizer's rate when the logs have none), at step = epoch
 * (0-based, as Keras). Each run of {@code fit} starts a new event file in the log directory
 * (see {@link EventFileWriter}); the file is forced to disk after every epoch, so a crash keeps
 * every finished epoch. View with {@code tensorboard --logdir <dir>}.
 */
public final class TensorBoard implements Callback {
    /** The tag of the learning rate. */
    public static final String LEARNING_RATE = "learning_rate";

    private final Path logDir;
    private EventFileWriter writer;
    private Path file;

    /**
     * Logs into {@code logDir}, created at the start of training if missing.
     *
     * @throws IllegalArgumentException if {@code logDir} is null
     */
    public TensorBoard(Path logDir) {
        if (logDir == null) {
            throw new IllegalArgumentException("TensorBoard: log directory is null");
        }
        this.logDir = logDir;
    }

    /** Opens a new event file. */
    @Override
    public void onTrainBegin(Model model, TrainingRun run) {
        closeWriter();
        try {
            writer = EventFileWriter.create(logDir);
            file = writer.path();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Writes the epoch's scalars at step {@code epoch} and forces them to disk. */
    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        if (writer == null) {
            throw new IllegalStateException("TensorBoard: onEpochEnd before onTrainBegin");
        }
        Map<String, Double> scalars = scalars(model, logs);
        if (scalars.isEmpty()) {
            return;
        }
        try {
            writer.addScalars(epoch, scalars);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Closes the event file. */
    @Override
    public void onTrainEnd(Model model, Map<String, Double> logs) {
        closeWriter();
    }

    /** The event file of the current or last run, or {@code null} before the first. */
    public Path file() {
        return file;
    }

    /** The log directory. */
    public Path logDir() {
        return logDir;
    }

    /** Every log entry but {@code lr} under its own name, then the learning rate. */
    static Map<String, Double> scalars(Model model, Map<String, Double> logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            if (!e.getKey().equals("lr") && e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        Double lr = logs.get("lr");
        if (lr == null && model != null && model.optimizer() != null) {
            lr = model.optimizer().learningRate();
        }
        if (lr != null) {
            out.put(LEARNING_RATE, lr);
        }
        return out;
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } finally {
                writer = null;
            }
        }
    }
}
