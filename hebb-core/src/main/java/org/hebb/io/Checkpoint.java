package org.hebb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hebb.nn.Module;
import org.hebb.nn.Parameter;
import org.hebb.optim.Optimizer;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.Model;

/**
 * Everything a training run needs to continue exactly where it stopped, in one safetensors
 * file: the weights (and buffers), the optimizer's state, the number of epochs done, and the
 * states of the two random generators a run draws from — the run's own generator (shuffling
 * and augmentation, passed with {@link Fit#rng}) and {@link Rng#global()} (dropout masks).
 * Resuming from it ends bit-identical to a run that was never interrupted:
 * <pre>{@code
 * Checkpoint ckpt = Checkpoint.load(path);
 * Rng shuffle = new Rng(0);
 * ckpt.restore(model, model.optimizer(), shuffle);   // model built and compiled as before
 * model.fit(x, y, Fit.epochs(10).rng(shuffle).initialEpoch(ckpt.epoch()));
 * }</pre>
 *
 * <p><b>File layout.</b> Tensors: each parameter under its dotted name ({@code dense.kernel});
 * each optimizer state array under {@code optimizer/<key>} as a vector
 * ({@code optimizer/dense.kernel/m}, {@code optimizer/iterations}). Metadata (all strings):
 * <ul>
 *   <li>{@code format}: {@code "hebb-checkpoint"}; {@code format_version}: {@code "1"};</li>
 *   <li>{@code epoch}: the number of epochs completed, i.e. the 0-based epoch to resume at;</li>
 *   <li>{@code rng.shuffle} (when the run has its own generator) and {@code rng.global}: the
 *       generator states as JSON arrays of three integers, {@link Rng#getState()};</li>
 *   <li>{@code optimizer}: the optimizer's {@link Optimizer#config()} as JSON (when given);</li>
 *   <li>{@code model}: the model's JSON description as {@link ModelFile#toJson} writes it (for
 *       a {@link org.hebb.train.Sequential}), so {@link #restoreModel()} can rebuild it;</li>
 *   <li>any extra entries the caller adds (e.g. {@code logs}, the epoch's figures as JSON).</li>
 * </ul>
 * The file is written atomically: a crash while saving leaves the previous checkpoint intact.
 *
 * <p>Not saved: a generator given to a single layer ({@code Dropout.rng(r)}), the state of
 * callbacks (early stopping's patience count), and the generator {@code fit} makes from
 * {@code Fit.seed(...)} — pass {@link Fit#rng} instead to resume exactly.
 */
public final class Checkpoint {
    /** The version written in {@code format_version}. */
    public static final int FORMAT_VERSION = 1;
    /** The prefix of optimizer-state tensor names. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";
    /** Metadata keys hebb writes itself; extra metadata may not use them. */
    public static final Set<String> RESERVED_KEYS = Set.of("format", "format_version", "epoch", "rng.shuffle",
            "rng.global", "optimizer", "model");

    private final Path file;
    private final Map<String, Tensor> weights;
    private final Map<String, float[]> optimizerState;
    private final int epoch;
    private final long[] shuffleState;
    private final long[] globalState;
    private final Map<String, Object> optimizerConfig;
    private final String modelJson;
    private final Map<String, String> extra;

