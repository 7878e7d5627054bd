package org.hebb.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hebb.nn.Activation;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Flatten;
import org.hebb.nn.MaxPooling2D;
import org.hebb.nn.Parameter;
import org.hebb.optim.Adam;
import org.hebb.losses.Losses;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.callbacks.CSVLogger;
import org.hebb.train.callbacks.EarlyStopping;
import org.hebb.train.callbacks.LearningRateScheduler;
import org.hebb.train.callbacks.ReduceLROnPlateau;
import org.hebb.zoo.Zoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {

    /** The guide's create_cnn((28, 28, 1), 10), line by line (written out in {@link Zoo#seedCnn}). */
    static Sequential seedCnn() {
        return Zoo.seedCnn(new int[] {28, 28, 1}, 10);
    }

    @Test
    void seedCnnSummaryMatchesKeras() {
        Sequential model = seedCnn();
        assertEquals(93_322, model.countParameters());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        model.summary(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("Total params: 93,322"), s);
        assertTrue(s.contains("Trainable params: 93,322"), s);
        assertTrue(s.contains("Non-trainable params: 0"), s);
        assertTrue(s.contains("conv2d (Conv2D)") && s.contains("[None, 26, 26, 32]") && s.contains("320"), s);
        assertTrue(s.contains("conv2d_2 (Conv2D)") && s.contains("[None, 3, 3, 64]"), s);
        assertTrue(s.contains("flatten (Flatten)") && s.contains("[None, 576]"), s);
        assertTrue(s.contains("dense_1 (Dense)") && s.contains("[None, 10]") && s.contains("650"), s);
        assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2", "flatten", "dense",
                "dropout", "dense_1"), model.layerNames());
        assertEquals("conv2d.kernel", model.parameters().get(0).name());
    }

    @Test
    void aLayerThatDoesNotFitFailsWhenTheModelIsBuilt() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sequential(
                new Flatten().inputShape(28, 28, 1),
                new Conv2D(8, 3)));
        assertEquals("layer 1 'conv2d': Conv2D(8, 3): expected input [N, height, width, channels], got shape [None, 784]",
                e.getMessage());
        var tooSmall = assertThrows(IllegalArgumentException.class, () -> new Sequential(
                new Conv2D(8, 3).inputShape(4, 4, 1), new MaxPooling2D(2), new Conv2D(8, 3)));
        assertTrue(tooSmall.getMessage().contains("layer 2 'conv2d_1'") && tooSmall.getMessage().contains("Conv2D(8, 3)"),
                tooSmall.getMessage());
    }

    @Test
    void compileRejectsUnknownNamesListingTheValidOnes() {
        Sequential m = new Sequential(new Dense(2));
        var e = assertThrows(IllegalArgumentException.class, () -> m.compile("adamm", "mse"));
        assertTrue(e.getMessage().contains("adam") && e.getMessage().contains("sgd"), e.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", "crossentropy"));
        assertTrue(l.getMessage().contains("sparse_categorical_crossentropy"), l.getMessage());
        var met = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", "mse", "acuracy"));
        assertTrue(met.getMessage().contains("accuracy"), met.getMessage());
        var notCompiled = assertThrows(IllegalStateException.class,
                () -> m.fit(Tensor.of(new float[4], 2, 2), Tensor.of(new float[2], 2), Fit.epochs(1)));
        assertTrue(notCompiled.getMessage().contains("compile"), notCompiled.getMessage());
    }

    /** Two Gaussian blobs in 2-D, labels 0/1. */
    static Tensor[] blobs(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            y[i] = c;
            x[2 * i] = (float) (r.nextGaussian() * 0.5 + (c == 0 ? -1.5 : 1.5));
            x[2 * i + 1] = (float) (r.nextGaussian() * 0.5 + (c == 0 ? 1 : -1));
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n)};
    }

    static Sequential mlp(long seed) {
        Rng r = new Rng(seed);
        return new Sequential(new Dense(16, Activation.RELU).rng(r).inputShape(2), new Dense(2, Activation.SOFTMAX).rng(r));
    }

    @Test
    void fitLearnsASeparableProblemAndReportsHistory() {
        Tensor[] d = blobs(400, 1);
        Sequential m = mlp(2);
        m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
        History h = m.fit(d[0], d[1], Fit.epochs(8).batchSize(32).seed(3).validationSplit(0.25).verbose(0));
        assertEquals(8, h.get("loss").size());
        assertEquals(8, h.get("val_accuracy").size());
        assertTrue(h.last("loss") < h.get("loss").get(0), h.toString());
        assertTrue(h.last("val_accuracy") > 0.95, h.toString());
        Map<String, Double> ev = m.evaluate(d[0], d[1]);
        assertTrue(ev.get("accuracy") > 0.95, ev.toString());
        assertEquals(Math.round(ev.get("loss") * 1e3), Math.round(m.evaluate(d[0], d[1], 7).get("loss") * 1e3));
    }

    @Test
    void sameSeedSameRun() {
        Tensor[] d = blobs(200, 4);
        float[][] finals = new float[2][];
        for (int run = 0; run < 2; run++) {
            Sequential m = mlp(5);
            m.compile("sgd", "sparse_categorical_crossentropy");
            m.fit(d[0], d[1], Fit.epochs(2).batchSize(16).seed(6).verbose(0));
            finals[run] = m.parameters().get(0).value().toArray();
        }
        assertArrayEquals(finals[0], finals[1]);
    }

    @Test
    void predictInBatchesEqualsOneBatch() {
        Tensor[] d = blobs(50, 7);
        Sequential m = mlp(8);
        Tensor all = m.predict(d[0], 50);
        Tensor batched = m.predict(d[0], 7);
        assertArrayEquals(all.data(), batched.data(), 1e-6f);
        assertArrayEquals(new int[] {50, 2}, batched.shape());
    }

    @Test
    void mirroredInferenceAveragesEachImageWithItsMirror() {
        Rng.seed(4);
        Sequential m = seedCnn();
        m.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
        int n = 6;
        Tensor x = Tensor.rand(new Rng(8), n, 28, 28, 1);
        float[] mirror = new float[x.size()];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 28; y++) {
                for (int c = 0; c < 28; c++) {
                    mirror[(i * 28 + y) * 28 + c] = x.data()[(i * 28 + y) * 28 + 27 - c];
                }
            }
        }
        Tensor xm = Tensor.of(mirror, n, 28, 28, 1);
        float[] a = m.predict(x, 4).data();
        float[] b = m.predict(xm, 4).data();
        float[] got = m.predictMirrored(x, 4).data();
        float[] fromMirror = m.predictMirrored(xm, 5).data();
        Tensor labels = Tensor.zeros(n);
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            labels.data()[i] = i % 10;
            int best = 0;
            for (int k = 0; k < 10; k++) {
                assertEquals((a[i * 10 + k] + b[i * 10 + k]) / 2, got[i * 10 + k], 1e-6f);
                assertEquals(got[i * 10 + k], fromMirror[i * 10 + k], 1e-6f); // an image and its mirror agree
                best = got[i * 10 + k] > got[i * 10 + best] ? k : best;
            }
            assertTrue(Math.abs(a[i * 10 + best] - b[i * 10 + best]) > 0, "the mirror changed nothing");
            lossSum -= Math.log(got[i * 10 + i % 10]);
            correct += best == i % 10 ? 1 : 0;
        }
        Map<String, Double> ev = m.evaluateMirrored(x, labels, 4);
        assertEquals(lossSum / n, ev.get("loss"), 1e-5);
        assertEquals(correct / (double) n, ev.get("accuracy"), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> m.predictMirrored(Tensor.zeros(3, 784), 4));
        assertEquals("predictMirrored: expected images [N, H, W, C], got shape [3, 784]", e.getMessage());
    }

    @Test
    void nonFiniteLossStopsTrainingWithoutTouchingTheWeights() {
        Tensor[] d = blobs(64, 9);
        d[0].data()[5] = Float.NaN;
        Sequential m = mlp(10);
        m.compile("adam", "sparse_categorical_crossentropy");
        m.build(new int[] {2});
        float[] before = m.parameters().get(0).value().toArray();
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            m.fit(d[0], d[1], Fit.epochs(3).batchSize(64).shuffle(false).verbose(0));
        } finally {
            System.setErr(err);
        }
        assertTrue(m.isStopRequested());
        assertArrayEquals(before, m.parameters().get(0).value().data());
    }

    @Test
    void mismatchedSampleCountsAreRefused() {
        Sequential m = mlp(1);
        m.compile("adam", "sparse_categorical_crossentropy");
        var e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(Tensor.of(new float[20], 10, 2), Tensor.of(new float[9], 9), Fit.epochs(1)));
        assertTrue(e.getMessage().contains("[10, 2]") && e.getMessage().contains("[9]"), e.getMessage());
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresBestWeights() {
        Sequential m = mlp(11);
        m.build(new int[] {2});
        EarlyStopping es = new EarlyStopping("val_loss", 1, 0.0, true);
        es.onTrainBegin(m, new TrainingRun(10, 1, 1, 1, 0, 0));
        Parameter p = m.parameters().get(0);
        double[] losses = {1.0, 0.9, 0.95, 0.96};
        float[] atBest = null;
        for (int e = 0; e < losses.length; e++) {
            p.value().data()[0] = e;
            if (e == 1) {
                atBest = p.value().toArray();
            }
            es.onEpochEnd(m, e, new java.util.LinkedHashMap<>(Map.of("val_loss", losses[e])));
            assertEquals(e == 3, m.isStopRequested());
        }
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        es.onTrainEnd(m, Map.of());
        assertArrayEquals(atBest, p.value().data());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping("val_loss", 1).onEpochEnd(m, 0, Map.of("loss", 1.0)));
        assertTrue(missing.getMessage().contains("validation"), missing.getMessage());
    }

    @Test
    void learningRateCallbacksChangeTheOptimizer() {
        Tensor[] d = blobs(64, 12);
        Sequential m = mlp(13);
        m.compile("sgd", "sparse_categorical_crossentropy");
        History h = m.fit(d[0], d[1], Fit.epochs(3).batchSize(32).verbose(0)
                .callbacks(new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1))));
        List<Double> lrs = h.get("lr");
        assertEquals(0.1, lrs.get(0), 1e-9);
        assertEquals(0.05, lrs.get(1), 1e-9);
        assertEquals(0.1 / 3, lrs.get(2), 1e-9);
        assertEquals(0.1 / 3, m.optimizer().learningRate(), 1e-9);
        ReduceLROnPlateau r = new ReduceLROnPlateau("loss", 0.5, 1, 0.0, 0, 0.01);
        r.onTrainBegin(m, null);
        m.optimizer().setLearningRate(0.1);
        r.onEpochEnd(m, 0, new java.util.LinkedHashMap<>(Map.of("loss", 1.0)));
        r.onEpochEnd(m, 1, new java.util.LinkedHashMap<>(Map.of("loss", 1.0)));
        assertEquals(0.05, m.optimizer().learningRate(), 1e-12);
        for (int e = 2; e < 10; e++) {
            r.onEpochEnd(m, e, new java.util.LinkedHashMap<>(Map.of("loss", 1.0)));
        }
        assertEquals(0.01, m.optimizer().learningRate(), 1e-12);
    }

    @Test
    void csvLoggerWritesOneRowPerEpoch(@TempDir Path dir) throws Exception {
        Tensor[] d = blobs(64, 14);
        Sequential m = mlp(15);
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Path csv = dir.resolve("sub/metrics.csv");
        m.fit(d[0], d[1], Fit.epochs(2).batchSize(32).verbose(0).callbacks(new CSVLogger(csv, false)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertEquals("epoch,loss,accuracy,lr", lines.get(0));
        assertTrue(lines.get(2).startsWith("1,"), lines.get(2));
    }

    @Test
    void progressWithoutTerminalPrintsOneLinePerEpoch() {
        Tensor[] d = blobs(64, 16);
        Sequential m = mlp(17);
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(false, out);
        m.fit(d[0], d[1], Fit.epochs(2).batchSize(32).verbose(0).callbacks(bar));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("Epoch 1/2 - ") && lines[0].contains("loss: ") && lines[0].contains("accuracy: "),
                lines[0]);
        assertFalse(lines[1].contains("\r"));
    }

    @Test
    void augmentationSeesEveryTrainingBatchAndTheGivenRngDrivesShuffling() {
        Tensor[] d = blobs(96, 18);
        Sequential m = mlp(19);
        m.compile("sgd", "sparse_categorical_crossentropy");
        int[] seen = new int[1];
        Rng rng = new Rng(5);
        long before = rng.getState()[0];
        m.fit(d[0], d[1], Fit.epochs(2).batchSize(32).verbose(0).rng(rng).validationSplit(0.25)
                .augment((batch, r) -> {
                    seen[0] += batch.dim(0);
                    assertTrue(r == rng);
                    return batch;
                }));
        assertEquals(2 * 72, seen[0]);
        assertTrue(rng.getState()[0] != before, "the shuffling advanced the given generator");
    }

    @Test
    void refineEpochsTrainTheLastEpochsOnBatchesAsTheyAre() {
        Tensor[] d = blobs(96, 18);
        List<Integer> epochs = new java.util.ArrayList<>();
        int[] epoch = new int[1];
        Callback clock = new Callback() {
            @Override
            public void onEpochBegin(Model model, int e) {
                epoch[0] = e;
            }
        };
        org.hebb.data.Augmentation recorder = (batch, r) -> {
            epochs.add(epoch[0]);
            return batch;
        };
        Sequential m = mlp(19);
        m.compile("sgd", "sparse_categorical_crossentropy");
        m.fit(d[0], d[1], Fit.epochs(4).batchSize(32).verbose(0).refineEpochs(1).augment(recorder).callbacks(clock));
        assertEquals(List.of(0, 0, 0, 1, 1, 1, 2, 2, 2), epochs, "3 batches an epoch, none augmented in the last");

        // Resumed from epoch 2 of 5 with the last 2 refined: epoch 2 augmented, 3 and 4 not.
        epochs.clear();
        m.fit(d[0], d[1], Fit.epochs(5).initialEpoch(2).batchSize(32).verbose(0).refineEpochs(2).augment(recorder)
                .callbacks(clock));
        assertEquals(List.of(2, 2, 2), epochs);

        // More refine epochs than epochs: no augmentation at all.
        epochs.clear();
        m.fit(d[0], d[1], Fit.epochs(2).batchSize(32).verbose(0).refineEpochs(3).augment(recorder));
        assertEquals(List.of(), epochs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fit.epochs(2).refineEpochs(-1));
        assertTrue(e.getMessage().contains("refine epochs must be >= 0, got -1"), e.getMessage());
    }

    @Test
    void anEpochStoppedPartWayDoesNotCount() {
        Tensor[] d = blobs(96, 20);
        Sequential m = mlp(21);
        m.compile("sgd", "sparse_categorical_crossentropy");
        List<Integer> ended = new java.util.ArrayList<>();
        Callback stopper = new Callback() {
            @Override
            public void onBatchEnd(Model model, int batch, Map<String, Double> logs) {
                if (batch == 1 && ended.size() == 1) {
                    model.stopTraining();
                }
            }

            @Override
            public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
                ended.add(epoch);
            }
        };
        History h = m.fit(d[0], d[1], Fit.epochs(3).batchSize(16).verbose(0).callbacks(stopper));
        assertEquals(List.of(0), ended, "epoch 1 was stopped at its second batch");
        assertEquals(List.of(0), h.epochs());
        assertFalse(m.hasDiverged());
    }

    @Test
    void aRejectedStepLeavesBatchNormStatisticsAlone() {
        Sequential m = new Sequential(new Dense(4).rng(new Rng(1)).inputShape(2),
                new org.hebb.nn.BatchNormalization(), new Dense(2, Activation.SOFTMAX).rng(new Rng(2)));
        m.compile("sgd", "sparse_categorical_crossentropy");
        List<float[]> before = new java.util.ArrayList<>();
        for (Parameter p : m.parameters()) {
            before.add(p.value().toArray());
        }
        float[] x = {1, 2, Float.POSITIVE_INFINITY, 0, 3, 1};
        float loss = m.trainStep(Tensor.of(x, 3, 2), Tensor.of(new float[] {0, 1, 0}, 3), List.of());
        assertFalse(Float.isFinite(loss));
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), m.parameters().get(i).value().data(), m.parameters().get(i).name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(Tensor.of(x, 3, 2),
                Tensor.of(new float[3], 3), 0));
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
    }
}
