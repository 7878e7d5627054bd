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
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on Fashion-MNIST; writes a run folder (checkpoint, metrics, model, report).")
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "seed-cnn", description = "Zoo model: seed-cnn, mlp (default ${DEFAULT-VALUE}).")
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
        FashionMnist.Split train = FashionMnist.train(opts.data());
        FashionMnist.Split test = FashionMnist.test(opts.data());

        Rng runRng = new Rng(opts.seed() ^ 0x5DEECE66DL);
        Model m;
        int initialEpoch = 0;
        Path ckptFile = dir.resolve("checkpoint.safetensors");
        if (resume != null) {
            if (!Files.isRegularFile(ckptFile)) {
                throw new IOException(dir + ": no checkpoint.safetensors to resume from (no epoch completed)");
            }
            Checkpoint ckpt = Checkpoint.load(ckptFile);
            m = Zoo.get(opts.model(), 28, 28, 1);
            m.compile(optimizerFor(opts), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
            ckpt.restore(m, m.optimizer(), runRng);
            initialEpoch = ckpt.epoch();
            o.printf("hebb: resuming %s after epoch %d of %d%n", dir, initialEpoch, opts.epochs());
        } else {
            opts.write(dir);
            Rng.seed(opts.seed());
            m = Zoo.get(opts.model(), 28, 28, 1);
            m.compile(optimizerFor(opts), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
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
        boolean finished = !m.isStopRequested() || history.epochs().size() + initialEpoch >= opts.epochs();
        if (!finished) {
            o.printf("%nhebb: interrupted. The checkpoint after %d epochs is %s%n"
                    + "      resume with: ./hebb train --resume %s%n", ckptCb.savedEpochs() < 0 ? initialEpoch
                    : ckptCb.savedEpochs(), ckptFile, dir);
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
                m.optimizer().name() + " (learning rate " + m.optimizer().learningRate() + ")", opts.epochs(), opts.batch(),
                wall, ev.get("accuracy"));
        Path report = new Report(historyOf(dir.resolve("metrics.csv")), predictions, test.y(), test.x(),
                FashionMnist.CLASSES, info).write(dir);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("test_loss", ev.get("loss"));
        result.put("test_accuracy", ev.get("accuracy"));
        result.put("train_seconds", wall);
        AtomicFiles.writeString(dir.resolve("result.json"), RunOptions.JSON.writeValueAsString(result));
        o.printf(Locale.ROOT, "test_loss=%.4f test_accuracy=%.4f train_wall=%.1fs%n", ev.get("loss"),
                ev.get("accuracy"), wall);
        o.printf("run folder: %s (model/, checkpoint.safetensors, metrics.csv, events.out.tfevents.*, result.json)%n", dir);
        o.printf("report: %s%n", report.toAbsolutePath());
        o.flush();
        done.countDown();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
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

    private static Optimizer optimizerFor(RunOptions opts) {
        Optimizer opt = Optimizers.get(opts.optimizer());
        if (opts.lr() != null) {
            opt.setLearningRate(opts.lr());
        }
        return opt;
    }
}
