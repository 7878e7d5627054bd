package org.hebb.nn;

import java.util.Arrays;
import org.hebb.ops.AddRelu;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * A skip connection: {@code y = body(x) + shortcut(x)}, where the shortcut is the identity
 * unless given (a 1x1 projection when the body changes the shape) — Keras'
 * {@code Add()([body(x), shortcut(x)])}, the heart of a ResNet block. An optional activation
 * follows the sum. Shapes: the body's output and the shortcut's output must be equal.
 */
public final class Residual extends Module {
    private final Module body;
    private final Module shortcut;
    private final Activation activation;

    /** {@code body(x) + x}. */
    public Residual(Module body) {
        this(body, null, Activation.LINEAR);
    }

    /** {@code activation(body(x) + shortcut(x))}; a null shortcut is the identity. */
    public Residual(Module body, Module shortcut, Activation activation) {
        this.body = addModule("body", body);
        this.shortcut = shortcut == null ? null : addModule("shortcut", shortcut);
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor a = body.forward(x, training);
        Tensor b = shortcut == null ? x : shortcut.forward(x, training);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(describe() + ": body gives shape " + Shapes.str(a.shape())
                    + " but the shortcut gives " + Shapes.str(b.shape()) + "; give a projection shortcut"
                    + " (e.g. a 1x1 Conv2D with the body's stride and filters)");
        }
        // relu(a + b) in one op (bit for bit the same, two passes over the activations fewer)
        return activation.kind().equals("relu") ? AddRelu.apply(a, b) : activation.apply(a.add(b));
    }

    /** The body (the branch that is added to the shortcut). */
    public Module body() {
        return body;
    }

    /** The shortcut, or {@code null} for the identity. */
    public Module shortcut() {
        return shortcut;
    }

    /** The activation applied after the sum ({@link Activation#LINEAR} for none). */
    public Activation activation() {
        return activation;
    }

    /**
     * {@code activation} ({@code {"name", "alpha"}}); the body and shortcut are sub-modules,
     * described by their own configs.
     */
    @Override
    public java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = super.config();
        c.put("activation", ConfigValues.activation(activation));
        return c;
    }

    @Override
    public String baseName() {
        return "residual";
    }
}
