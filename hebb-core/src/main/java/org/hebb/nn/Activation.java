package org.hebb.nn;

import org.hebb.tensor.Tensor;

/**
 * An activation function, usable both as a layer's {@code activation} argument
 * ({@code new Dense(64, Activation.RELU)}) and as a layer of its own
 * ({@code new Sequential(..., Activation.RELU, ...)}).
 *
 * <ul>
 *   <li>{@link #LINEAR}: x (no activation)</li>
 *   <li>{@link #RELU}: max(0, x)</li>
 *   <li>{@link #SIGMOID}: 1 / (1 + e^-x)</li>
 *   <li>{@link #TANH}: tanh(x)</li>
 *   <li>{@link #SOFTMAX}: e^x_i / sum_j e^x_j over the last axis</li>
 *   <li>{@link #GELU}: x * Phi(x) (exact, erf form)</li>
 *   <li>{@link #ELU}: x if x > 0 else e^x - 1</li>
 *   <li>{@link #leakyRelu(float)}: x if x > 0 else alpha * x</li>
 * </ul>
 * Shape: any; the output has the input's shape. No parameters.
 */
public final class Activation extends Module {
    /** Identity. */
    public static final Activation LINEAR = new Activation("linear", 0f);
    /** max(0, x). */
    public static final Activation RELU = new Activation("relu", 0f);
    /** Logistic sigmoid. */
    public static final Activation SIGMOID = new Activation("sigmoid", 0f);
    /** Hyperbolic tangent. */
    public static final Activation TANH = new Activation("tanh", 0f);
    /** Softmax over the last axis. */
    public static final Activation SOFTMAX = new Activation("softmax", 0f);
    /** Gaussian error linear unit, exact form. */
    public static final Activation GELU = new Activation("gelu", 0f);
    /** Exponential linear unit with alpha = 1. */
    public static final Activation ELU = new Activation("elu", 1f);

    private final String kind;
    private final float alpha;

    private Activation(String kind, float alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** Leaky ReLU: x if x > 0 else alpha * x. */
    public static Activation leakyRelu(float alpha) {
        if (!(alpha >= 0) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("leaky_relu: alpha must be finite and >= 0, got " + alpha);
        }
        return new Activation("leaky_relu", alpha);
    }

    /** ELU with the given alpha. */
    public static Activation elu(float alpha) {
        return new Activation("elu", alpha);
    }

    /** The activation named as in Keras: "relu", "sigmoid", "tanh", "softmax", "linear", "gelu", "elu", "leaky_relu". */
    public static Activation get(String name) {
        return switch (name == null ? "linear" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "linear", "none" -> LINEAR;
            case "relu" -> RELU;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            case "softmax" -> SOFTMAX;
            case "gelu" -> GELU;
            case "elu" -> ELU;
            case "leaky_relu" -> leakyRelu(0.2f);
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "'; valid: linear, relu, sigmoid, tanh, softmax, gelu, elu, leaky_relu");
        };
    }

    /** The Keras name of this activation ("relu", ...). */
    public String kind() {
        return kind;
    }

    /** The slope/scale parameter of leaky_relu and elu (0 for the others). */
    public float alpha() {
        return alpha;
    }

    /** Applies the function to {@code x}. */
    public Tensor apply(Tensor x) {
        return switch (kind) {
            case "linear" -> x;
            case "relu" -> x.relu();
            case "sigmoid" -> x.sigmoid();
            case "tanh" -> x.tanh();
            case "softmax" -> x.softmax(-1);
            case "gelu" -> x.gelu();
            case "elu" -> x.elu(alpha);
            case "leaky_relu" -> x.leakyRelu(alpha);
            default -> throw new IllegalStateException("activation " + kind);
        };
    }

    /**
     * The shared constants ({@code RELU}, ...) are immutable, so declaring an input shape
     * returns a new activation layer carrying it.
     */
    @Override
    public Module inputShape(int... shape) {
        return new Activation(kind, alpha).declare(shape);
    }

    private Module declare(int[] shape) {
        return super.inputShape(shape);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return apply(x);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** {@code activation}: {@code {"name": "leaky_relu", "alpha": 0.2}} (alpha 0 when unused). */
    @Override
    public java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = super.config();
        c.put("activation", ConfigValues.activation(this));
        return c;
    }

    @Override
    public String baseName() {
        return "activation";
    }

    @Override
    public String describe() {
        return "Activation(" + kind + (kind.equals("leaky_relu") || (kind.equals("elu") && alpha != 1f)
                ? ", alpha=" + alpha : "") + ")";
    }
}
