package org.hebb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hebb.data.FashionMnist;
import org.hebb.io.AtomicFiles;
import org.hebb.io.Checkpoint;
import org.hebb.io.CheckpointCallback;
import org.hebb.io.ModelFile;
import org.hebb.kernels.Parallel;
import org.hebb.losses.Loss;
import org.hebb.losses.Losses;
import org.hebb.optim.Optimizer;
import org.hebb.optim.Optimizers;
import org.hebb.tensor.Rng;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Metrics;
import org.hebb.train.Model;
import org.hebb.train.callbacks.CSVLogger;
import org.hebb.train.callbacks.TensorBoard;
import org.hebb.cli.report.Report;
import org.hebb.tensor.Tensor;
import java.util.List;
import org.hebb.zoo.Zoo;
import java.util.ArrayList;
import java.util.Arrays;
import org.hebb.data.Augmentation;
import org.hebb.data.augment.Compose;
import org.hebb.data.augment.RandomFlip;
import org.hebb.data.augment.RandomTranslation;
import org.hebb.nn.Regularizer;
import org.hebb.optim.Adagrad;
import org.hebb.optim.Adam;
import org.hebb.optim.AdamW;
import org.hebb.optim.CosineDecay;
import org.hebb.optim.LearningRateSchedule;
import org.hebb.optim.RMSprop;
import org.hebb.optim.SGD;
import org.hebb.optim.StepDecay;
import org.hebb.train.Sequential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hebb train}: trains a zoo model on Fashion-MNIST and fills a run folder with
 * everything the run produced: {@code run.json} (the options), {@code checkpoint.safetensors}
 * (after every epoch), {@code metrics.csv}, TensorBoard event files, the final model
 * ({@code model/}), {@code result.json} (test figures) and {@code report.html} with its plots. With no arguments it trains the guide's CNN. {@code --resume DIR} continues a run
 * from its last checkpoint with the options it was started with, ending bit-identical to a run
 * that was never interrupted. Ctrl-C stops after the current batch and says how to resume.
 *
 * <p>The recipes of the ResNet papers are options: {@code --optimizer sgd --momentum 0.9
 * --lr 0.1 --schedule cosine --weight-decay 1e-4 --augment}. The schedule spans the whole run
 * ({@code epochs * steps per epoch}); resuming with a larger {@code --epochs} stretches it over
 * the new total from the step reached.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on Fashion-MNIST; writes a run folder (checkpoint, metrics, model, report).")
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "seed-cnn", completionCandidates = ModelNames.class,
            description = "Zoo model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "5",
            description = "Epochs (default ${DEFAULT-VALUE}); with --resume, the epoch to train until.")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, rmsprop, adagrad (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the optimizer's, Keras' defaults).")
    Double lr;

    @Option(names = "--momentum", description = "SGD momentum, e.g. 0.9 (the papers'; default: none).")
    Double momentum;

    @Option(names = "--schedule", defaultValue = "none",
            description = "Learning-rate schedule over the whole run: none, cosine (to 0 at the last step), step "
                    + "(x0.1 after each third of the steps) (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "W",
            description = "Weight decay, e.g. 1e-4 (He et al.): with adamw the optimizer's decoupled decay; otherwise an "
                    + "L2 penalty (W/2)*sum(w^2) on every Conv2D/Dense kernel, adding W*w to its gradient "
                    + "(default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--augment", arity = "0..1", fallbackValue = "flip-translate", paramLabel = "KIND",
            description = "Augment training batches with a random horizontal flip and a shift by up to 10%% of the "
                    + "height and width: flip-translate (bare --augment) shifts by fractions of a pixel, sampled "
                    + "bilinearly; flip-shift by whole pixels, He et al.'s pad-and-crop (up to 3 pixels).")
    String augment;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "E",
            description = "Label smoothing of the cross-entropy, e.g. 0.1: targets (1-E)*onehot + E/10 "
                    + "(default ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--refine-epochs", defaultValue = "0", paramLabel = "N",
            description = "Train the last N epochs on the images as they are, without --augment: the model is "
                    + "refined on images like the test images (He et al. 2019, 'Data Augmentation Revisited') "
                    + "(default ${DEFAULT-VALUE}).")
    int refineEpochs;

    @Option(names = "--tta", description = "Also report the test accuracy with test-time augmentation: each test "
            + "image's class probabilities averaged with its horizontal mirror's (result.json: test_accuracy_tta).")
    boolean tta;

    @Option(names = "--samples", paramLabel = "N",
            description = "Use only the first N training images and the first N test images (smoke runs).")
    Integer samples;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights, dropout and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation-split", defaultValue = "0.1",
            description = "Fraction of the training images held out for validation (default ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--data", description = "Directory holding the Fashion-MNIST IDX files.")
    Path data;

    @Option(names = "--out", description = "Run folder (default runs/<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its last checkpoint.")
    Path resume;

    @Option(names = "--threads", description = "Threads (default: HEBB_THREADS or all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--verbose", defaultValue = "1", description = "0 silent, 1 progress bar, 2 one line per epoch.")
    int verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        RunOptions opts = resume != null ? RunOptions.read(resume) : RunOptions.of(this);
        if (resume != null && spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
            // "train until epoch N": the one option a resumed run may change
            opts = opts.withEpochs(epochs);
            opts.write(resume);
        }
        Path dir = resume != null ? resume : out != null ? out
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        FashionMnist.Split train = firstImages(FashionMnist.train(opts.data()), opts.samples());
        FashionMnist.Split test = firstImages(FashionMnist.test(opts.data()), opts.samples());
        long totalSteps = (long) opts.epochs() * stepsPerEpoch(train.x().dim(0), opts.validationSplit(), opts.batch());

        Rng runRng = new Rng(opts.seed() ^ 0x5DEECE66DL);
        Model m;
        int initialEpoch = 0;
        Path ckptFile = dir.resolve("checkpoint.safetensors");
        if (resume != null) {
            if (!Files.isRegularFile(ckptFile)) {
                throw new IOException(dir + ": no checkpoint.safetensors to resume from (no epoch completed)");
            }
            Checkpoint ckpt = Checkpoint.load(ckptFile);
            m = modelFor(opts);
            m.compile(optimizerFor(opts, totalSteps), lossFor(opts), Metrics.sparseAccuracy());
            ckpt.restore(m, m.optimizer(), runRng);
            initialEpoch = ckpt.epoch();
            truncateMetrics(dir.resolve("metrics.csv"), initialEpoch);
            o.printf("hebb: resuming %s after epoch %d of %d%n", dir, initialEpoch, opts.epochs());
        } else {
            opts.write(dir);
            Rng.seed(opts.seed());
            m = modelFor(opts);
            m.compile(optimizerFor(opts, totalSteps), lossFor(opts), Metrics.sparseAccuracy());
        }
        if (verbose > 0 && resume == null) {
            m.summary(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                    StandardCharsets.UTF_8));
        }
        CheckpointCallback ckptCb = new CheckpointCallback(ckptFile, runRng);
        if (resume == null) {
            // A resume point from the very start, so that an interruption in the first epoch
            // can be resumed too.
            Checkpoint.save(ckptFile, m, 0, runRng);
        }
        Fit fit = Fit.epochs(opts.epochs()).batchSize(opts.batch()).rng(runRng).initialEpoch(initialEpoch)
                .validationSplit(opts.validationSplit()).verbose(verbose)
                .augment(augmentation(opts.augment())).refineEpochs(opts.refineEpochs())
                .callbacks(new CSVLogger(dir.resolve("metrics.csv"), resume != null), new TensorBoard(dir), ckptCb);

        CountDownLatch done = new CountDownLatch(1);
        Model running = m;
        Thread hook = new Thread(() -> {
            running.stopTraining();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hebb-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        long t0 = System.nanoTime();
        History history;
        try {
            history = m.fit(train.x(), train.y(), fit);
        } catch (RuntimeException e) {
            done.countDown();
            throw e;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        int completed = initialEpoch + history.epochs().size();
        if (m.hasDiverged()) {
            o.printf("%nhebb: training diverged (the loss became NaN or infinite) in epoch %d; that step was not"
                    + " applied.%n      The checkpoint after %d epochs is %s; try a lower --lr.%n", completed + 1,
                    completed, ckptFile);
            o.flush();
            done.countDown();
            return 1;
        }
        if (completed < opts.epochs()) {
            o.printf("%nhebb: interrupted. The checkpoint after %d epochs is %s%n"
                    + "      resume with: ./hebb train --resume %s%n", completed, ckptFile, dir);
            o.flush();
            done.countDown();
            return 130;
        }
        ModelFile.save(m, dir.resolve("model"));
        Map<String, Double> ev = m.evaluate(test.x(), test.y(), 256);
        Tensor predictions = m.predict(test.x(), 256);
        java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
        m.summary(new java.io.PrintStream(summary, true, StandardCharsets.UTF_8));
        Report.RunInfo info = new Report.RunInfo(opts.model() + " on Fashion-MNIST", summary.toString(StandardCharsets.UTF_8),
                m.optimizer().name() + (m.optimizer().schedule() == null ? " (learning rate "
                        + m.optimizer().learningRate() + ")" : " (learning rate " + m.optimizer().schedule() + ")")
                        + (opts.weightDecay() > 0 ? ", weight decay " + opts.weightDecay() : "")
                        + ("none".equals(opts.augment()) ? "" : ", augmented " + opts.augment())
                        + (opts.refineEpochs() > 0 ? " (not in the last " + opts.refineEpochs() + " epochs)" : ""),
                opts.epochs(), opts.batch(), wall, ev.get("accuracy"));
        Path report = new Report(historyOf(dir.resolve("metrics.csv")), predictions, test.y(), test.x(),
                FashionMnist.CLASSES, info).write(dir);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("test_loss", ev.get("loss"));
        result.put("test_accuracy", ev.get("accuracy"));
        String ttaFigures = "";
        if (tta) {
            Map<String, Double> mirrored = m.evaluateMirrored(test.x(), test.y(), 256);
            result.put("test_loss_tta", mirrored.get("loss"));
            result.put("test_accuracy_tta", mirrored.get("accuracy"));
            ttaFigures = String.format(Locale.ROOT, " test_accuracy_tta=%.4f", mirrored.get("accuracy"));
        }
        result.put("train_seconds", wall);
        AtomicFiles.writeString(dir.resolve("result.json"), RunOptions.JSON.writeValueAsString(result));
        o.printf(Locale.ROOT, "test_loss=%.4f test_accuracy=%.4f%s train_wall=%.1fs%n", ev.get("loss"),
                ev.get("accuracy"), ttaFigures, wall);
        o.printf("run folder: %s (model/, checkpoint.safetensors, metrics.csv, events.out.tfevents.*, result.json)%n", dir);
        o.printf("report: %s%n", report.toAbsolutePath());
        o.flush();
        done.countDown();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }

    /**
     * Keeps only the rows of epochs before {@code epochs} in metrics.csv (written atomically):
     * a crash after the row of an epoch but before its checkpoint must not leave that epoch twice
     * once the resumed run writes it again.
     */
    static void truncateMetrics(Path csv, int epochs) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder kept = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String first = line.split(",", 2)[0];
            if (!first.isEmpty() && Integer.parseInt(first) < epochs) {
                kept.append(line).append('\n');
            }
        }
        AtomicFiles.writeString(csv, kept.toString());
    }

    /** The whole run's per-epoch figures, from metrics.csv (which a resumed run appends to). */
    static History historyOf(Path csv) throws IOException {
        History h = new History();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return h;
        }
        String[] cols = lines.get(0).split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int i = 1; i < cols.length && i < v.length; i++) {
                if (!v[i].isEmpty()) {
                    logs.put(cols[i], Double.parseDouble(v[i]));
                }
            }
            h.onEpochEnd(null, Integer.parseInt(v[0]), logs);
        }
        return h;
    }

    /**
     * {@code --augment KIND}: a random horizontal flip, then a shift by up to 10% each way (fill
     * 0), by fractions of a pixel sampled bilinearly ("flip-translate") or rounded to whole pixels
     * ("flip-shift"); null for "none".
     */
    static Augmentation augmentation(String kind) {
        return switch (kind) {
            case "none" -> null;
            case "flip-translate" -> new Compose(RandomFlip.horizontal(), new RandomTranslation(0.1, 0.1));
            case "flip-shift" -> new Compose(RandomFlip.horizontal(), new RandomTranslation(0.1, 0.1).nearest());
            default -> throw new IllegalArgumentException("train: unknown augmentation '" + kind + "'");
        };
    }

    /**
     * The zoo model of the run. A weight decay W becomes {@code Regularizer.l2(W / 2)} on every
     * kernel (gradient {@code W * w}, the papers' weight decay), except with AdamW, whose own
     * decoupled decay takes W.
     */
    static Sequential modelFor(RunOptions opts) {
        boolean decoupled = "adamw".equals(opts.optimizer().trim().toLowerCase(Locale.ROOT));
        Regularizer r = opts.weightDecay() > 0 && !decoupled ? Regularizer.l2((float) (opts.weightDecay() / 2)) : null;
        return Zoo.get(opts.model(), r, 28, 28, 1);
    }

    /** Optimizer steps in one epoch: what {@code Model.fit} does with the validation split. */
    static long stepsPerEpoch(int n, double validationSplit, int batch) {
        int train = validationSplit > 0 ? n - (int) Math.floor(n * validationSplit) : n;
        return (train + batch - 1) / batch;
    }

    /** The first {@code n} images of {@code split} (all when {@code n} is null or larger). */
    static FashionMnist.Split firstImages(FashionMnist.Split split, Integer n) {
        int total = split.x().dim(0);
        if (n == null || n >= total) {
            return split;
        }
        int per = split.x().size() / total;
        return new FashionMnist.Split(Tensor.of(Arrays.copyOf(split.x().data(), n * per), n, 28, 28, 1),
                Tensor.of(Arrays.copyOf(split.y().data(), n), n));
    }

    /** The run's loss: sparse categorical cross-entropy, with the run's label smoothing. */
    static Loss lossFor(RunOptions opts) {
        return Losses.sparseCategoricalCrossentropy(false, (float) opts.labelSmoothing());
    }

    /**
     * The run's optimizer: its Keras defaults, {@code --lr} as the (initial) rate, the schedule
     * over {@code totalSteps} steps, SGD's momentum and AdamW's decoupled weight decay.
     */
    static Optimizer optimizerFor(RunOptions opts, long totalSteps) {
        String name = opts.optimizer().trim().toLowerCase(Locale.ROOT);
        Optimizer defaults = Optimizers.get(name);
        double lr = opts.lr() != null ? opts.lr() : defaults.learningRate();
        LearningRateSchedule schedule = switch (opts.schedule()) {
            case "none" -> null;
            case "cosine" -> new CosineDecay(lr, Math.max(1, totalSteps));
            case "step" -> new StepDecay(lr, 0.1, Math.max(1, (totalSteps + 2) / 3));
            default -> throw new IllegalArgumentException("train: unknown schedule '" + opts.schedule()
                    + "' (valid: " + String.join(", ", RunOptions.SCHEDULES) + ")");
        };
        double momentum = opts.momentum() == null ? 0 : opts.momentum();
        if (name.equals("sgd")) {
            return schedule == null ? new SGD(lr, momentum) : new SGD(schedule, momentum, false);
        }
        if (name.equals("adamw")) {
            AdamW d = (AdamW) defaults;
            double wd = opts.weightDecay() > 0 ? opts.weightDecay() : d.weightDecay();
            return schedule == null ? new AdamW(lr, wd, d.beta1(), d.beta2(), d.epsilon())
                    : new AdamW(schedule, wd, d.beta1(), d.beta2(), d.epsilon());
        }
        if (schedule == null) {
            defaults.setLearningRate(lr);
            return defaults;
        }
        return switch (name) {
            case "adam" -> new Adam(schedule);
            case "rmsprop" -> new RMSprop(schedule);
            case "adagrad" -> new Adagrad(schedule);
            default -> throw new IllegalArgumentException("train: unknown optimizer '" + opts.optimizer() + "'");
        };
    }

    /** The zoo's model names, for help and completion. */
    static final class ModelNames extends ArrayList<String> {
        ModelNames() {
            super(Zoo.names());
        }
    }
}