    private Checkpoint(Path file, Map<String, Tensor> weights, Map<String, float[]> optimizerState, int epoch,
            long[] shuffleState, long[] globalState, Map<String, Object> optimizerConfig, String modelJson,
            Map<String, String> extra) {
        this.file = file;
        this.weights = weights;
        this.optimizerState = optimizerState;
        this.epoch = epoch;
        this.shuffleState = shuffleState;
        this.globalState = globalState;
        this.optimizerConfig = optimizerConfig;
        this.modelJson = modelJson;
        this.extra = extra;
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves a checkpoint of {@code model} after {@code epoch} completed epochs, with
     * {@code model.optimizer()}, the run's generator {@code shuffleRng} and {@link Rng#global()}.
     */
    public static void save(Path file, Model model, int epoch, Rng shuffleRng) throws IOException {
        save(file, model, model.optimizer(), epoch, shuffleRng, Rng.global(), Map.of());
    }

    /**
     * Saves a checkpoint to {@code file}, atomically.
     *
     * @param model the module whose parameters and buffers are saved (its JSON description too
     *     when it is a {@link org.hebb.train.Sequential} of known layers)
     * @param optimizer its optimizer, or {@code null} to save no optimizer state
     * @param epoch the number of epochs completed ({@code >= 0})
     * @param shuffleRng the run's generator ({@link Fit#rng}), or {@code null} when the run draws
     *     only from the global generator
     * @param globalRng the generator dropout draws from, normally {@link Rng#global()}
     * @param extra further metadata (string to string), or an empty map
     * @throws IllegalArgumentException if {@code epoch < 0}, {@code globalRng} is null, an extra
     *     key is one of {@link #RESERVED_KEYS}, or a parameter name starts with {@code optimizer/}
     * @throws IOException if the file cannot be written; a previous file is then unchanged
     */
    public static void save(Path file, Module model, Optimizer optimizer, int epoch, Rng shuffleRng, Rng globalRng,
            Map<String, String> extra) throws IOException {
        if (epoch < 0) {
            throw new IllegalArgumentException("Checkpoint.save: epoch must be >= 0, got " + epoch);
        }
        if (globalRng == null) {
            throw new IllegalArgumentException("Checkpoint.save: the global generator is required (Rng.global())");
        }
        Map<String, Tensor> tensors = ModelFile.weights(model);
        for (String name : tensors.keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("Checkpoint.save: parameter '" + name + "' clashes with the "
                        + "optimizer-state prefix '" + OPTIMIZER_PREFIX + "'");
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "hebb-checkpoint");
        meta.put("format_version", String.valueOf(FORMAT_VERSION));
        meta.put("epoch", String.valueOf(epoch));
        if (shuffleRng != null) {
            meta.put("rng.shuffle", Json.compact(shuffleRng.getState()));
        }
        meta.put("rng.global", Json.compact(globalRng.getState()));
        if (optimizer != null) {
            meta.put("optimizer", Json.compact(optimizer.config()));
            for (Map.Entry<String, float[]> e : optimizer.stateDict().entrySet()) {
                tensors.put(OPTIMIZER_PREFIX + e.getKey(), Tensor.of(e.getValue(), e.getValue().length));
            }
        }
        if (model instanceof Model m && describable(m)) {
            meta.put("model", ModelFile.toJson(m));
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (RESERVED_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("Checkpoint.save: extra metadata key '" + e.getKey()
                        + "' is reserved (" + RESERVED_KEYS + ")");
            }
            meta.put(e.getKey(), e.getValue());
        }
        Safetensors.write(file, tensors, meta);
    }

    private static boolean describable(Model m) {
        try {
            ModelFile.toJson(m);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ loading

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws IOException if the file is unreadable, not a valid safetensors file, or not a
     *     hebb checkpoint of a known version; the message names the file and the problem
     */
    public static Checkpoint load(Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!"hebb-checkpoint".equals(meta.get("format"))) {
            throw bad(file, "metadata \"format\" is " + quoted(meta.get("format")) + ", expected \"hebb-checkpoint\"");
        }
        int version = integer(file, meta, "format_version");
        if (version < 1 || version > FORMAT_VERSION) {
            throw bad(file, "format version " + version + " is not one this hebb reads (1 to " + FORMAT_VERSION + ")");
        }
        int epoch = integer(file, meta, "epoch");
        if (epoch < 0) {
            throw bad(file, "metadata \"epoch\" must be >= 0, got " + epoch);
        }
        long[] shuffle = meta.containsKey("rng.shuffle") ? rngState(file, meta, "rng.shuffle") : null;
        long[] global = rngState(file, meta, "rng.global");
        Map<String, Object> optConfig = null;
        if (meta.containsKey("optimizer")) {
            try {
                optConfig = Json.map(meta.get("optimizer"));
            } catch (JsonProcessingException e) {
                throw bad(file, "metadata \"optimizer\" is not a JSON object: " + Json.message(e));
            }
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, float[]> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                state.put(e.getKey().substring(OPTIMIZER_PREFIX.length()), e.getValue().data());
            } else {
                weights.put(e.getKey(), e.getValue());
            }
        }
        if (optConfig == null && !state.isEmpty()) {
            throw bad(file, "holds optimizer state but no metadata \"optimizer\"");
        }
        Map<String, String> extra = new LinkedHashMap<>(meta);
        extra.keySet().removeAll(RESERVED_KEYS);
        return new Checkpoint(file, weights, state, epoch, shuffle, global, optConfig, meta.get("model"),
                Collections.unmodifiableMap(extra));
    }

    // ------------------------------------------------------------------ restoring

    /**
     * Puts the checkpoint back: the weights into {@code model} (which must be built, with the
     * same parameter names and shapes), the state into {@code optimizer} (also its learning
     * rate, unless it follows a schedule), the run's generator state into {@code shuffleRng}
     * and the global generator's state into {@link Rng#global()}. Everything is checked before
     * anything is changed. Call it after building the model and right before {@code fit}, so
     * nothing draws from the global generator in between.
     *
     * @param optimizer the optimizer to restore, or {@code null} to restore weights and
     *     generators only
     * @param shuffleRng the generator to pass to {@link Fit#rng}, or {@code null} when the
     *     checkpoint has none
     * @throws IOException if names or shapes do not match, the optimizer is of another kind,
     *     or the checkpoint lacks what is asked for; the message names the file
     */
    public void restore(Module model, Optimizer optimizer, Rng shuffleRng) throws IOException {
        if (optimizer != null) {
            if (optimizerConfig == null) {
                throw bad(file, "holds no optimizer state; restore with optimizer null, or save it with one");
            }
            Object name = optimizerConfig.get("name");
            if (!optimizer.name().equals(name)) {
                throw bad(file, "holds the state of optimizer " + quoted(String.valueOf(name)) + " but the optimizer "
                        + "to restore is \"" + optimizer.name() + "\"");
            }
            Object lr = optimizerConfig.get("learning_rate");
            if (lr instanceof Number n && !(n.doubleValue() > 0 && Double.isFinite(n.doubleValue()))) {
                throw bad(file, "optimizer learning_rate must be a finite number > 0, got " + lr);
            }
            Map<String, Integer> sizes = new HashMap<>();
            for (Parameter p : model.trainableParameters()) {
                sizes.put(p.name(), p.value().size());
            }
            for (Map.Entry<String, float[]> e : optimizerState.entrySet()) {
                String key = e.getKey();
                int slash = key.lastIndexOf('/');
                if (slash < 0) {
                    continue;
                }
                String param = key.substring(0, slash);
                Integer size = sizes.get(param);
                if (size == null) {
                    throw bad(file, "optimizer state '" + key + "' belongs to no trainable parameter of the model");
                }
                if (size != e.getValue().length) {
                    throw bad(file, "optimizer state '" + key + "' has " + e.getValue().length
                            + " values but parameter '" + param + "' has " + size);
                }
            }
        }
        if (shuffleRng != null && shuffleState == null) {
            throw bad(file, "holds no run generator state (rng.shuffle); the run it came from drew from the global "
                    + "generator only: pass null");
        }
        ModelFile.checkWeights(model, weights, file.toString());
        if (optimizer != null) {
            Map<String, float[]> copy = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : optimizerState.entrySet()) {
                copy.put(e.getKey(), e.getValue().clone());
            }
            try {
                optimizer.loadStateDict(copy);
            } catch (IllegalArgumentException e) {
                throw bad(file, "optimizer state does not fit " + optimizer.name() + ": " + e.getMessage());
            }
            if (optimizerConfig.get("learning_rate") instanceof Number n && optimizer.schedule() == null) {
                optimizer.setLearningRate(n.doubleValue());
            }
        }
        ModelFile.copyWeights(model, weights, file.toString());
        if (shuffleRng != null) {
            shuffleRng.setState(shuffleState);
        }
        Rng.global().setState(globalState);
    }

