package org.hebb.train.callbacks;

import java.util.Map;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.hebb.train.Monitor;
import org.hebb.train.TrainingRun;

/**
 * Multiplies the learning rate by {@code factor} when the monitored figure has not improved
 * for {@code patience} epochs, then waits {@code cooldown} epochs, never going below
 * {@code minLr} (Keras' ReduceLROnPlateau; defaults factor 0.1, patience 10, cooldown 0, minLr 0).
 */
public final class ReduceLROnPlateau implements Callback {
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int wait;
    private int cooldownLeft;

    /** Keras' defaults: factor 0.1, patience 10, min delta 1e-4, cooldown 0, min lr 0. */
    public ReduceLROnPlateau(String monitor) {
        this(monitor, 0.1, 10, 1e-4, 0, 0.0);
    }

    /** Full form. */
    public ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown, double minLr) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience, cooldown and min lr must be >= 0, got "
                    + patience + ", " + cooldown + ", " + minLr);
        }
        this.monitor = new Monitor(monitor, "auto", minDelta);
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLr = minLr;
    }

    @Override
    public void onTrainBegin(Model model, TrainingRun run) {
        best = monitor.worst();
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        double v = monitor.read(logs);
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.improved(v, best)) {
            best = v;
            wait = 0;
        } else if (cooldownLeft == 0 && ++wait >= patience) {
            double lr = model.optimizer().learningRate();
            double next = Math.max(lr * factor, minLr);
            if (next < lr) {
                model.optimizer().setLearningRate(next);
            }
            cooldownLeft = cooldown;
            wait = 0;
        }
        logs.put("lr", model.optimizer().learningRate());
    }
}
