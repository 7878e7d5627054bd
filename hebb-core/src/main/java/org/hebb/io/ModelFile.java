package org.hebb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hebb.losses.Loss;
import org.hebb.losses.Losses;
import org.hebb.nn.Module;
import org.hebb.nn.Parameter;
import org.hebb.optim.Optimizer;
import org.hebb.optim.Optimizers;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;
import org.hebb.train.Metric;
import org.hebb.train.Metrics;
import org.hebb.train.Model;
import org.hebb.train.Sequential;

/**
 * Saves and loads whole models: the architecture as JSON, the weights as safetensors.
 *
 * <p><b>Layout.</b> {@code save(model, dir)} writes a directory holding
 * <ul>
 *   <li>{@code model.json}: {@code {"format": "hebb-model", "format_version": 1,
 *       "class_name": "Sequential", "config": {"input_shape": [...], "layers": [...]},
 *       "compile_config": {"optimizer": {...}, "loss": "...", "metrics": [...]}}} — the layers
 *       as {@link LayerConfigs} describes them, and the compile settings when the model is
 *       compiled (the optimizer's {@link Optimizer#config()}, the loss and metric names);</li>
 *   <li>{@code model.safetensors}: every parameter and buffer (BatchNormalization's moving
 *       statistics too) under its dotted name, e.g. {@code conv2d.kernel}.</li>
 * </ul>
 * A path ending in {@code .safetensors} instead gives one self-contained file: the weights,
 * with the same JSON in the metadata under {@code "model"}. Both are read by {@link #load}.
 * Every file is written atomically ({@link AtomicFiles}).
 *
 * <p><b>What comes back.</b> {@code load} rebuilds the model from its description, checks every
 * tensor's name and shape against the rebuilt model, copies the weights in and compiles the
 * model as it was compiled (optimizer state is not part of a model file; a {@link Checkpoint}
 * keeps it). Initializers and layer generators (they only matter before weights exist) and losses' or
 * metrics' non-default options (a loss built {@code fromLogits}, a Huber delta, a metric
 * threshold) are not described; the loss and metrics come back by Keras name.
 *
 * <p>Only a {@link Sequential} (possibly nesting {@code Residual} blocks and other
 * {@code Sequential}s) has a describable architecture; any module's weights can be saved and
 * loaded with {@link #saveWeights} and {@link #loadWeights}.
 */