    /**
     * Rebuilds the model from the description in the checkpoint, compiles it with the saved
     * optimizer settings (and the saved loss and metrics), and restores weights, optimizer state
     * and the global generator. Pass {@link #shuffleRng()} to {@link Fit#rng} and
     * {@link #epoch()} to {@link Fit#initialEpoch} to continue the run.
     *
     * @throws IOException if the checkpoint has no model description or it does not fit
     */
    public Model restoreModel() throws IOException {
        if (modelJson == null) {
            throw bad(file, "holds no model description (metadata \"model\"); build the model in code and call "
                    + "restore(model, optimizer, rng)");
        }
        Model model = ModelFile.fromJson(modelJson, file + " (metadata \"model\")");
        restore(model, optimizerConfig == null ? null : model.optimizer(), null);
        return model;
    }

    // ------------------------------------------------------------------ accessors

    /** The number of epochs completed: the 0-based epoch to resume at ({@link Fit#initialEpoch}). */
    public int epoch() {
        return epoch;
    }

    /** A new generator in the run's saved state, or {@code null} when the checkpoint has none. */
    public Rng shuffleRng() {
        if (shuffleState == null) {
            return null;
        }
        Rng r = new Rng(0);
        r.setState(shuffleState);
        return r;
    }

    /** The saved state of the run's generator ({@link Rng#getState()}), or {@code null}. */
    public long[] shuffleRngState() {
        return shuffleState == null ? null : shuffleState.clone();
    }

