package org.hebb.train;

import java.util.Locale;
import java.util.Map;

/**
 * Which logged figure a callback watches and which direction is better: {@code "min"} for
 * losses, {@code "max"} for accuracies; {@code "auto"} picks max for names containing "acc",
 * "precision" or "recall" and min otherwise (as Keras).
 */
public final class Monitor {
    private final String name;
    private final boolean maximize;
    private final double minDelta;

    /** Watches {@code name} in the given {@code mode} ("auto", "min", "max"), improvements must exceed {@code minDelta}. */
    public Monitor(String name, String mode, double minDelta) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("monitor: a logged name is required, e.g. \"val_loss\"");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("monitor: min delta must be >= 0, got " + minDelta);
        }
        this.name = name;
        this.minDelta = minDelta;
        String m = mode.toLowerCase(Locale.ROOT);
        this.maximize = switch (m) {
            case "max" -> true;
            case "min" -> false;
            case "auto" -> name.contains("acc") || name.contains("precision") || name.contains("recall");
            default -> throw new IllegalArgumentException("monitor: mode must be auto, min or max, got '" + mode + "'");
        };
    }

    /** The watched name. */
    public String name() {
        return name;
    }

    /** The worst possible value, to start from. */
    public double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** True when {@code current} beats {@code best} by more than min delta. */
    public boolean improved(double current, double best) {
        return maximize ? current - minDelta > best : current + minDelta < best;
    }

    /** The watched value in {@code logs}, or fails naming what is logged. */
    public double read(Map<String, Double> logs) {
        Double v = logs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("monitor: '" + name + "' is not logged; available: " + logs.keySet()
                    + (name.startsWith("val_") ? " (val_ figures need validation data or a validation split)" : ""));
        }
        return v;
    }
}
