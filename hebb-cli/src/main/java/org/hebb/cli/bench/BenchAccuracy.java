package org.hebb.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hebb.data.FashionMnist;
import org.hebb.tensor.Rng;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Sequential;
import org.hebb.zoo.Zoo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hebb bench accuracy}: trains a zoo model on the 60,000 Fashion-MNIST training images
 * (Adam, sparse categorical cross-entropy, seeded) and reports accuracy on the 10,000 test
 * images: {@code accuracy model=seed-cnn epochs=10 batch=64 seed=42 test_accuracy=0.9001 ... wall=612.4s
 * best_test_accuracy=0.9058 best_epoch=9 per_epoch_test_accuracy=0.8409,...}. {@code test_accuracy}
 * is after the last epoch; {@code best_*} is the highest of the per-epoch figures (the test set is
 * only reported, never used to stop or choose). The wall time includes the per-epoch test
 * evaluations.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Train a zoo model on Fashion-MNIST and report its test accuracy.")
public final class BenchAccuracy implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "seed-cnn", description = "Zoo model: ${COMPLETION-CANDIDATES}.",
            completionCandidates = BenchTrain.ModelNames.class)
    String model;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights, dropout and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Directory holding the Fashion-MNIST IDX files.")
    Path data;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        FashionMnist.Split train = FashionMnist.train(data);
        FashionMnist.Split test = FashionMnist.test(data);
        Rng.seed(seed);
        Sequential m = Zoo.get(model, 28, 28, 1);
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        long t0 = System.nanoTime();
        // The test set is evaluated after every epoch (shown as val_*) but never used to choose
        // anything: the figure reported is the one after the last epoch.
        History h = m.fit(train.x(), train.y(), Fit.epochs(epochs).batchSize(batch).seed(seed).verbose(1)
                .validationData(test.x(), test.y()));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> ev = m.evaluate(test.x(), test.y(), 256);
        List<Double> perEpoch = h.get("val_accuracy");
        StringBuilder curve = new StringBuilder();
        int best = 0;
        for (int e = 0; e < perEpoch.size(); e++) {
            curve.append(e == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", perEpoch.get(e)));
            best = perEpoch.get(e) > perEpoch.get(best) ? e : best;
        }
        out.println(String.format(Locale.ROOT, "accuracy model=%s epochs=%d batch=%d seed=%d test_accuracy=%.4f"
                + " test_loss=%.4f wall=%.1fs best_test_accuracy=%.4f best_epoch=%d per_epoch_test_accuracy=%s",
                model, epochs, batch, seed, ev.get("accuracy"), ev.get("loss"), wall, perEpoch.get(best), best + 1,
                curve));
        out.flush();
        return 0;
    }
}
