package org.hebb.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.data.Augmentation;
import org.hebb.kernels.ImageTransforms;
import org.hebb.losses.Loss;
import org.hebb.losses.Losses;
import org.hebb.nn.Module;
import org.hebb.nn.Parameter;
import org.hebb.optim.Optimizer;
import org.hebb.optim.Optimizers;
import org.hebb.tensor.Autograd;
import org.hebb.tensor.Buffers;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * A module that knows how to train itself, Keras style: {@link #compile} chooses the optimizer,
 * the loss and the metrics; {@link #fit} runs the training loop; {@link #evaluate} and
 * {@link #predict} run it in inference mode; {@link #summary()} prints the layer table.
 *
 * <p>{@link Sequential} is a model made of a stack of layers. A network that is not a stack
 * extends {@code Model} and writes {@code forward} in plain Java, or wraps any module with
 * {@link #wrap(Module)}; both train through the same {@code compile}/{@code fit}.
 *
 * <p>Data: {@code x} is a batch-first tensor ({@code [N, 28, 28, 1]} for images, {@code [N, F]}
 * for tables); {@code y} holds class indices {@code [N]} for sparse losses, one-hot or
 * probability rows {@code [N, K]} for categorical ones, targets for regression.
 */
public abstract class Model extends Module {
    private Optimizer optimizer;
    private Loss loss;
    private final List<Metric> metrics = new ArrayList<>();
    private volatile boolean stopTraining;
    private volatile boolean diverged;

    // ------------------------------------------------------------------ compile

    /** Chooses how to train: the optimizer, the loss and the metrics to report. Returns {@code this}. */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile: optimizer and loss are required");
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics.clear();
        this.metrics.addAll(Arrays.asList(metrics));
        return this;
    }

    /**
     * Keras' strings: {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}.
     * Unknown names fail with the list of valid ones.
     */
    public Model compile(String optimizer, String loss, String... metrics) {
        Loss l = Losses.get(loss);
        Metric[] ms = new Metric[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            ms[i] = Metrics.get(metrics[i], l);
        }
        return compile(Optimizers.get(optimizer), l, ms);
    }

    /** The optimizer chosen by {@code compile}, or {@code null}. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss chosen by {@code compile}, or {@code null}. */
    public Loss loss() {
        return loss;
    }

    /** The metrics chosen by {@code compile}. */
    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** Asks {@link #fit} to stop after the current batch (callbacks use it). */
    public void stopTraining() {
        this.stopTraining = true;
    }

    /** True when a stop was requested during the current or last {@code fit}. */
    public boolean isStopRequested() {
        return stopTraining;
    }

    /** True when the last {@code fit} stopped because a step's loss was NaN or infinite. */
    public boolean hasDiverged() {
        return diverged;
    }

    // ------------------------------------------------------------------ fit

    /**
     * Trains on {@code (x, y)} as {@code options} say and returns the per-epoch history.
     * Each step: forward in training mode, loss plus regularization penalties, backward,
     * optimizer step, gradients cleared. A step whose loss is NaN or infinite is not applied:
     * training stops there with a message, keeping the last good weights and buffers
     * ({@link #hasDiverged()} says so). An epoch stopped part-way (a callback's
     * {@link #stopTraining()}, a non-finite loss) does not count: no {@code onEpochEnd}, no
     * history entry, so checkpoints only ever hold whole epochs.
     */
    public History fit(Tensor x, Tensor y, Fit options) {
        requireCompiled("fit");
        checkPair("fit", x, y);
        Tensor trainX = x;
        Tensor trainY = y;
        Tensor valX = options.validationX;
        Tensor valY = options.validationY;
        if (valX != null) {
            checkPair("fit (validation data)", valX, valY);
        } else if (options.validationSplit > 0) {
            int n = x.dim(0);
            int nVal = (int) Math.floor(n * options.validationSplit);
            if (nVal < 1 || nVal >= n) {
                throw new IllegalArgumentException("fit: validation split " + options.validationSplit + " of " + n
                        + " samples leaves " + nVal + " for validation and " + (n - nVal) + " for training");
            }
            trainX = Batches.rows(x, 0, n - nVal);
            trainY = Batches.rows(y, 0, n - nVal);
            valX = Batches.rows(x, n - nVal, n);
            valY = Batches.rows(y, n - nVal, n);
        }
        buildFor(trainX);
        int n = trainX.dim(0);
        int steps = (n + options.batchSize - 1) / options.batchSize;
        int verbose = options.verbose;
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        if (verbose > 0) {
            callbacks.add(new ProgressBar(verbose == 1 && System.console() != null, System.out));
        }
        callbacks.addAll(options.callbacks);
        diverged = false;
        Rng rng = options.rng != null ? options.rng : options.seed != null ? new Rng(options.seed) : Rng.global();
        List<Metric> trainMetrics = fresh(metrics);
        stopTraining = false;
        TrainingRun run = new TrainingRun(options.epochs, steps, n, options.batchSize, options.initialEpoch, verbose);
        for (Callback c : callbacks) {
            c.onTrainBegin(this, run);
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        int[] order = new int[n];
        for (int epoch = options.initialEpoch; epoch < options.epochs && !stopTraining; epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(this, epoch);
            }
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (options.shuffle) {
                rng.shuffle(order);
            }
            for (Metric m : trainMetrics) {
                m.reset();
            }
            double lossSum = 0;
            long seen = 0;
            logs = new LinkedHashMap<>();
            int done = 0;
            Augmentation augmentation = epoch < options.epochs - options.refineEpochs ? options.augmentation : null;
            for (int step = 0; step < steps && !stopTraining; step++) {
                int from = step * options.batchSize;
                int to = Math.min(n, from + options.batchSize);
                Tensor bx = Batches.gather(trainX, order, from, to);
                Tensor by = Batches.gather(trainY, order, from, to);
                if (augmentation != null) {
                    bx = augmentation.apply(bx, rng);
                }
                float stepLoss = trainStep(bx, by, trainMetrics);
                if (!Float.isFinite(stepLoss)) {
                    System.err.printf("hebb: epoch %d, batch %d: loss is %s; training stopped before applying this "
                            + "step (weights are those of the previous step). Try a lower learning rate.%n",
                            epoch + 1, step + 1, stepLoss);
                    logs.put("loss", (double) stepLoss);
                    stopTraining = true;
                    diverged = true;
                    break;
                }
                lossSum += (double) stepLoss * (to - from);
                seen += to - from;
                logs.put("loss", lossSum / seen);
                for (Metric m : trainMetrics) {
                    logs.put(m.name(), m.result());
                }
                for (Callback c : callbacks) {
                    c.onBatchEnd(this, step, logs);
                }
                done++;
            }
            if (done < steps) {
                // Stopped inside the epoch: it did not happen as far as history, checkpoints and
                // the epoch count are concerned (a resume starts it again from its beginning).
                break;
            }
            if (valX != null) {
                Map<String, Double> val = evaluate(valX, valY, Math.max(options.batchSize, 256));
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            }
            logs.put("lr", optimizer.learningRate());
            for (Callback c : callbacks) {
                c.onEpochEnd(this, epoch, logs);
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(this, logs);
        }
        return history;
    }

    /**
     * One optimization step on one batch; returns the loss (including penalties). When the
     * loss is not finite, nothing is applied and the gradients are cleared. After the step the
     * large arrays of its graph (activations, gradients) go back to {@link Buffers} for the next
     * step: a metric or callback that wants to keep a prediction copies it ({@code toArray()}).
     * The batch itself ({@code bx}, {@code by}) and what it was computed from stay the caller's.
     */
    public float trainStep(Tensor bx, Tensor by, List<Metric> stepMetrics) {
        requireCompiled("trainStep");
        List<Parameter> params = new ArrayList<>();
        List<float[]> buffers = new ArrayList<>();
        List<float[]> saved = new ArrayList<>();
        for (Parameter p : parameters()) {
            if (p.isTrainable()) {
                params.add(p);
            } else {
                // Buffers (BatchNormalization's moving statistics) change in forward; keep a copy
                // so that a rejected step leaves them as they were.
                buffers.add(p.value().data());
                saved.add(p.value().toArray());
            }
        }
        Tensor pred = forward(bx, true);
        Tensor l = loss.compute(pred, by);
        for (Parameter p : params) {
            if (p.regularizer() != null) {
                l = l.add(p.regularizer().penalty(p.value()));
            }
        }
        float value = l.item();
        if (!Float.isFinite(value)) {
            for (int i = 0; i < buffers.size(); i++) {
                System.arraycopy(saved.get(i), 0, buffers.get(i), 0, saved.get(i).length);
            }
            return value;
        }
        l.backward();
        optimizer.step(params);
        for (Parameter p : params) {
            p.value().zeroGrad();
        }
        if (!stepMetrics.isEmpty()) {
            Tensor detached = pred.detach();
            for (Metric m : stepMetrics) {
                m.update(detached, by);
            }
        }
        // The step's graph is no longer needed: its arrays serve the next step (Buffers). The
        // batch stays the caller's, even if it came out of an op.
        Autograd.releaseGraph(l, bx, by);
        return value;
    }

    // ------------------------------------------------------------------ evaluate and predict

    /** Loss and metrics over {@code (x, y)} in inference mode, batch size 32. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics over {@code (x, y)} in inference mode, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return evaluate(x, y, batchSize, false);
    }

    /**
     * Loss and metrics over {@code (x, y)} with test-time augmentation by mirroring: each image's
     * outputs are the mean of the model's outputs for it and for its horizontal mirror. For
     * images {@code [N, H, W, C]} and models whose outputs are probabilities (softmax last, as
     * every zoo model), so that the mean is a probability too.
     */
    public Map<String, Double> evaluateMirrored(Tensor x, Tensor y, int batchSize) {
        requireImages("evaluateMirrored", x);
        return evaluate(x, y, batchSize, true);
    }

    private Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, boolean mirrored) {
        requireCompiled("evaluate");
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluate: batch size must be >= 1, got " + batchSize);
        }
        checkPair("evaluate", x, y);
        buildFor(x);
        List<Metric> ms = fresh(metrics);
        int n = x.dim(0);
        double lossSum = 0;
        try (var scope = Autograd.noGrad()) {
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                Tensor bx = Batches.rows(x, from, to);
                Tensor by = Batches.rows(y, from, to);
                Tensor pred = infer(bx, mirrored);
                lossSum += (double) loss.compute(pred, by).item() * (to - from);
                for (Metric m : ms) {
                    m.update(pred, by);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / n);
        for (Metric m : ms) {
            out.put(m.name(), m.result());
        }
        return out;
    }

    /** Outputs for {@code x} in inference mode, in batches of 32. Thread-safe once built. */
    @Override
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** Outputs for {@code x} in inference mode, in batches of {@code batchSize}. */
    public Tensor predict(Tensor x, int batchSize) {
        return predict(x, batchSize, false);
    }

    /**
     * Outputs for images {@code [N, H, W, C]} averaged with those for their horizontal mirrors
     * (test-time augmentation; see {@link #evaluateMirrored}), in batches of {@code batchSize}.
     */
    public Tensor predictMirrored(Tensor x, int batchSize) {
        requireImages("predictMirrored", x);
        return predict(x, batchSize, true);
    }

    private void requireImages(String op, Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected images [N, H, W, C], got shape " + Shapes.str(x.shape()));
        }
    }

    /** The model's outputs for one batch in inference mode, averaged with its mirror's if asked. */
    private Tensor infer(Tensor batch, boolean mirrored) {
        Tensor out = forward(batch, false);
        if (!mirrored) {
            return out;
        }
        int[] s = batch.shape();
        boolean[] all = new boolean[s[0]];
        Arrays.fill(all, true);
        float[] mirror = new float[batch.size()];
        ImageTransforms.flip(batch.data(), mirror, s[0], s[1], s[2], s[3], all, null);
        return out.add(forward(Tensor.of(mirror, s), false)).mul(0.5f);
    }

    private Tensor predict(Tensor x, int batchSize, boolean mirrored) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("predict: batch size must be >= 1, got " + batchSize);
        }
        if (x.rank() < 1 || x.dim(0) < 1) {
            throw new IllegalArgumentException("predict: expected a non-empty batch, got shape " + Shapes.str(x.shape()));
        }
        buildFor(x);
        int n = x.dim(0);
        List<Tensor> parts = new ArrayList<>();
        try (var scope = Autograd.noGrad()) {
            for (int from = 0; from < n; from += batchSize) {
                parts.add(infer(Batches.rows(x, from, Math.min(n, from + batchSize)), mirrored));
            }
        }
        return Batches.concatRows(parts);
    }

    // ------------------------------------------------------------------ summary

    /** Prints the Keras-like layer table to standard output. */
    public void summary() {
        summary(System.out);
    }

    /** Prints the Keras-like layer table. */
    public void summary(PrintStream out) {
        out.print(Summary.table(this));
    }

    /**
     * Rows of the summary: one per top-level layer, as {@code [name, type, outputShape, params]}.
     * The default lists direct sub-modules without output shapes; {@link Sequential} fills them in.
     */
    protected List<String[]> summaryRows() {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, Module> e : modules().entrySet()) {
            rows.add(new String[] {e.getKey(), e.getValue().getClass().getSimpleName(), "?",
                String.valueOf(e.getValue().countParameters())});
        }
        return rows;
    }

    /** The model's name in the summary. */
    public String modelName() {
        return baseName();
    }

    /**
     * Builds the model for per-sample input shape {@code inputShape}: runs one zero sample
     * through {@code forward} (nothing recorded), so every lazily built layer creates its
     * weights and reports a wrong shape now rather than in the middle of training.
     */
    @Override
    protected void onBuild(int[] inputShape) {
        int[] b = new int[inputShape.length + 1];
        b[0] = 1;
        System.arraycopy(inputShape, 0, b, 1, inputShape.length);
        try (var scope = Autograd.noGrad()) {
            forward(Tensor.of(new float[Shapes.size(b)], b), false);
        }
    }

    // ------------------------------------------------------------------ wrapping

    /** A model around any module, so that it trains with {@code compile}/{@code fit}. */
    public static Model wrap(Module module) {
        return new Wrapped(module);
    }

    private static final class Wrapped extends Model {
        private final Module inner;

        Wrapped(Module inner) {
            this.inner = inner;
        }

        @Override
        public Tensor forward(Tensor x, boolean training) {
            return inner.forward(x, training);
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public Map<String, Module> modules() {
            return inner.modules();
        }

        @Override
        public String modelName() {
            return inner.baseName();
        }
    }

    // ------------------------------------------------------------------ helpers

    private synchronized void buildFor(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException(modelName() + ": expected a batch, got a scalar");
        }
        int[] s = x.shape();
        int[] sample = Arrays.copyOfRange(s, 1, s.length);
        if (!isBuilt()) {
            build(sample);
        }
    }

    private void requireCompiled(String what) {
        if (optimizer == null || loss == null) {
            throw new IllegalStateException(what + ": the model is not compiled; call compile(optimizer, loss, metrics...)"
                    + " first, e.g. compile(\"adam\", \"sparse_categorical_crossentropy\", \"accuracy\")");
        }
    }

    private static void checkPair(String what, Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(what + ": x and y are required");
        }
        if (x.rank() < 1 || y.rank() < 1 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(what + ": x and y must have the same number of samples, got shapes "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(y.shape()));
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException(what + ": no samples (shape " + Shapes.str(x.shape()) + ")");
        }
    }

    private static List<Metric> fresh(List<Metric> ms) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : ms) {
            out.add(m.copy());
        }
        return out;
    }
}
