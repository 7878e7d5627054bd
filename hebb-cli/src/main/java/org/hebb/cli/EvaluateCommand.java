package org.hebb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hebb.data.FashionMnist;
import org.hebb.losses.Losses;
import org.hebb.optim.Adam;
import org.hebb.train.Metrics;
import org.hebb.train.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hebb evaluate MODEL}: loss, accuracy and per-class accuracy of a saved model on the
 * 10,000 Fashion-MNIST test images; {@code --tta} averages each image's outputs with its
 * horizontal mirror's.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model (a run folder or model folder) on the Fashion-MNIST test set.")
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Run folder (runs/...) or model folder.")
    Path modelPath;

    @Option(names = "--data", description = "Directory holding the Fashion-MNIST IDX files.")
    Path data;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--tta", description = "Test-time augmentation: average each image's class probabilities with "
            + "its horizontal mirror's.")
    boolean tta;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Model m = ModelArgs.load(modelPath);
        if (m.loss() == null) {
            m.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
        }
        FashionMnist.Split test = FashionMnist.test(data);
        Map<String, Double> ev = tta ? m.evaluateMirrored(test.x(), test.y(), batch)
                : m.evaluate(test.x(), test.y(), batch);
        long[][] cm = Metrics.confusionMatrix(tta ? m.predictMirrored(test.x(), batch) : m.predict(test.x(), batch),
                test.y());
        out.printf(Locale.ROOT, "test_loss=%.4f test_accuracy=%.4f (%d images%s)%n", ev.get("loss"),
                ev.getOrDefault("accuracy", Double.NaN), test.size(), tta ? ", each averaged with its mirror" : "");
        for (int c = 0; c < cm.length; c++) {
            long total = 0;
            for (long v : cm[c]) {
                total += v;
            }
            out.printf(Locale.ROOT, "  %-12s %.3f%n", FashionMnist.CLASSES.get(c), total == 0 ? 0.0 : (double) cm[c][c] / total);
        }
        out.flush();
        return 0;
    }
}
