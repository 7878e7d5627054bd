package org.hebb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hebb.nn.Module;
import org.hebb.nn.Parameter;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.hebb.train.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of an epoch, in a separate JVM, resumes from its last
 * checkpoint and ends with weights bit-identical to a run that was never interrupted.
 */
class KillResumeTest {
    @TempDir
    Path dir;

    static Path subset() throws Exception {
        return Path.of(KillResumeTest.class.getResource("/fashion-mnist-subset/train-labels-idx1-ubyte.gz").toURI())
                .getParent();
    }

    /** A copy of every parameter's values, by name. */
    static Map<String, float[]> snapshot(Module m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : m.parameters()) {
            out.put(p.name(), p.value().data().clone());
        }
        return out;
    }

    /** Same names, and every value bit for bit; a failure names the first difference. */
    static void assertSameBits(String what, Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), what);
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            float[] a = e.getValue();
            float[] b = actual.get(e.getKey());
            assertEquals(a.length, b.length, what + ": " + e.getKey());
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    fail(what + ": '" + e.getKey() + "' differs first at index " + i + ": " + a[i] + " vs " + b[i]);
                }
            }
        }
    }

    @Test
    void killedMidEpochThenResumedEndsBitIdenticalToAnUninterruptedRun() throws Exception {
        Path checkpoint = dir.resolve("run.safetensors");
        Path marker = dir.resolve("mid-epoch.txt");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), ResumeTrainer.class.getName(),
                subset().toString(), checkpoint.toString(), marker.toString(), "2", "3")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker)) {
                if (!child.isAlive()) {
                    fail("the training JVM ended (exit " + child.exitValue() + ") before the marker: "
                            + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("no marker after 120 s: " + Files.readString(log));
                }
                Thread.sleep(5);
            }
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(128 + 9, child.exitValue(), "killed by SIGKILL; log: " + Files.readString(log));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("child.log", "mid-epoch.txt", "run.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }

        Checkpoint ckpt = Checkpoint.load(checkpoint);
        assertEquals(2, ckpt.epoch(), "two epochs completed; the third was under way when killed");
        Tensor[] xy = ResumeTrainer.data(subset());

        // Resume in this JVM, from a model whose fresh weights are unlike the run's.
        Rng.seed(123_456);
        Sequential resumed = ResumeTrainer.model();
        Rng shuffle = new Rng(0);
        ckpt.restore(resumed, resumed.optimizer(), shuffle);
        resumed.fit(xy[0], xy[1], ResumeTrainer.options(shuffle).initialEpoch(ckpt.epoch()));

        // The same run, never interrupted; its weights after two epochs must be the checkpoint's.
        Rng.seed(ResumeTrainer.MODEL_SEED);
        Sequential straight = ResumeTrainer.model();
        List<Map<String, float[]>> afterEpoch = new ArrayList<>();
        Callback snapshot = new Callback() {
            @Override
            public void onEpochEnd(Model m, int epoch, Map<String, Double> logs) {
                afterEpoch.add(snapshot(m));
            }
        };
        straight.fit(xy[0], xy[1], ResumeTrainer.options(new Rng(ResumeTrainer.SHUFFLE_SEED)).callbacks(snapshot));

        Sequential fromCheckpoint = ResumeTrainer.model();
        ckpt.restore(fromCheckpoint, null, null);
        assertSameBits("the checkpoint holds the end of epoch 2", afterEpoch.get(1), snapshot(fromCheckpoint));
        assertSameBits("final weights", snapshot(straight), snapshot(resumed));
        assertSameBits("final optimizer state", straight.optimizer().stateDict(), resumed.optimizer().stateDict());
        assertFalse(Arrays.equals(afterEpoch.get(1).get("dense.kernel"), snapshot(straight).get("dense.kernel")),
                "the last epochs changed the weights");
    }
}
