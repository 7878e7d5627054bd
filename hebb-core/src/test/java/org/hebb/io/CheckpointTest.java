package org.hebb.io;

import static org.hebb.io.KillResumeTest.assertSameBits;
import static org.hebb.io.KillResumeTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.nn.Activation;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.optim.Adam;
import org.hebb.optim.SGD;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.Model;
import org.hebb.train.Sequential;
import org.hebb.data.Augmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints in one JVM: exact resumption, restoring a model from the file alone, refusals. */
class CheckpointTest {
    @TempDir
    Path dir;

    static final int EPOCHS = 4;

    static Sequential model() {
        Sequential m = new Sequential(
                new Dense(16, Activation.RELU).inputShape(6),
                new BatchNormalization(),
                new Dropout(0.4),
                new Dense(3, Activation.SOFTMAX));
        m.compile(new Adam(5e-3), org.hebb.losses.Losses.sparseCategoricalCrossentropy());
        return m;
    }

    static Tensor[] data() {
        Rng r = new Rng(77);
        Tensor x = Tensor.uniform(r, -1, 1, 90, 6);
        float[] y = new float[90];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data()[i * 6] > 0 ? (x.data()[i * 6 + 1] > 0 ? 2 : 1) : 0;
        }
        return new Tensor[] {x, Tensor.of(y, 90)};
    }

    /** An augmentation that draws from the run's generator, so its state matters too. */
    static final Augmentation NOISE = (batch, rng) -> {
        float[] d = batch.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += (rng.nextFloat() - 0.5f) * 0.1f;
        }
        return Tensor.of(d, batch.shape());
    };

    static Fit options(Rng shuffle) {
        return Fit.epochs(EPOCHS).batchSize(16).rng(shuffle).augment(NOISE).verbose(0);
    }

    private Map<String, float[]> straightRun() {
        Tensor[] xy = data();
        Rng.seed(21);
        Sequential m = model();
        m.fit(xy[0], xy[1], options(new Rng(22)));
        return snapshot(m);
    }

    /** Trains 2 of the 4 epochs with the checkpoint callback and returns the file. */
    private Path interruptedRun() {
        Tensor[] xy = data();
        Rng.seed(21);
        Sequential m = model();
        Rng shuffle = new Rng(22);
        Path file = dir.resolve("ckpt.safetensors");
        CheckpointCallback cb = new CheckpointCallback(file, shuffle);
        m.fit(xy[0], xy[1], options(shuffle).setEpochs(2).callbacks(cb));
        assertEquals(2, cb.savedEpochs());
        return file;
    }

    @Test
    void resumingFromACheckpointEndsBitIdenticalToAStraightRun() throws IOException {
        Map<String, float[]> expected = straightRun();
        Path file = interruptedRun();
        Checkpoint ckpt = Checkpoint.load(file);
        assertEquals(2, ckpt.epoch());
        Tensor[] xy = data();
        Rng.seed(999);
        Sequential m = model();
        Rng shuffle = new Rng(0);
        ckpt.restore(m, m.optimizer(), shuffle);
        m.fit(xy[0], xy[1], options(shuffle).initialEpoch(ckpt.epoch()));
        assertSameBits("resumed run", expected, snapshot(m));
    }

    @Test
    void aModelRestoredFromTheCheckpointAloneAlsoEndsBitIdentical() throws IOException {
        Map<String, float[]> expected = straightRun();
        Checkpoint ckpt = Checkpoint.load(interruptedRun());
        Rng.seed(5);
        Model m = ckpt.restoreModel();
        assertEquals(new Adam(5e-3).config(), m.optimizer().config());
        assertEquals(2, m.optimizer().iterations() / 6, "6 steps per epoch were restored");
        Tensor[] xy = data();
        m.fit(xy[0], xy[1], options(ckpt.shuffleRng()).initialEpoch(ckpt.epoch()));
        assertSameBits("restored model", expected, snapshot(m));
    }

    @Test
    void theCheckpointCarriesTheEpochLogsAndExtraMetadata() throws IOException {
        Checkpoint ckpt = Checkpoint.load(interruptedRun());
        assertTrue(ckpt.metadata().get("logs").startsWith("{\"loss\":"), ckpt.metadata().toString());
        Rng.seed(1);
        Sequential m = model();
        Path p = dir.resolve("x.safetensors");
        Checkpoint.save(p, m, null, 0, null, new Rng(3), Map.of("note", "hello"));
        Checkpoint c = Checkpoint.load(p);
        assertEquals(Map.of("note", "hello"), c.metadata());
        assertNull(c.shuffleRng());
        assertNull(c.optimizerConfig());
        assertArrayEquals(new Rng(3).getState(), c.globalRngState());
    }

    @Test
    void restoringChecksEverythingBeforeChangingAnything() throws IOException {
        Checkpoint ckpt = Checkpoint.load(interruptedRun());
        Rng.seed(4);
        Sequential other = model();
        Map<String, float[]> before = snapshot(other);
        SGD sgd = new SGD(0.1);
        IOException e = assertThrows(IOException.class, () -> ckpt.restore(other, sgd, new Rng(0)));
        assertTrue(e.getMessage().contains("optimizer \"adam\"") && e.getMessage().contains("\"sgd\""),
                e.getMessage());
        Sequential wider = new Sequential(new Dense(17, Activation.RELU).inputShape(6), new BatchNormalization(),
                new Dropout(0.4), new Dense(3, Activation.SOFTMAX));
        wider.compile(new Adam(5e-3), org.hebb.losses.Losses.sparseCategoricalCrossentropy());
        e = assertThrows(IOException.class, () -> ckpt.restore(wider, wider.optimizer(), new Rng(0)));
        assertTrue(e.getMessage().contains("'dense.kernel/m'") || e.getMessage().contains("'dense.kernel'"),
                e.getMessage());
        assertEquals(0, wider.optimizer().iterations(), "optimizer untouched");
        assertSameBits("untouched", before, snapshot(other));
    }

    @Test
    void loadingRefusesFilesThatAreNotCheckpoints() throws IOException {
        Rng.seed(6);
        Sequential m = model();
        Path weights = dir.resolve("w.safetensors");
        ModelFile.saveWeights(m, weights);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(weights));
        assertTrue(e.getMessage().contains(weights.toString()) && e.getMessage().contains("\"hebb-weights\""),
                e.getMessage());
        Path bad = dir.resolve("bad.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "hebb-checkpoint");
        meta.put("format_version", "1");
        meta.put("epoch", "two");
        Safetensors.write(bad, Map.of(), meta);
        e = assertThrows(IOException.class, () -> Checkpoint.load(bad));
        assertTrue(e.getMessage().contains("\"epoch\" must be an integer, got \"two\""), e.getMessage());
        meta.put("epoch", "2");
        meta.put("rng.global", "[1, 2]");
        Safetensors.write(bad, Map.of(), meta);
        e = assertThrows(IOException.class, () -> Checkpoint.load(bad));
        assertTrue(e.getMessage().contains("\"rng.global\" must hold 3 integers"), e.getMessage());
    }

    @Test
    void savingRefusesReservedMetadataKeys() {
        Rng.seed(7);
        Sequential m = model();
        var e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(dir.resolve("c"), m, m.optimizer(), 1, null, Rng.global(), Map.of("epoch", "9")));
        assertTrue(e.getMessage().contains("'epoch' is reserved"), e.getMessage());
        assertEquals(List.of(), List.of(dir.toFile().list()));
    }

    @Test
    void theCheckpointIsAPlainSafetensorsFileWithTheDocumentedLayout() throws IOException {
        Rng.seed(1);
        Sequential m = model();
        Path p = dir.resolve("c.safetensors");
        Checkpoint.save(p, m, 0, new Rng(2));
        Safetensors.Contents c = Safetensors.read(p);
        assertEquals(List.of("format", "format_version", "epoch", "rng.shuffle", "rng.global", "optimizer", "model"),
                List.copyOf(c.metadata().keySet()));
        assertEquals("[2,0,0]", c.metadata().get("rng.shuffle"));
        assertTrue(c.tensors().containsKey("batch_normalization.moving_variance"));
        assertTrue(c.tensors().containsKey("optimizer/iterations"));
    }
}
