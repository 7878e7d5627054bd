package org.hebb.train.callbacks;

import java.util.List;
import java.util.Map;
import org.hebb.nn.Parameter;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.hebb.train.Monitor;
import org.hebb.train.TrainingRun;

/**
 * Keeps the model's weights from the epoch with the best monitored figure ({@code bestOnly})
 * or from the last epoch. Until model files exist, the checkpoint is an in-memory snapshot:
 * {@link #restore(Model)} puts it back.
 */
public final class ModelCheckpoint implements Callback {
    private final Monitor monitor;
    private final boolean bestOnly;
    private double best;
    private int savedEpoch = -1;
    private List<float[]> weights;

    /** Snapshots after each epoch, or only on improvement of {@code monitor} when {@code bestOnly}. */
    public ModelCheckpoint(String monitor, boolean bestOnly) {
        this.monitor = new Monitor(monitor, "auto", 0.0);
        this.bestOnly = bestOnly;
    }

    @Override
    public void onTrainBegin(Model model, TrainingRun run) {
        best = monitor.worst();
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        double v = monitor.read(logs);
        if (!bestOnly || monitor.improved(v, best)) {
            if (bestOnly) {
                best = v;
            }
            weights = EarlyStopping.snapshot(model);
            savedEpoch = epoch;
        }
    }

    /** The epoch (0-based) of the snapshot, or -1. */
    public int savedEpoch() {
        return savedEpoch;
    }

    /** Copies the snapshot back into {@code model}'s parameters. */
    public void restore(Model model) {
        if (weights == null) {
            throw new IllegalStateException("ModelCheckpoint: nothing saved yet");
        }
        List<Parameter> ps = model.parameters();
        if (ps.size() != weights.size()) {
            throw new IllegalArgumentException("ModelCheckpoint: snapshot has " + weights.size() + " tensors, model has "
                    + ps.size());
        }
        for (int i = 0; i < ps.size(); i++) {
            float[] d = ps.get(i).value().data();
            System.arraycopy(weights.get(i), 0, d, 0, d.length);
        }
    }
}
