package org.hebb.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.tensor.Autograd;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * A piece of a network: it maps an input batch to an output batch with {@link #forward} and
 * owns its parameters and sub-modules, each registered explicitly under a name.
 *
 * <p><b>Life cycle</b> (Keras' order): the constructor stores the configuration; the first
 * input (or {@link #build(int[])}) tells the module its input shape and the module creates its
 * weights for it; then {@code forward(x, training)} computes. {@code training} is an argument,
 * not a global: dropout and batch normalization behave differently in training and inference,
 * and inference is thread-safe.
 *
 * <p><b>Shapes.</b> Every shape a module speaks of is the shape of <em>one sample</em>, without
 * the batch axis: a 28x28 grey image is {@code [28, 28, 1]}; its batches are
 * {@code [N, 28, 28, 1]}.
 *
 * <p><b>Names.</b> {@link #parameters()} lists the module's own parameters then its children's,
 * each under a dotted path ({@code "block1.conv.kernel"}), the keys under which weights are
 * saved and optimizer state is kept.
 *
 * <p>A network that is not a stack is a subclass whose {@code forward} is plain Java, PyTorch
 * style: register children in the constructor with {@link #addModule} and call them in
 * {@code forward}.
 */
public abstract class Module {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private int[] declaredInputShape;
    private int[] builtInputShape;

    /**
     * Computes the output batch for the input batch {@code x} (batch axis first). Layers call
     * {@link #buildIfNeeded(Tensor)} first so that weights exist for the input's shape.
     */
    public abstract Tensor forward(Tensor x, boolean training);

    /** Inference: {@code forward(x, false)} with nothing recorded for backward. */
    public Tensor predict(Tensor x) {
        try (var scope = Autograd.noGrad()) {
            return forward(x, false);
        }
    }

    /**
     * The settings that rebuild this module, under Keras' names ({@code "units"},
     * {@code "activation"}, ...), as JSON-ready values: strings, numbers, booleans, {@code null},
     * and lists and maps of them. Weights are not part of it, nor are initializers and
     * generators (they only matter before weights exist), nor sub-modules (a model file
     * describes each child by its own config). Model files ({@code org.hebb.io.ModelFile})
     * write it to JSON and rebuild the module from it. The default is empty: a module without
     * settings.
     */
    public Map<String, Object> config() {
        return new LinkedHashMap<>();
    }

    /** A short description for summaries and error messages, e.g. {@code Dense(64)}. */
    public String describe() {
        return getClass().getSimpleName();
    }

    /** The Keras-style base name used to name this module inside a model ({@code "dense"}). */
    public String baseName() {
        String s = getClass().getSimpleName();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(s.charAt(i - 1))
                    && !Character.isDigit(s.charAt(i - 1))) {
                b.append('_');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ shapes and building

    /** Declares the per-sample input shape (first layer of a model); returns {@code this}. */
    public Module inputShape(int... shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(describe() + ": input shape dimensions must be > 0, got "
                        + Shapes.str(shape));
            }
        }
        this.declaredInputShape = shape.clone();
        return this;
    }

    /** The declared per-sample input shape, or {@code null}. */
    public int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    /** The per-sample input shape the module was built for, or {@code null} before building. */
    public int[] builtInputShape() {
        return builtInputShape == null ? null : builtInputShape.clone();
    }

    /** True once weights exist. */
    public boolean isBuilt() {
        return builtInputShape != null;
    }

    /**
     * Builds the module for per-sample input shape {@code inputShape}: checks it and creates the
     * weights. Building twice with the same shape does nothing; with another shape it fails.
     */
    public final void build(int[] inputShape) {
        if (builtInputShape != null) {
            if (!java.util.Arrays.equals(builtInputShape, inputShape)) {
                throw new IllegalArgumentException(describe() + ": built for input shape "
                        + batchShapeStr(builtInputShape) + ", got shape " + batchShapeStr(inputShape));
            }
            return;
        }
        if (declaredInputShape != null && !java.util.Arrays.equals(declaredInputShape, inputShape)) {
            throw new IllegalArgumentException(describe() + ": declared input shape "
                    + batchShapeStr(declaredInputShape) + ", got shape " + batchShapeStr(inputShape));
        }
        onBuild(inputShape.clone());
        builtInputShape = inputShape.clone();
    }

    /** Builds for the per-sample shape of batch {@code x} if not built yet, else checks it. */
    protected final void buildIfNeeded(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException(describe() + ": expected a batch (rank >= 1), got a scalar");
        }
        int[] s = x.shape();
        int[] sample = java.util.Arrays.copyOfRange(s, 1, s.length);
        if (builtInputShape == null) {
            build(sample);
        } else if (!java.util.Arrays.equals(builtInputShape, sample)) {
            onShapeMismatch(s);
        }
    }

    /**
     * Called when a batch's per-sample shape differs from the one the module was built for
     * ({@code batchShape} includes the batch axis). The default refuses; modules that accept
     * other shapes (Dense on extra leading axes, say) may override and return normally.
     */
    protected void onShapeMismatch(int[] batchShape) {
        throw new IllegalArgumentException(describe() + ": built for input shape "
                + batchShapeStr(builtInputShape) + ", got shape " + Shapes.str(batchShape));
    }

    /**
     * Checks the per-sample input shape and creates weights for it. The default creates nothing.
     * Errors name the module, what it expected and what it got.
     */
    protected void onBuild(int[] inputShape) {}

    /**
     * The per-sample output shape for a per-sample input shape. The default builds the module
     * and runs it once on a zero batch of one sample, without recording; layers whose shape
     * arithmetic is cheap may override.
     */
    public int[] outputShape(int[] inputShape) {
        build(inputShape);
        int[] batch = withBatch(inputShape);
        batch[0] = 1;
        Tensor y = predict(Tensor.of(new float[Shapes.size(batch)], batch));
        int[] s = y.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    /** A per-sample shape with a batch axis of size -1 in front. */
    protected static int[] withBatch(int[] sample) {
        int[] s = new int[sample.length + 1];
        s[0] = -1;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }

    /** Keras-style text of a batch of per-sample shape {@code sample}: {@code [None, 28, 28, 1]}. */
    public static String batchShapeStr(int[] sample) {
        StringBuilder b = new StringBuilder("[None");
        for (int d : sample) {
            b.append(", ").append(d);
        }
        return b.append(']').toString();
    }

    // ------------------------------------------------------------------ parameters and children

    /** Registers a parameter of this module under {@code name}; returns its value. */
    protected final Tensor addParameter(String name, Tensor value, boolean trainable, Regularizer regularizer) {
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(describe() + ": a parameter or module named '" + name + "' exists");
        }
        params.put(name, new Parameter(name, value, trainable, regularizer));
        return value;
    }

    /** Registers a sub-module under {@code name}; returns it. */
    protected final <M extends Module> M addModule(String name, M module) {
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(describe() + ": a parameter or module named '" + name + "' exists");
        }
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(describe() + ": module name must be non-empty without dots, got '"
                    + name + "'");
        }
        children.put(name, module);
        return module;
    }

    /** The direct sub-modules, by name, in registration order. */
    public Map<String, Module> modules() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter and buffer, own ones first, then each child's under its dotted name. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        collect("", out);
        return out;
    }

    /** The trainable parameters only. */
    public List<Parameter> trainableParameters() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : parameters()) {
            if (p.isTrainable()) {
                out.add(p);
            }
        }
        return out;
    }

    private void collect(String prefix, List<Parameter> out) {
        for (Parameter p : params.values()) {
            out.add(prefix.isEmpty() ? p : p.renamed(prefix + p.name()));
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().collect(prefix + c.getKey() + ".", out);
        }
    }

    /** Number of scalars in all parameters (trainable and not). */
    public long countParameters() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().size();
        }
        return n;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.value().zeroGrad();
        }
    }
}
