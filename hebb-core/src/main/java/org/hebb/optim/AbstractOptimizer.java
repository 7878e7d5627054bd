package org.hebb.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hebb.kernels.OptimKernels;
import org.hebb.nn.Parameter;

/**
 * What every optimizer shares: the learning rate or its schedule, the step count, gradient
 * clipping, and the per-parameter state kept by parameter name. A subclass names its state
 * slots ({@link #slots()}) and writes the update of one parameter ({@link #update}); the
 * bookkeeping of {@link #step} is done here:
 * <ol>
 *   <li>select the trainable parameters that have a gradient, and check that their names are
 *       distinct and their sizes match any state already kept under those names;</li>
 *   <li>take the learning rate ({@code schedule.lr(iterations)} or the fixed rate);</li>
 *   <li>clip the gradients, if asked, into scratch copies;</li>
 *   <li>call {@link #update} for each selected parameter in list order, then count the step.</li>
 * </ol>
 */
public abstract class AbstractOptimizer implements Optimizer {
    private static final String ITERATIONS = "iterations";

    private enum Clip { NONE, NORM, VALUE, GLOBAL_NORM }

    private final String label;
    private final LearningRateSchedule schedule;
    private double learningRate;
    private int iterations;
    private Clip clip = Clip.NONE;
    private double clipThreshold;
    private final Map<String, float[]> state = new LinkedHashMap<>();
    private final Map<Integer, float[]> scratch = new HashMap<>();

    /**
     * With a fixed learning rate.
     *
     * @param label the class name for error messages
     * @throws IllegalArgumentException if {@code learningRate} is not finite and {@code > 0}
     */
    protected AbstractOptimizer(String label, double learningRate) {
        this.label = label;
        this.learningRate = Checks.positive(label, "learning rate", learningRate);
        this.schedule = null;
    }

    /**
     * With a learning-rate schedule.
     *
     * @param label the class name for error messages
     */
    protected AbstractOptimizer(String label, LearningRateSchedule schedule) {
        this.label = label;
        this.schedule = Objects.requireNonNull(schedule, label + ": schedule");
        this.learningRate = Double.NaN;
    }

    /**
     * The names of the state arrays this optimizer keeps per parameter, e.g. {@code ["m", "v"]};
     * fixed once constructed.
     */
    protected abstract List<String> slots();

    /** The value a fresh state array of {@code slot} is filled with; 0 unless overridden. */
    protected float initialSlotValue(String slot) {
        return 0f;
    }

    /**
     * Updates one parameter in place.
     *
     * @param name the parameter's name (the key of its state, see {@link #slot})
     * @param w the parameter's values, to update
     * @param g its gradient, already clipped; read only
     * @param lr the learning rate of this step
     * @param t the 1-based number of this step (Adam's bias correction uses it)
     */
    protected abstract void update(String name, float[] w, float[] g, double lr, int t);

    /** The hyperparameters of the algorithm, added to {@link #config()} after the learning rate. */
    protected abstract void addConfig(Map<String, Object> config);

    /**
     * The state array {@code slot} of parameter {@code name}, created filled with
     * {@link #initialSlotValue} on first use.
     */
    protected final float[] slot(String name, String slot, int size) {
        return state.computeIfAbsent(name + "/" + slot, k -> {
            float[] a = new float[size];
            float init = initialSlotValue(slot);
            if (init != 0f) {
                Arrays.fill(a, init);
            }
            return a;
        });
    }

    // ------------------------------------------------------------------ the step

