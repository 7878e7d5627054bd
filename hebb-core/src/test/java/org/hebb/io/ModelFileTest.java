package org.hebb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hebb.kernels.Padding;
import org.hebb.nn.Activation;
import org.hebb.nn.AveragePooling2D;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.nn.GlobalAveragePooling2D;
import org.hebb.nn.MaxPooling2D;
import org.hebb.nn.Module;
import org.hebb.nn.Parameter;
import org.hebb.nn.Regularizer;
import org.hebb.nn.Residual;
import org.hebb.optim.Adam;
import org.hebb.optim.SGD;
import org.hebb.optim.StepDecay;
import org.hebb.losses.Losses;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.Metrics;
import org.hebb.train.Model;
import org.hebb.train.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save -> load -> predict gives identical outputs for every layer type; mismatches are refused. */
class ModelFileTest {
    @TempDir
    Path dir;

    /** Every convolutional layer and option: strides, SAME and explicit padding, dilation, no bias, regularizers. */
    static Sequential cnn() {
        return new Sequential(
                new Conv2D(4, 3, 2, Activation.leakyRelu(0.1f)).strides(2, 1).padding("same").useBias(false)
                        .kernelRegularizer(Regularizer.l2(1e-3f)).inputShape(9, 8, 2),
                new BatchNormalization(0.9f, 1e-2f),
                new Conv2D(3, 2, Activation.RELU).dilation(2).padding(Padding.explicit(1, 0, 2, 1))
                        .biasRegularizer(Regularizer.l1l2(1e-4f, 2e-4f)),
                new MaxPooling2D(3, 2, "same"),
                new AveragePooling2D(2, 1, "same"),
                Activation.elu(0.5f),
                new Residual(new Sequential(new Conv2D(3, 3).padding("same"), Activation.TANH)),
                new Residual(new Conv2D(5, 1, Activation.SIGMOID), new Conv2D(5, 1), Activation.GELU),
                new Dropout(0.25),
                new GlobalAveragePooling2D(),
                new Dense(6, Activation.SOFTMAX));
    }

    /** Flatten, Dense without bias, Dropout, BatchNormalization on vectors, activation layers. */
    static Sequential mlp() {
        return new Sequential(
                new Flatten().inputShape(4, 3),
                new Dense(7, Activation.leakyRelu(0.3f)).useBias(false).kernelRegularizer(Regularizer.l1(1e-3f)),
                new Dropout(0.5),
                new BatchNormalization(),
                new Dense(5, Activation.ELU),
                new Dense(3),
                Activation.SOFTMAX);
    }