public final class ModelFile {
    /** The version written in {@code "format_version"}; files of a later version are refused. */
    public static final int FORMAT_VERSION = 1;
    /** The architecture file of a model directory. */
    public static final String MODEL_JSON = "model.json";
    /** The weights file of a model directory. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    private static final Pattern TOP_K = Pattern.compile("top_(\\d+)_accuracy");

    private ModelFile() {}

    // ------------------------------------------------------------------ whole models

    /**
     * Saves {@code model} (architecture, compile settings and weights) to the directory
     * {@code path} (created if missing), or to the single file {@code path} when it ends in
     * {@code .safetensors}.
     *
     * @throws IllegalArgumentException if the model is not a {@link Sequential} of known layers
     * @throws IOException if a file cannot be written; existing files are then unchanged
     */
    public static void save(Model model, Path path) throws IOException {
        String json = toJson(model);
        if (isSingleFile(path)) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "hebb-model");
            meta.put("format_version", String.valueOf(FORMAT_VERSION));
            meta.put("model", json);
            Safetensors.write(path, weights(model), meta);
            return;
        }
        Files.createDirectories(path);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "hebb-weights");
        meta.put("format_version", String.valueOf(FORMAT_VERSION));
        Safetensors.write(path.resolve(WEIGHTS_FILE), weights(model), meta);
        AtomicFiles.writeString(path.resolve(MODEL_JSON), json);
    }

    /**
     * Loads a model saved by {@link #save}: a directory with {@code model.json} and
     * {@code model.safetensors}, or a single {@code .safetensors} file carrying the model JSON
     * in its metadata. The model is rebuilt, its weights checked and copied in, and it is
     * compiled when it was compiled when saved.
     *
     * @throws IOException if a file is missing, malformed, or does not match the architecture;
     *     the message names the file and the problem
     */
    public static Model load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path jsonFile = path.resolve(MODEL_JSON);
            Path weightsFile = path.resolve(WEIGHTS_FILE);
            if (!Files.exists(jsonFile)) {
                throw new NoSuchFileException(jsonFile.toString(), null, "no " + MODEL_JSON + " in the model directory");
            }
            String json = Files.readString(jsonFile, StandardCharsets.UTF_8);
            Model model = fromJson(json, jsonFile.toString());
            Safetensors.Contents c = Safetensors.read(weightsFile);
            copyWeights(model, c.tensors(), weightsFile.toString());
            return model;
        }
        Safetensors.Contents c = Safetensors.read(path);
        String json = c.metadata().get("model");
        if (json == null) {
            throw new IOException(path + ": holds weights but no model description (metadata \"model\"); load the "
                    + "weights into a model built in code with ModelFile.loadWeights(model, path)");
        }
        Model model = fromJson(json, path + " (metadata \"model\")");
        copyWeights(model, c.tensors(), path.toString());
        return model;
    }

    /**
     * The JSON description of {@code model}: format, architecture, the per-sample input shape
     * it was built for, and the compile settings when compiled.
     *
     * @throws IllegalArgumentException if the model is not a {@link Sequential} of known layers
     */
    public static String toJson(Model model) {
        if (model.getClass() != Sequential.class) {
            throw new IllegalArgumentException("ModelFile: cannot describe the architecture of a "
                    + model.getClass().getName() + "; only Sequential models are described in model files. Save its "
                    + "weights with ModelFile.saveWeights and rebuild the model in code");
        }
        Map<String, Object> spec = LayerConfigs.toConfig(model);
        Map<String, Object> config = new LinkedHashMap<>();
        int[] built = model.builtInputShape();
        if (built != null) {
            config.put("input_shape", LayerConfigs.toList(built));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> layers = (Map<String, Object>) spec.get("config");
        config.putAll(layers);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "hebb-model");
        root.put("format_version", FORMAT_VERSION);
        root.put("class_name", spec.get("class_name"));
        root.put("config", config);
        if (model.optimizer() != null) {
            Map<String, Object> compile = new LinkedHashMap<>();
            compile.put("optimizer", model.optimizer().config());
            compile.put("loss", model.loss().name());
            List<String> metrics = new ArrayList<>();
            for (Metric m : model.metrics()) {
                metrics.add(m.name());
            }
            compile.put("metrics", metrics);
            root.put("compile_config", compile);
        }
        return Json.pretty(root);
    }

    /**
     * Rebuilds a model (fresh weights) from the JSON {@link #toJson} wrote, compiled when the
     * description has compile settings.
     *
     * @param source names the text in error messages (a file name)
     * @throws IOException if the text is not such a description; the message names
     *     {@code source} and the problem
     */
    public static Model fromJson(String json, String source) throws IOException {
        Map<String, Object> root;
        try {
            root = Json.map(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not valid JSON: " + Json.message(e));
        }
        try {
            Object format = root.get("format");
            if (!"hebb-model".equals(format)) {
                throw new IllegalArgumentException("\"format\" must be \"hebb-model\", got " + format);
            }
            Object version = root.get("format_version");
            if (!(version instanceof Integer v) || v < 1) {
                throw new IllegalArgumentException("\"format_version\" must be a positive integer, got " + version);
            }
            if (v > FORMAT_VERSION) {
                throw new IllegalArgumentException("format version " + v + " is newer than this hebb reads ("
                        + FORMAT_VERSION + "); upgrade hebb");
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("class_name", root.get("class_name"));
            spec.put("config", root.get("config"));
            Module m = LayerConfigs.fromConfig(spec);
            if (!(m instanceof Sequential model)) {
                throw new IllegalArgumentException("the model must be a Sequential, got " + root.get("class_name"));
            }
            Object compile = root.get("compile_config");
            if (compile != null) {
                compile(model, compile);
            }
            return model;
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static void compile(Model model, Object compileValue) {
        if (!(compileValue instanceof Map<?, ?> compile)) {
            throw new IllegalArgumentException("\"compile_config\" must be an object");
        }
        Object opt = compile.get("optimizer");
        if (!(opt instanceof Map<?, ?> optConfig)) {
            throw new IllegalArgumentException("compile_config: \"optimizer\" must be an object, got " + opt);
        }
        @SuppressWarnings("unchecked")
        Optimizer optimizer = Optimizers.fromConfig((Map<String, ?>) optConfig);
        Object lossName = compile.get("loss");
        if (!(lossName instanceof String ln)) {
            throw new IllegalArgumentException("compile_config: \"loss\" must be a name, got " + lossName);
        }
        Loss loss = Losses.get(ln);
        Object metricsValue = compile.get("metrics");
        List<Metric> metrics = new ArrayList<>();
        if (metricsValue != null) {
            if (!(metricsValue instanceof List<?> names)) {
                throw new IllegalArgumentException("compile_config: \"metrics\" must be a list of names");
            }
            for (Object n : names) {
                if (!(n instanceof String name)) {
                    throw new IllegalArgumentException("compile_config: metric names must be strings, got " + n);
                }
                Matcher topK = TOP_K.matcher(name);
                metrics.add(topK.matches() ? Metrics.topK(Integer.parseInt(topK.group(1))) : Metrics.get(name, loss));
            }
        }
        model.compile(optimizer, loss, metrics.toArray(new Metric[0]));
    }

    // ------------------------------------------------------------------ weights only

    /**
     * Saves every parameter and buffer of {@code module} under its dotted name to the
     * safetensors file {@code file}, atomically.
     *
     * @throws IOException if the file cannot be written; an existing file is then unchanged
     */
    public static void saveWeights(Module module, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "hebb-weights");
        meta.put("format_version", String.valueOf(FORMAT_VERSION));
        Safetensors.write(file, weights(module), meta);
    }

    /**
     * Loads weights by dotted name from the safetensors file {@code file} (written by hebb or by
     * any tool that writes F32 tensors) into {@code module}, which must be built. Every
     * parameter must be present with its shape and every tensor must match a parameter;
     * otherwise nothing is changed.
     *
     * @throws IOException if the file is unreadable or malformed, or names or shapes do not
     *     match (the message names the parameter and both shapes)
     */
    public static void loadWeights(Module module, Path file) throws IOException {
        copyWeights(module, Safetensors.read(file).tensors(), file.toString());
    }

    /** The module's parameters and buffers by dotted name, in the module's order. */
    static Map<String, Tensor> weights(Module module) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Parameter p : module.parameters()) {
            if (out.put(p.name(), p.value()) != null) {
                throw new IllegalArgumentException("ModelFile: two parameters are named '" + p.name() + "'");
            }
        }
        return out;
    }

    /**
     * Checks that {@code tensors} holds exactly the module's parameters with their shapes,
     * then copies them in; on any mismatch nothing is copied.
     */
    static void copyWeights(Module module, Map<String, Tensor> tensors, String source) throws IOException {
        checkWeights(module, tensors, source);
        for (Parameter p : module.parameters()) {
            float[] src = tensors.get(p.name()).data();
            System.arraycopy(src, 0, p.value().data(), 0, src.length);
        }
    }

    /**
     * Checks that {@code tensors} holds exactly the module's parameters, by name, with their
     * shapes; {@code source} names the file in messages.
     */
    static void checkWeights(Module module, Map<String, Tensor> tensors, String source) throws IOException {
        List<Parameter> params = module.parameters();
        if (params.isEmpty() && !tensors.isEmpty()) {
            throw new IOException(source + ": holds " + tensors.size() + " tensors but the model has no parameters"
                    + (module.isBuilt() ? "" : " yet; build it first (declare inputShape on the first layer, or call "
                    + "build(inputShape))"));
        }
        Set<String> seen = new HashSet<>();
        for (Parameter p : params) {
            Tensor t = tensors.get(p.name());
            if (t == null) {
                throw new IOException(source + ": no tensor for parameter '" + p.name() + "' "
                        + Shapes.str(p.value().shape()) + " (the file holds: " + names(tensors) + ")");
            }
            if (!java.util.Arrays.equals(t.shape(), p.value().shape())) {
                throw new IOException(source + ": parameter '" + p.name() + "' has shape "
                        + Shapes.str(p.value().shape()) + " in the model but " + Shapes.str(t.shape()) + " in the file");
            }
            seen.add(p.name());
        }
        for (String name : tensors.keySet()) {
            if (!seen.contains(name)) {
                throw new IOException(source + ": tensor '" + name + "' " + Shapes.str(tensors.get(name).shape())
                        + " matches no parameter of the model");
            }
        }
    }

    private static String names(Map<String, Tensor> tensors) {
        if (tensors.isEmpty()) {
            return "nothing";
        }
        List<String> ns = new ArrayList<>(tensors.keySet());
        return ns.size() <= 8 ? String.join(", ", ns) : String.join(", ", ns.subList(0, 8)) + ", ... ("
                + ns.size() + " in all)";
    }

    private static boolean isSingleFile(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().endsWith(".safetensors");
    }
}
