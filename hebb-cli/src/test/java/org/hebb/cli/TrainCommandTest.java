package org.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hebb.io.Checkpoint;
import org.hebb.io.ModelFile;
import org.hebb.optim.SGD;
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
                "--out", run.toString(), "--verbose", "0", "--tta");
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

        String[] ev = CliRun.run("evaluate", run.toString(), "--data", SUBSET);
        assertEquals("0", ev[0], ev[2]);
        String expected = r[1].lines().filter(l -> l.startsWith("test_loss=")).findFirst().orElseThrow()
                .replaceAll(".*(test_accuracy=[0-9.]+).*", "$1");
        assertTrue(ev[1].contains(expected) && ev[1].contains("Ankle boot"), ev[1] + " vs " + expected);
        // --tta: the mirrored figures train reported, in result.json and again from evaluate
        var result = RunOptions.JSON.readTree(run.resolve("result.json").toFile());
        String tta = String.format(java.util.Locale.ROOT, "test_accuracy=%.4f", result.get("test_accuracy_tta").asDouble());
        assertTrue(r[1].contains("test_" + "accuracy_tta=" + tta.substring("test_accuracy=".length())), r[1]);
        assertTrue(result.has("test_loss_tta") && result.get("test_loss_tta").asDouble() > 0, result.toString());
        String[] evTta = CliRun.run("evaluate", run.toString(), "--data", SUBSET, "--tta");
        assertEquals("0", evTta[0], evTta[2]);
        assertTrue(evTta[1].contains(tta) && evTta[1].contains("averaged with its mirror"), evTta[1] + " vs " + tta);

        String[] pr = CliRun.run("predict", run.toString(), SUBSET + "/t10k-images-idx3-ubyte.gz", "--limit", "2");
        assertEquals("0", pr[0], pr[2]);
        assertEquals(2, pr[1].lines().filter(l -> l.startsWith("t10k-images-idx3-ubyte.gz[")).count(), pr[1]);

        String[] sum = CliRun.run("summary", run.toString());
        assertTrue(sum[1].contains("Total params: 109,386"), sum[1]);
        String[] zoo = CliRun.run("summary", "seed-cnn");
        assertTrue(zoo[1].contains("Total params: 93,322"), zoo[1]);

        if (hasChromium()) {
            Process p = new ProcessBuilder("bash", "../scripts/check_report.sh", run.resolve("report.html").toString())
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), text);
            assertTrue(text.contains("IMAGES 4/4"), text);
        }
    }

    private static boolean hasChromium() {
        try {
            return new ProcessBuilder("bash", "-c", "command -v chromium").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void predictAndEvaluateRefuseBadInput(@TempDir Path tmp) throws Exception {
        String[] missing = CliRun.run("evaluate", tmp.resolve("nope").toString());
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("no such model or run folder"), missing[2]);
        Path notImage = tmp.resolve("a.png");
        Files.writeString(notImage, "hello");
        Path run = tmp.resolve("run");
        assertEquals("0", CliRun.run("train", "--model", "mlp", "--epochs", "1", "--batch", "200", "--data", SUBSET,
                "--out", run.toString(), "--verbose", "0")[0]);
        String[] bad = CliRun.run("predict", run.toString(), notImage.toString());
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("a.png") && bad[2].contains("not an image"), bad[2]);
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

    /** The ResNet recipe: resnet20 with augmentation, a cosine schedule, SGD momentum and weight decay. */
    @Test
    void resnetPresetsTrainAndAreKeptForResume(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        // 100 images, 10 held out: 90 in batches of 30 = 3 steps per epoch; 100 test images.
        String[] r = CliRun.run("train", "--model", "resnet20", "--augment", "--schedule", "cosine", "--optimizer", "sgd",
                "--momentum", "0.9", "--lr", "0.05", "--weight-decay", "1e-4", "--label-smoothing", "0.1", "--samples", "100",
                "--epochs", "1",
                "--batch", "30", "--data", SUBSET, "--out", run.toString(), "--verbose", "0");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("test_accuracy="), r[1]);
        var json = RunOptions.JSON.readTree(run.resolve("run.json").toFile());
        assertEquals("flip-translate", json.get("augment").asText(), json.toString()); // bare --augment
        assertEquals("cosine", json.get("schedule").asText());
        assertEquals(1e-4, json.get("weight_decay").asDouble());
        assertEquals(0.9, json.get("momentum").asDouble());
        assertEquals(100, json.get("samples").asInt());
        assertEquals(0.1, json.get("label_smoothing").asDouble());

        Model saved = ModelFile.load(run.resolve("model"));
        assertEquals(273_754, saved.countParameters());
        for (Parameter p : saved.parameters()) {
            // weight decay 1e-4 = L2 penalty 5e-5 * sum(w^2) on kernels only
            assertEquals(p.name().endsWith(".kernel") ? 5e-5f : 0f, p.regularizer() == null ? 0f : p.regularizer().l2(),
                    p.name());
        }
        Model fromCkpt = Checkpoint.load(run.resolve("checkpoint.safetensors")).restoreModel();
        assertEquals("sgd", fromCkpt.optimizer().name());
        assertEquals(0.9, ((SGD) fromCkpt.optimizer()).momentum());
        assertEquals(3, fromCkpt.optimizer().iterations());
        assertEquals(3L, decaySteps(fromCkpt));

        // Resuming until epoch 2 keeps every option and stretches the schedule over 6 steps.
        String[] r2 = CliRun.run("train", "--resume", run.toString(), "--epochs", "2", "--verbose", "0");
        assertEquals("0", r2[0], r2[2]);
        json = RunOptions.JSON.readTree(run.resolve("run.json").toFile());
        assertEquals(2, json.get("epochs").asInt());
        assertTrue("flip-translate".equals(json.get("augment").asText()) && "cosine".equals(json.get("schedule").asText()),
                json.toString());
        assertEquals(0.1, RunOptions.read(run).labelSmoothing());
        Model after = Checkpoint.load(run.resolve("checkpoint.safetensors")).restoreModel();
        assertEquals(6, after.optimizer().iterations());
        assertEquals(6L, decaySteps(after));
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    private static long decaySteps(Model m) {
        var schedule = m.optimizer().schedule().config();
        assertEquals("CosineDecay", schedule.get("class_name"));
        return ((Number) ((java.util.Map<?, ?>) schedule.get("config")).get("decay_steps")).longValue();
    }

    @Test
    void presetOptionsAreChecked(@TempDir Path tmp) {
        String[] schedule = CliRun.run("train", "--model", "mlp", "--schedule", "linear", "--data", SUBSET, "--out",
                tmp.resolve("a").toString());
        assertEquals("1", schedule[0]);
        assertTrue(schedule[2].contains("--schedule") && schedule[2].contains("cosine"), schedule[2]);
        String[] momentum = CliRun.run("train", "--model", "mlp", "--momentum", "0.9", "--data", SUBSET, "--out",
                tmp.resolve("b").toString());
        assertTrue(momentum[2].contains("--momentum applies to --optimizer sgd only"), momentum[2]);
        String[] smoothing = CliRun.run("train", "--model", "mlp", "--label-smoothing", "1", "--data", SUBSET, "--out",
                tmp.resolve("c").toString());
        assertEquals("1", smoothing[0]);
        assertTrue(smoothing[2].contains("--label-smoothing must be in [0, 1), got 1.0"), smoothing[2]);
        String[] augment = CliRun.run("train", "--model", "mlp", "--augment", "sideways", "--data", SUBSET, "--out",
                tmp.resolve("d").toString());
        assertEquals("1", augment[0]);
        assertTrue(augment[2].contains("--augment must be one of none, flip-translate, flip-shift, got 'sideways'"),
                augment[2]);
        String[] help = CliRun.run("train", "--help");
        for (String name : org.hebb.zoo.Zoo.names()) {
            assertTrue(help[1].contains(name), help[1]);
        }
    }

    @Test
    void stepScheduleDropsTenfoldEachThirdAndAdamWTakesTheDecay() {
        RunOptions o = new RunOptions("mlp", 3, 64, "adam", 0.01, 1, 0.1, null, "none", "step", 0, null, null, 0, 0);
        var opt = TrainCommand.optimizerFor(o, 30);
        assertEquals(0.01, opt.schedule().lr(9), 1e-12);
        assertEquals(0.001, opt.schedule().lr(10), 1e-12);
        assertEquals(0.0001, opt.schedule().lr(29), 1e-12);
        RunOptions w = new RunOptions("mlp", 3, 64, "adamw", null, 1, 0.1, null, "none", "none", 0.05, null, null, 0, 0);
        assertEquals(0.05, ((org.hebb.optim.AdamW) TrainCommand.optimizerFor(w, 30)).weightDecay());
        for (Parameter p : TrainCommand.modelFor(w).parameters()) {
            assertTrue(p.regularizer() == null, p.name()); // decoupled: no L2 penalty as well
        }
        assertEquals(27, TrainCommand.stepsPerEpoch(1000, 0.1, 34)); // 900 images, 34 per batch
    }

    @Test
    void augmentationKindsAreKeptAndOldBooleanRunFilesStillRead(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String[] r = CliRun.run("train", "--model", "mlp", "--augment", "flip-shift", "--samples", "100", "--epochs", "1",
                "--data", SUBSET, "--out", run.toString(), "--verbose", "0");
        assertEquals("0", r[0], r[2]);
        assertEquals("flip-shift", RunOptions.read(run).augment());
        assertTrue(TrainCommand.augmentation("flip-shift").toString().contains("nearest"));
        assertTrue(!TrainCommand.augmentation("flip-translate").toString().contains("nearest"));
        assertEquals(null, TrainCommand.augmentation("none"));

        // run.json from before augmentation had kinds held a boolean
        Path json = run.resolve(RunOptions.FILE);
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"flip-shift\"", "true"));
        assertEquals("flip-translate", RunOptions.read(run).augment());
        Files.writeString(json, text.replace("\"flip-shift\"", "false"));
        assertEquals("none", RunOptions.read(run).augment());
        Files.writeString(json, text.replace("\"flip-shift\"", "\"sideways\""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> RunOptions.read(run));
        assertTrue(e.getMessage().contains("malformed run options") && e.getMessage().contains("sideways"),
                e.getMessage());
    }

    @Test
    void refineEpochsAreKeptAndChecked(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String[] r = CliRun.run("train", "--model", "mlp", "--augment", "flip-shift", "--refine-epochs", "1",
                "--samples", "100", "--epochs", "1", "--data", SUBSET, "--out", run.toString(), "--verbose", "0");
        assertEquals("0", r[0], r[2]);
        assertEquals(1, RunOptions.read(run).refineEpochs());
        assertTrue(Files.readString(run.resolve("report.html")).contains("not in the last 1 epochs"));
        String[] more = CliRun.run("train", "--resume", run.toString(), "--epochs", "2", "--verbose", "0");
        assertEquals("0", more[0], more[2]);
        assertEquals(1, RunOptions.read(run).refineEpochs());

        // run.json from before the option existed: no refinement
        Path json = run.resolve(RunOptions.FILE);
        Files.writeString(json, Files.readString(json).replaceAll(",\\s*\"refine_epochs\" : 1", ""));
        assertTrue(!Files.readString(json).contains("refine_epochs"));
        assertEquals(0, RunOptions.read(run).refineEpochs());
        Files.writeString(json, Files.readString(json).replace("\"samples\"", "\"refine_epochs\" : -1, \"samples\""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> RunOptions.read(run));
        assertTrue(e.getMessage().contains("malformed run options") && e.getMessage().contains("refine_epochs"),
                e.getMessage());

        String[] tooMany = CliRun.run("train", "--model", "mlp", "--augment", "--refine-epochs", "3", "--epochs", "2",
                "--data", SUBSET, "--out", tmp.resolve("a").toString());
        assertEquals("1", tooMany[0]);
        assertTrue(tooMany[2].contains("--refine-epochs must be in [0, --epochs] = [0, 2], got 3"), tooMany[2]);
        String[] noAugment = CliRun.run("train", "--model", "mlp", "--refine-epochs", "1", "--data", SUBSET, "--out",
                tmp.resolve("b").toString());
        assertEquals("1", noAugment[0]);
        assertTrue(noAugment[2].contains("needs --augment"), noAugment[2]);
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

    /** Ctrl-C (here SIGTERM, which runs the same shutdown hook) stops the run and says how to resume; resuming works. */
    @Test
    void interruptedRunSaysHowToResumeAndResumes(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "org.hebb.cli.Main", "train", "--model", "mlp", "--epochs", "500",
                "--batch", "100", "--data", SUBSET, "--out", run.toString(), "--verbose", "2")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        Path csv = run.resolve("metrics.csv");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline
                && (!Files.exists(csv) || Files.readAllLines(csv).size() < 3)) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "child did not stop");
        String text = Files.readString(tmp.resolve("out.txt"));
        assertTrue(text.contains("hebb: interrupted") && text.contains("resume with: ./hebb train --resume " + run),
                text);
        int done = Integer.parseInt(text.replaceAll("(?s).*checkpoint after (\\d+) epochs.*", "$1"));
        assertTrue(done >= 2, text);
        String[] r = CliRun.run("train", "--resume", run.toString(), "--epochs", String.valueOf(done + 1), "--verbose", "0");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("after epoch " + done + " of " + (done + 1)), r[1]);
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
    }

    @Test
    void aDivergingRunSaysSoInsteadOfOfferingAResume(@TempDir Path tmp) {
        String[] r = CliRun.run("train", "--model", "mlp", "--epochs", "2", "--batch", "100", "--optimizer", "sgd",
                "--lr", "1e30", "--data", SUBSET, "--out", tmp.resolve("run").toString(), "--verbose", "0");
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("diverged") && r[1].contains("lower --lr") && !r[1].contains("resume with"), r[1]);
    }

    @Test
    void resumeDropsMetricRowsOfEpochsTheCheckpointDoesNotHold(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("metrics.csv");
        Files.writeString(csv, "epoch,loss\n0,1.5\n1,1.2\n2,1.1\n");
        TrainCommand.truncateMetrics(csv, 2);
        assertEquals(List.of("epoch,loss", "0,1.5", "1,1.2"), Files.readAllLines(csv));
    }
}