    /** The saved state of the global generator. */
    public long[] globalRngState() {
        return globalState.clone();
    }

    /** The saved parameters and buffers by dotted name (shared, do not modify). */
    public Map<String, Tensor> weights() {
        return Collections.unmodifiableMap(weights);
    }

    /** The saved optimizer state as {@link Optimizer#stateDict()} gave it (shared, do not modify). */
    public Map<String, float[]> optimizerState() {
        return Collections.unmodifiableMap(optimizerState);
    }

    /** The saved optimizer configuration, or {@code null}. */
    public Map<String, Object> optimizerConfig() {
        return optimizerConfig == null ? null : Collections.unmodifiableMap(optimizerConfig);
    }

    /** The model's JSON description, or {@code null} when the model was not describable. */
    public String modelJson() {
        return modelJson;
    }

    /** The extra metadata given to {@link #save} (the reserved keys removed). */
    public Map<String, String> metadata() {
        return extra;
    }

    // ------------------------------------------------------------------ helpers

    private static int integer(Path file, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw bad(file, "metadata \"" + key + "\" is missing");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(file, "metadata \"" + key + "\" must be an integer, got " + quoted(v));
        }
    }

    private static long[] rngState(Path file, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw bad(file, "metadata \"" + key + "\" is missing");
        }
        try {
            long[] s = Json.MAPPER.readValue(v, long[].class);
            if (s.length != 3) {
                throw bad(file, "metadata \"" + key + "\" must hold 3 integers, got " + s.length);
            }
            return s;
        } catch (JsonProcessingException e) {
            throw bad(file, "metadata \"" + key + "\" must be a JSON array of 3 integers, got " + quoted(v));
        }
    }

    private static String quoted(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }

    private static IOException bad(Path file, String problem) {
        return new IOException(file + ": checkpoint " + problem);
    }
}