    private static Tensor labels(int n, int classes, Rng rng) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return Tensor.of(y, n);
    }

    /** Trains a little so that weights and BatchNormalization's moving statistics leave their initial values. */
    private static void trainALittle(Model model, Tensor x, int classes) {
        Rng rng = new Rng(5);
        model.fit(x, labels(x.dim(0), classes, rng), Fit.epochs(2).batchSize(8).rng(rng).verbose(0));
    }

    private static void assertSameWeights(Module a, Module b) {
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).name(), pb.get(i).name());
            assertEquals(pa.get(i).isTrainable(), pb.get(i).isTrainable(), pa.get(i).name());
            assertArrayEquals(pa.get(i).value().shape(), pb.get(i).value().shape(), pa.get(i).name());
            assertArrayEquals(pa.get(i).value().data(), pb.get(i).value().data(), pa.get(i).name());
        }
    }

    private static void assertRoundTrip(Sequential model, Tensor x, Path path) throws IOException {
        ModelFile.save(model, path);
        Rng.seed(12345); // the loaded model's fresh initial weights differ from the saved ones...
        Model loaded = ModelFile.load(path);
        assertSameWeights(model, loaded); // ...and are all overwritten
        assertEquals(ModelFile.toJson(model), ModelFile.toJson(loaded));
        assertArrayEquals(model.predict(x).data(), loaded.predict(x).data());
        assertEquals(model.countParameters(), loaded.countParameters());
    }

    @Test
    void everyConvolutionalLayerTypeRoundTripsToIdenticalPredictions() throws IOException {
        Rng.seed(1);
        Sequential model = cnn();
        model.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
        Tensor x = Tensor.uniform(new Rng(2), -1, 1, 24, 9, 8, 2);
        trainALittle(model, x, 6);
        BatchNormalization bn = (BatchNormalization) model.layers().get(1);
        assertFalse(bn.movingMean().data()[0] == 0f, "moving mean updated by training");
        assertRoundTrip(model, x, dir.resolve("cnn"));
        assertTrue(Files.isRegularFile(dir.resolve("cnn").resolve("model.json")));
        assertTrue(Files.isRegularFile(dir.resolve("cnn").resolve("model.safetensors")));
    }

    @Test
    void denseLayersDropoutBatchNormAndActivationsRoundTrip() throws IOException {
        Rng.seed(3);
        Sequential model = mlp();
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        Tensor x = Tensor.uniform(new Rng(4), -2, 2, 32, 4, 3);
        trainALittle(model, x, 3);
        assertRoundTrip(model, x, dir.resolve("mlp"));
    }

    @Test
    void theSingleFileFormHoldsTheArchitectureInItsMetadata() throws IOException {
        Rng.seed(5);
        Sequential model = mlp();
        Tensor x = Tensor.uniform(new Rng(6), -2, 2, 5, 4, 3);
        Path file = dir.resolve("mlp.safetensors");
        assertRoundTrip(model, x, file);
        Safetensors.Contents c = Safetensors.read(file);
        assertEquals("hebb-model", c.metadata().get("format"));
        assertEquals(ModelFile.toJson(model), c.metadata().get("model"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("mlp.safetensors"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theCompileSettingsComeBack() throws IOException {
        Rng.seed(7);
        Sequential model = mlp();
        model.compile(new SGD(new StepDecay(0.1, 0.5, 10), 0.9, true).clipByNorm(1.0),
                Losses.meanSquaredError(), Metrics.topK(2), Metrics.categoricalAccuracy());
        ModelFile.save(model, dir.resolve("m"));
        Model loaded = ModelFile.load(dir.resolve("m"));
        assertEquals(model.optimizer().config(), loaded.optimizer().config());
        assertEquals("mean_squared_error", loaded.loss().name());
        assertEquals(List.of("top_2_accuracy", "accuracy"), loaded.metrics().stream().map(m -> m.name()).toList());
        Sequential plain = mlp();
        ModelFile.save(plain, dir.resolve("plain"));
        assertNull(ModelFile.load(dir.resolve("plain")).optimizer());
    }

    @Test
    void theArchitectureJsonReadsLikeKeras() {
        Rng.seed(8);
        String json = ModelFile.toJson(cnn());
        for (String part : new String[] {"\"format\" : \"hebb-model\"", "\"format_version\" : 1",
            "\"class_name\" : \"Sequential\"", "\"input_shape\" : [ 9, 8, 2 ]", "\"name\" : \"conv2d_1\"",
            "\"kernel_size\" : [ 3, 2 ]", "\"strides\" : [ 2, 1 ]", "\"padding\" : \"same\"",
            "\"name\" : \"leaky_relu\",", "\"alpha\" : 0.1", "\"top\" : 1", "\"dilation_rate\" : [ 2, 2 ]",
            "\"l2\" : 0.001", "\"momentum\" : 0.9", "\"epsilon\" : 0.01", "\"pool_size\" : 3", "\"rate\" : 0.25",
            "\"shortcut\" : null", "\"body\" : {", "\"use_bias\" : false"}) {
            assertTrue(json.contains(part), "missing " + part + " in\n" + json);
        }
    }

    @Test
    void weightsAloneLoadIntoAnyBuiltModule() throws IOException {
        Rng.seed(9);
        Residual block = new Residual(new Dense(3, Activation.TANH), new Dense(3), Activation.RELU);
        Tensor x = Tensor.uniform(new Rng(10), -1, 1, 4, 2);
        Tensor before = block.predict(x);
        Path file = dir.resolve("block.safetensors");
        ModelFile.saveWeights(block, file);
        Rng.seed(99);
        Residual other = new Residual(new Dense(3, Activation.TANH), new Dense(3), Activation.RELU);
        other.build(new int[] {2});
        assertFalse(java.util.Arrays.equals(before.data(), other.predict(x).data()));
        ModelFile.loadWeights(other, file);
        assertArrayEquals(before.data(), other.predict(x).data());
        assertEquals(List.of("body.kernel", "body.bias", "shortcut.kernel", "shortcut.bias"),
                List.copyOf(Safetensors.read(file).tensors().keySet()));
    }

    @Test
    void loadingRefusesAShapeMismatchNamingTheParameterAndBothShapes() throws IOException {
        Rng.seed(11);
        Sequential small = new Sequential(new Dense(4).inputShape(3), new Dense(2));
        Path file = dir.resolve("w.safetensors");
        ModelFile.saveWeights(small, file);
        Sequential wide = new Sequential(new Dense(5).inputShape(3), new Dense(2));
        float[] kept = wide.parameters().get(0).value().data().clone();
        IOException e = assertThrows(IOException.class, () -> ModelFile.loadWeights(wide, file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'dense.kernel'")
                && e.getMessage().contains("[3, 5] in the model") && e.getMessage().contains("[3, 4] in the file"),
                e.getMessage());
        assertArrayEquals(kept, wide.parameters().get(0).value().data(), "nothing changed");
    }

    @Test
    void loadingRefusesMissingAndExtraTensors() throws IOException {
        Rng.seed(12);
        Path file = dir.resolve("w.safetensors");
        ModelFile.saveWeights(new Sequential(new Dense(4).inputShape(3), new Dense(2)), file);
        Sequential more = new Sequential(new Dense(4).inputShape(3), new Dense(2), new Dense(2));
        IOException e = assertThrows(IOException.class, () -> ModelFile.loadWeights(more, file));
        assertTrue(e.getMessage().contains("no tensor for parameter 'dense_2.kernel' [2, 2]"), e.getMessage());
        Sequential fewer = new Sequential(new Dense(4).inputShape(3));
        e = assertThrows(IOException.class, () -> ModelFile.loadWeights(fewer, file));
        assertTrue(e.getMessage().contains("tensor 'dense_1.kernel' [4, 2] matches no parameter"), e.getMessage());
        Sequential unbuilt = new Sequential(new Dense(4), new Dense(2));
        e = assertThrows(IOException.class, () -> ModelFile.loadWeights(unbuilt, file));
        assertTrue(e.getMessage().contains("build it first"), e.getMessage());
    }

    @Test
    void savingRefusesModulesItCannotDescribe() {
        Model wrapped = Model.wrap(new Dense(3));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(wrapped, dir.resolve("x")));
        assertTrue(e.getMessage().contains("saveWeights"), e.getMessage());
        Sequential s = new Sequential(new Dense(3), new Identity());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(s, dir.resolve("y")));
        assertTrue(e.getMessage().contains("model.layers[1]") && e.getMessage().contains("cannot describe"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("y")));
    }

    /** A user's own module: hebb cannot describe it. */
    static final class Identity extends Module {
        @Override
        public Tensor forward(Tensor x, boolean training) {
            return x;
        }
    }

    private IOException loadJson(String json) throws IOException {
        Path d = dir.resolve("bad" + System.nanoTime());
        Files.createDirectories(d);
        Files.writeString(d.resolve("model.json"), json);
        Safetensors.write(d.resolve("model.safetensors"), Map.of(), Map.of());
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(d));
        assertTrue(e.getMessage().contains(d.resolve("model.json").toString()), e.getMessage());
        return e;
    }

    private static String model(String layers) {
        return "{\"format\": \"hebb-model\", \"format_version\": 1, \"class_name\": \"Sequential\", "
                + "\"config\": {\"layers\": [" + layers + "]}}";
    }

    @Test
    void malformedArchitecturesAreRefusedSayingWhere() throws IOException {
        assertTrue(loadJson("{\"format\": ").getMessage().contains("not valid JSON"));
        assertTrue(loadJson("{\"format\": \"keras\"}").getMessage().contains("\"format\" must be \"hebb-model\""));
        assertTrue(loadJson("{\"format\": \"hebb-model\", \"format_version\": 7}").getMessage()
                .contains("format version 7 is newer"));
        String m = loadJson(model("{\"class_name\": \"Dense\", \"config\": {\"units\": 4, \"activaton\": \"relu\"}}"))
                .getMessage();
        assertTrue(m.contains("model.layers[0] (Dense): unknown key \"activaton\""), m);
        m = loadJson(model("{\"class_name\": \"Dense\", \"config\": {\"units\": \"64\"}}")).getMessage();
        assertTrue(m.contains("(Dense): \"units\" must be an integer, got \"64\""), m);
        m = loadJson(model("{\"class_name\": \"Dense\", \"config\": {\"units\": 0}}")).getMessage();
        assertTrue(m.contains("\"units\" must be >= 1, got 0"), m);
        m = loadJson(model("{\"class_name\": \"LSTM\", \"config\": {}}")).getMessage();
        assertTrue(m.contains("unknown layer class 'LSTM'"), m);
        m = loadJson(model("{\"class_name\": \"Dropout\", \"config\": {\"rate\": 1.5}}")).getMessage();
        assertTrue(m.contains("(Dropout): Dropout: rate must be in [0, 1), got 1.5"), m);
        m = loadJson(model("{\"class_name\": \"Residual\", \"config\": {\"body\": {\"class_name\": \"Conv2D\", "
                + "\"config\": {\"filters\": 2, \"kernel_size\": [3], \"padding\": \"full\"}}}}")).getMessage();
        assertTrue(m.contains("model.layers[0].body (Conv2D): \"kernel_size\" must be [height, width]"), m);
        m = loadJson(model("{\"class_name\": \"Activation\", \"config\": {\"activation\": {\"name\": \"swish\"}}}"))
                .getMessage();
        assertTrue(m.contains("unknown activation 'swish'"), m);
    }

    @Test
    void aModelWhoseWeightsDoNotMatchItsArchitectureIsRefused() throws IOException {
        Rng.seed(13);
        Path d = dir.resolve("m");
        ModelFile.save(new Sequential(new Dense(4).inputShape(3)), d);
        ModelFile.saveWeights(new Sequential(new Dense(5).inputShape(3)), d.resolve("model.safetensors"));
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(d));
        assertTrue(e.getMessage().contains("'dense.kernel' has shape [3, 4] in the model but [3, 5] in the file"),
                e.getMessage());
        Path lone = dir.resolve("lone.safetensors");
        ModelFile.saveWeights(new Sequential(new Dense(4).inputShape(3)), lone);
        e = assertThrows(IOException.class, () -> ModelFile.load(lone));
        assertTrue(e.getMessage().contains("no model description"), e.getMessage());
    }

    @Test
    void layersAreRebuiltByAnExplicitSwitchOverTheirConfigs() {
        List<Module> layers = new ArrayList<>(cnn().layers());
        layers.addAll(mlp().layers());
        for (Module m : layers) {
            Module back = LayerConfigs.fromConfig(LayerConfigs.toConfig(m));
            assertEquals(m.getClass(), back.getClass());
            assertEquals(m.config(), back.config(), m.describe());
            assertEquals(m.describe(), back.describe());
        }
        assertInstanceOf(Residual.class, LayerConfigs.fromConfig(LayerConfigs.toConfig(cnn().layers().get(6))));
    }
}
