package org.hebb.nn;

import org.hebb.tensor.Rng;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Fully connected layer: {@code y = activation(x · kernel + bias)}.
 *
 * <p>Shapes: input {@code [N, in]} (or {@code [N, ..., in]}: applied to the last axis, as in
 * Keras), kernel {@code [in, units]}, bias {@code [units]}, output {@code [N, units]}
 * ({@code [N, ..., units]}). Parameters: {@code in * units + units}.
 *
 * <p>Defaults as Keras: kernel Glorot uniform, bias zeros, no activation, bias used.
 * Weights are created when the input size is first known.
 */
public final class Dense extends Module {
    private final int units;
    private final Activation activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializer.glorotUniform();
    private Initializer biasInitializer = Initializer.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Rng rng;
    private Tensor kernel;
    private Tensor bias;

    /** A layer of {@code units} outputs without activation. */
    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    /** A layer of {@code units} outputs followed by {@code activation}. */
    public Dense(int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be > 0, got " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    /** Whether to add a bias (default true); returns {@code this}. */
    public Dense useBias(boolean value) {
        requireUnbuilt();
        this.useBias = value;
        return this;
    }

    /** Kernel initializer (default Glorot uniform); returns {@code this}. */
    public Dense kernelInitializer(Initializer init) {
        requireUnbuilt();
        this.kernelInitializer = init;
        return this;
    }

    /** Bias initializer (default zeros); returns {@code this}. */
    public Dense biasInitializer(Initializer init) {
        requireUnbuilt();
        this.biasInitializer = init;
        return this;
    }

    /** Penalty on the kernel added to the loss; returns {@code this}. */
    public Dense kernelRegularizer(Regularizer r) {
        requireUnbuilt();
        this.kernelRegularizer = r;
        return this;
    }

    /** Penalty on the bias added to the loss; returns {@code this}. */
    public Dense biasRegularizer(Regularizer r) {
        requireUnbuilt();
        this.biasRegularizer = r;
        return this;
    }

    /** The generator for the initial weights (default: {@link Rng#global()} at build time). */
    public Dense rng(Rng r) {
        requireUnbuilt();
        this.rng = r;
        return this;
    }

    /** Number of outputs. */
    public int units() {
        return units;
    }

    /** The activation applied after the affine map. */
    public Activation activation() {
        return activation;
    }

    /** The kernel {@code [in, units]}, or {@code null} before building. */
    public Tensor kernel() {
        return kernel;
    }

    /** The bias {@code [units]}, or {@code null} (before building, or without bias). */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected void onBuild(int[] inputShape) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException(describe() + ": expected input of shape [N, features], got shape "
                    + batchShapeStr(inputShape));
        }
        int in = inputShape[inputShape.length - 1];
        Rng r = rng != null ? rng : Rng.global();
        int[] ks = {in, units};
        float[] k = new float[in * units];
        kernelInitializer.fill(k, ks, r);
        kernel = addParameter("kernel", Tensor.of(k, ks), true, kernelRegularizer);
        if (useBias) {
            float[] b = new float[units];
            biasInitializer.fill(b, new int[] {units}, r);
            bias = addParameter("bias", Tensor.of(b, units), true, biasRegularizer);
        }
    }

    @Override
    protected void onShapeMismatch(int[] batchShape) {
        int in = kernel.dim(0);
        if (batchShape.length < 2 || batchShape[batchShape.length - 1] != in) {
            throw new IllegalArgumentException(describe() + ": expected input with " + in + " features, got shape "
                    + Shapes.str(batchShape));
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        buildIfNeeded(x);
        Tensor y;
        if (x.rank() == 2) {
            y = x.matmul(kernel);
        } else {
            int[] s = x.shape();
            int[] outShape = s.clone();
            outShape[s.length - 1] = units;
            y = x.reshape(-1, s[s.length - 1]).matmul(kernel).reshape(outShape);
        }
        if (bias != null) {
            y = y.add(bias);
        }
        return activation.apply(y);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        build(inputShape);
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    /**
     * {@code units}, {@code activation} ({@code {"name", "alpha"}}), {@code use_bias},
     * {@code kernel_regularizer} and {@code bias_regularizer} ({@code {"l1", "l2"}} or null).
     */
    @Override
    public java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = super.config();
        c.put("units", units);
        c.put("activation", ConfigValues.activation(activation));
        c.put("use_bias", useBias);
        c.put("kernel_regularizer", ConfigValues.regularizer(kernelRegularizer));
        c.put("bias_regularizer", ConfigValues.regularizer(biasRegularizer));
        return c;
    }

    @Override
    public String describe() {
        return "Dense(" + units + (activation == Activation.LINEAR ? "" : ", " + activation.kind()) + ")";
    }

    private void requireUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + ": cannot change configuration after the layer is built");
        }
    }
}
