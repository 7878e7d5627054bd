package org.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hebb.io.ModelFile;
import org.hebb.nn.Parameter;
import org.hebb.train.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hebb train} on the Fashion-MNIST subset shipped with the tests. */
class TrainCommandTest {
    private static final String SUBSET = "../hebb-core/src/test/resources/fashion-mnist-subset";

    @Test
    void trainFillsTheRunFolder(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String[] r = CliRun.run("train", "--model", "mlp", "--epochs", "2", "--batch", "100", "--data", SUBSET,
                "--out", run.toString(), "--verbose", "0");
        assertEquals("0", r[0], r[2]);
        for (String f : List.of("run.json", "checkpoint.safetensors", "metrics.csv", "result.json", "model/model.json",
                "model/model.safetensors", "report.html", "loss.png", "accuracy.png", "confusion.png",
                "misclassified.png")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " missing; output: " + r[1] + r[2]);
        }
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
        try (var files = Files.list(run)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).count());
        }
        assertTrue(r[1].contains("report: ") && r[1].contains("report.html"), r[1]);
        assertTrue(r[1].contains("test_accuracy="), r[1]);
        Model loaded = ModelFile.load(run.resolve("model"));
        assertEquals(109_386, loaded.countParameters());
    }

    @Test
    void resumedRunEndsBitIdenticalToAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        String[] a = CliRun.run("train", "--model", "mlp", "--epochs", "3", "--batch", "100", "--data", SUBSET,
                "--out", whole.toString(), "--verbose", "0");
        assertEquals("0", a[0], a[2]);
        String[] b1 = CliRun.run("train", "--model", "mlp", "--epochs", "1", "--batch", "100", "--data", SUBSET,
                "--out", parts.toString(), "--verbose", "0");
        assertEquals("0", b1[0], b1[2]);
        String[] b2 = CliRun.run("train", "--resume", parts.toString(), "--epochs", "3", "--verbose", "0");
        assertEquals("0", b2[0], b2[2]);
        assertTrue(b2[1].contains("resuming") && b2[1].contains("after epoch 1 of 3"), b2[1]);
        List<Parameter> x = ModelFile.load(whole.resolve("model")).parameters();
        List<Parameter> y = ModelFile.load(parts.resolve("model")).parameters();
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(x.get(i).value().data(), y.get(i).value().data(), x.get(i).name());
        }
        assertEquals(Files.readAllLines(whole.resolve("metrics.csv")), Files.readAllLines(parts.resolve("metrics.csv")));
    }

    @Test
    void resumingSomethingThatIsNotARunIsAClearError(@TempDir Path tmp) {
        String[] r = CliRun.run("train", "--resume", tmp.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("not a hebb run folder"), r[2]);
        String[] bad = CliRun.run("train", "--model", "mlp", "--epochs", "0", "--data", SUBSET, "--out",
                tmp.resolve("x").toString());
        assertTrue(bad[2].contains("--epochs"), bad[2]);
    }
}
