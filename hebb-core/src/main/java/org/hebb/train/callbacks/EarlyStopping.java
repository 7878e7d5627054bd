package org.hebb.train.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hebb.nn.Parameter;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.hebb.train.Monitor;
import org.hebb.train.TrainingRun;

/**
 * Stops training when the monitored figure has not improved for {@code patience} epochs
 * (Keras' EarlyStopping). With {@code restoreBestWeights}, the weights of the best epoch are
 * put back at the end of training.
 */
public final class EarlyStopping implements Callback {
    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private double best;
    private int wait;
    private int bestEpoch = -1;
    private int stoppedEpoch = -1;
    private List<float[]> bestWeights;

    /** Watches {@code monitor} (e.g. "val_loss") with the given patience; min delta 0, no restore. */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, patience, 0.0, false);
    }

    /** Full form: monitor, patience (epochs), min delta, restore best weights. */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.monitor = new Monitor(monitor, "auto", minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onTrainBegin(Model model, TrainingRun run) {
        best = monitor.worst();
        wait = 0;
        bestEpoch = -1;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        double v = monitor.read(logs);
        if (monitor.improved(v, best)) {
            best = v;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot(model);
            }
        } else if (++wait > patience) {
            stoppedEpoch = epoch;
            model.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(Model model, Map<String, Double> logs) {
        if (restoreBestWeights && bestWeights != null) {
            List<Parameter> ps = model.parameters();
            for (int i = 0; i < ps.size(); i++) {
                float[] d = ps.get(i).value().data();
                System.arraycopy(bestWeights.get(i), 0, d, 0, d.length);
            }
        }
    }

    /** The epoch (0-based) at which training was stopped, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    static List<float[]> snapshot(Model model) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value().toArray());
        }
        return out;
    }
}
