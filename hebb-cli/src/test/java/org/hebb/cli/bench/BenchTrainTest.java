package org.hebb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hebb.cli.CliRun;
import org.hebb.cli.Main;
import org.hebb.kernels.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hebb bench train} and {@code hebb bench accuracy} on the Fashion-MNIST subset shipped with the tests. */
class BenchTrainTest {
    private static final Path SUBSET = Path.of("../hebb-core/src/test/resources/fashion-mnist-subset");
    private final int threads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    private static String[] run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void trainPrintsImagesPerSecond() {
        assertTrue(Files.isDirectory(SUBSET), SUBSET.toAbsolutePath().toString());
        String[] r = run("bench", "train", "--model", "mlp", "--batch", "32", "--samples", "256", "--threads", "1",
                "--warmup", "0", "--data", SUBSET.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("(?s)train model=mlp batch=32 threads=1 hebb=[0-9.]+ img/s\\s*"), r[1]);
        // The warm-up lasts at least --warmup seconds.
        long t0 = System.nanoTime();
        String[] w = run("bench", "train", "--model", "mlp", "--batch", "32", "--samples", "64", "--threads", "1",
                "--warmup", "1.5", "--data", SUBSET.toString());
        assertEquals("0", w[0], w[2]);
        assertTrue(System.nanoTime() - t0 >= 1_500_000_000L, "warm-up shorter than --warmup");
    }

    @Test
    void accuracyTrainsAndReportsTheTestFigure() {
        String[] r = run("bench", "accuracy", "--model", "mlp", "--epochs", "2", "--batch", "64",
                "--data", SUBSET.toString());
        assertEquals("0", r[0], r[2]);
        String line = r[1].lines().filter(l -> l.startsWith("accuracy ")).findFirst().orElse("");
        assertTrue(line.matches("accuracy model=mlp epochs=2 batch=64 seed=42 test_accuracy=0\\.[0-9]{4} .*"
                + "per_epoch_test_accuracy=0\\.[0-9]{4},0\\.[0-9]{4}"), r[1]);
        double acc = Double.parseDouble(line.replaceAll(".* test_accuracy=([0-9.]+) .*", "$1"));
        assertTrue(acc > 0.6, line);
        // The best figure is the highest of the per-epoch ones, and names its epoch.
        String[] curve = line.replaceAll(".*per_epoch_test_accuracy=([0-9.,]+).*", "$1").split(",");
        double best = Double.parseDouble(line.replaceAll(".*best_test_accuracy=([0-9.]+) .*", "$1"));
        int bestEpoch = Integer.parseInt(line.replaceAll(".*best_epoch=([0-9]+) .*", "$1"));
        assertEquals(Math.max(Double.parseDouble(curve[0]), Double.parseDouble(curve[1])), best, 1e-9, line);
        assertEquals(curve[bestEpoch - 1], String.format(java.util.Locale.ROOT, "%.4f", best), line);
    }

    @Test
    void badArgumentsAndMissingDataAreClearErrors() {
        String[] r = run("bench", "train", "--batch", "0", "--data", SUBSET.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--batch"), r[2]);
        String[] w = run("bench", "train", "--warmup", "-1", "--data", SUBSET.toString());
        assertEquals("2", w[0]);
        assertTrue(w[2].contains("--warmup must be >= 0, got -1.0"), w[2]);
        String[] m = run("bench", "train", "--model", "resnet9000", "--data", SUBSET.toString(), "--samples", "64");
        assertTrue(m[2].contains("unknown model 'resnet9000'") && m[2].contains("seed-cnn"), m[2]);
        String[] d = run("bench", "accuracy", "--data", "/nonexistent/dir");
        assertTrue(d[2].contains("/nonexistent/dir"), d[2]);
    }
}
