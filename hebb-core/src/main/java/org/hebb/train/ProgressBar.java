package org.hebb.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' progress display. On a terminal: {@code Epoch 1/5} then a bar redrawn in place,
 * {@code  412/844 [=============>...............] - ETA: 9s - loss: 0.5213 - accuracy: 0.8102},
 * ending with the epoch's time and its training and validation figures. Elsewhere (a log
 * file, CI): one line per epoch. Redraws at most ten times a second.
 */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 30;
    private final boolean live;
    private final PrintStream out;
    private TrainingRun run;
    private long epochStart;
    private long lastDraw;
    private boolean midLine;

    /** A display writing to {@code out}; {@code live} draws the in-place bar, else a line per epoch. */
    public ProgressBar(boolean live, PrintStream out) {
        this.live = live;
        this.out = out;
    }

    @Override
    public void onTrainBegin(Model model, TrainingRun r) {
        this.run = r;
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        if (live) {
            out.printf("Epoch %d/%d%n", epoch + 1, run.epochs());
        }
    }

    @Override
    public void onBatchEnd(Model model, int batch, Map<String, Double> logs) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        boolean last = batch + 1 == run.stepsPerEpoch();
        if (!last && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int steps = run.stepsPerEpoch();
        int done = batch + 1;
        double elapsed = (now - epochStart) / 1e9;
        double eta = elapsed / done * (steps - done);
        int filled = (int) ((long) WIDTH * done / steps);
        String bar = "=".repeat(Math.max(0, filled - (last ? 0 : 1))) + (last ? "" : ">")
                + ".".repeat(WIDTH - filled);
        int digits = String.valueOf(steps).length();
        out.print("\r" + String.format("%" + digits + "d/%d [%s] - ETA: %s", done, steps, bar, seconds(eta))
                + figures(logs) + "   ");
        out.flush();
        midLine = true;
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        int steps = run.stepsPerEpoch();
        String time = String.format(Locale.ROOT, "%s %dms/step", seconds(elapsed),
                Math.round(elapsed * 1000 / Math.max(1, steps)));
        if (live) {
            out.print("\r" + String.format("%d/%d [%s] - %s", steps, steps, "=".repeat(WIDTH), time)
                    + figures(logs) + "   \n");
        } else {
            out.printf("Epoch %d/%d - %s%s%n", epoch + 1, run.epochs(), time, figures(logs));
        }
        out.flush();
        midLine = false;
    }

    /** Ends a bar left mid-line by an epoch that was stopped part-way. */
    @Override
    public void onTrainEnd(Model model, Map<String, Double> logs) {
        if (midLine) {
            out.println();
            out.flush();
            midLine = false;
        }
    }

    private static String figures(Map<String, Double> logs) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            if (e.getKey().equals("lr")) {
                continue;
            }
            b.append(" - ").append(e.getKey()).append(": ").append(String.format(Locale.ROOT, "%.4f", e.getValue()));
        }
        return b.toString();
    }

    private static String seconds(double s) {
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", (long) s / 3600, ((long) s / 60) % 60, (long) s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", (long) s / 60, (long) s % 60);
        }
        return String.format(Locale.ROOT, "%ds", Math.round(s));
    }
}