    @Override
    public final void step(List<Parameter> params) {
        Objects.requireNonNull(params, label + ".step: params");
        List<Parameter> active = new ArrayList<>(params.size());
        List<float[]> grads = new ArrayList<>(params.size());
        Set<String> names = new HashSet<>();
        for (Parameter p : params) {
            Objects.requireNonNull(p, label + ".step: a parameter in the list is null");
            if (!p.isTrainable() || p.grad() == null) {
                continue;
            }
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(label + ".step: two parameters are named '" + p.name()
                        + "'; optimizer state is kept by name, so names must be distinct");
            }
            int size = p.value().size();
            for (String s : slots()) {
                float[] existing = state.get(p.name() + "/" + s);
                if (existing != null && existing.length != size) {
                    throw new IllegalArgumentException(label + ".step: state '" + p.name() + "/" + s + "' has "
                            + existing.length + " values but parameter " + p + " has " + size);
                }
            }
            active.add(p);
            grads.add(p.grad().data());
        }
        double lr = learningRate();
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException(label + ": learning-rate schedule " + schedule + " gave " + lr
                    + " at step " + iterations + "; a rate must be finite and >= 0");
        }
        double globalScale = clip == Clip.GLOBAL_NORM ? globalNormScale(grads) : 1.0;
        for (int i = 0; i < active.size(); i++) {
            Parameter p = active.get(i);
            float[] g = clipped(grads.get(i), globalScale);
            update(p.name(), p.value().data(), g, lr, iterations + 1);
        }
        iterations = Math.addExact(iterations, 1);
    }

    private double globalNormScale(List<float[]> grads) {
        double sum = 0;
        for (float[] g : grads) {
            sum += OptimKernels.sumOfSquares(g);
        }
        double norm = Math.sqrt(sum);
        // NaN or infinite norms give NaN or zero gradients, as in Keras; nothing is hidden.
        return norm > clipThreshold || Double.isNaN(norm) ? clipThreshold / norm : 1.0;
    }

    /** The gradient to use: {@code g} itself, or a clipped copy in a reused scratch array. */
    private float[] clipped(float[] g, double globalScale) {
        switch (clip) {
            case NONE:
                return g;
            case VALUE: {
                float[] out = scratch(g.length);
                OptimKernels.clipByValue(g, out, (float) clipThreshold);
                return out;
            }
            case NORM: {
                double norm = Math.sqrt(OptimKernels.sumOfSquares(g));
                if (!(norm > clipThreshold) && !Double.isNaN(norm)) {
                    return g;
                }
                float[] out = scratch(g.length);
                OptimKernels.scale(g, out, (float) (clipThreshold / norm));
                return out;
            }
            case GLOBAL_NORM: {
                if (globalScale == 1.0) {
                    return g;
                }
                float[] out = scratch(g.length);
                OptimKernels.scale(g, out, (float) globalScale);
                return out;
            }
            default:
                throw new AssertionError(clip);
        }
    }

    private float[] scratch(int size) {
        return scratch.computeIfAbsent(size, float[]::new);
    }

    // ------------------------------------------------------------------ learning rate

    @Override
    public double learningRate() {
        return schedule != null ? schedule.lr(iterations) : learningRate;
    }

    @Override
    public void setLearningRate(double lr) {
        if (schedule != null) {
            throw new IllegalStateException(label + ": the learning rate follows the schedule " + schedule
                    + " and cannot be set; build the optimizer with a fixed rate to change it by hand");
        }
        this.learningRate = Checks.positive(label, "learning rate", lr);
    }

    @Override
    public LearningRateSchedule schedule() {
        return schedule;
    }

    @Override
    public int iterations() {
        return iterations;
    }

    // ------------------------------------------------------------------ state

    @Override
    public Map<String, float[]> stateDict() {
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put(ITERATIONS, new float[] {iterations >>> 16, iterations & 0xFFFF});
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            out.put(e.getKey(), e.getValue().clone());
        }
        return out;
    }

    @Override
    public void loadStateDict(Map<String, float[]> dict) {
        Objects.requireNonNull(dict, label + ".loadStateDict: state");
        float[] it = dict.get(ITERATIONS);
        if (it == null) {
            throw new IllegalArgumentException(label + ".loadStateDict: no \"" + ITERATIONS + "\" entry; keys: "
                    + dict.keySet());
        }
        if (it.length != 2 || !isHalfWord(it[0]) || !isHalfWord(it[1]) || it[0] >= 32768) {
            throw new IllegalArgumentException(label + ".loadStateDict: \"" + ITERATIONS
                    + "\" must be two whole numbers in [0, 65536) (high and low half of the count), got "
                    + Arrays.toString(it));
        }
        Map<String, float[]> loaded = new LinkedHashMap<>();
        List<String> slots = slots();
        for (Map.Entry<String, float[]> e : dict.entrySet()) {
            String key = e.getKey();
            if (key.equals(ITERATIONS)) {
                continue;
            }
            int cut = key.lastIndexOf('/');
            if (cut <= 0 || !slots.contains(key.substring(cut + 1)) || e.getValue() == null) {
                throw new IllegalArgumentException(label + ".loadStateDict: unexpected entry '" + key
                        + "'; this optimizer keeps \"iterations\" and '<parameter>/<slot>' with slots " + slots);
            }
            loaded.put(key, e.getValue().clone());
        }
        state.clear();
        state.putAll(loaded);
        iterations = ((int) it[0] << 16) | (int) it[1];
    }

    private static boolean isHalfWord(float f) {
        return f >= 0 && f < 65536 && f == Math.rint(f);
    }

    // ------------------------------------------------------------------ config and clipping

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", schedule != null ? schedule.config() : (Object) learningRate);
        addConfig(c);
        switch (clip) {
            case NORM -> c.put("clipnorm", clipThreshold);
            case VALUE -> c.put("clipvalue", clipThreshold);
            case GLOBAL_NORM -> c.put("global_clipnorm", clipThreshold);
            case NONE -> { }
        }
        return Collections.unmodifiableMap(c);
    }

    @Override
    public Optimizer clipByNorm(double maxNorm) {
        return setClip(Clip.NORM, "clipByNorm", "max norm", maxNorm);
    }

    @Override
    public Optimizer clipByValue(double limit) {
        return setClip(Clip.VALUE, "clipByValue", "limit", limit);
    }

    @Override
    public Optimizer clipByGlobalNorm(double maxNorm) {
        return setClip(Clip.GLOBAL_NORM, "clipByGlobalNorm", "max norm", maxNorm);
    }

    private Optimizer setClip(Clip kind, String method, String what, double threshold) {
        Checks.positive(label + "." + method, what, threshold);
        if (clip != Clip.NONE && clip != kind) {
            throw new IllegalArgumentException(label + "." + method + ": only one kind of gradient clipping can be"
                    + " set (as in Keras), and " + clipMethod(clip) + "(" + clipThreshold + ") already is");
        }
        clip = kind;
        clipThreshold = threshold;
        return this;
    }

    private static String clipMethod(Clip c) {
        return switch (c) {
            case NORM -> "clipByNorm";
            case VALUE -> "clipByValue";
            case GLOBAL_NORM -> "clipByGlobalNorm";
            case NONE -> "none";
        };
    }

    @Override
    public String toString() {
        return label + config();
    }
}
