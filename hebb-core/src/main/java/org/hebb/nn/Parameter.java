package org.hebb.nn;

import java.util.Objects;
import org.hebb.tensor.Tensor;

/**
 * A named tensor that a module owns: a trainable weight (updated by the optimizer from its
 * gradient) or a buffer (saved with the model but not trained, like BatchNormalization's
 * moving mean).
 *
 * <p>The name is the dotted path in the model, e.g. {@code "conv2d_1.kernel"} — the key under
 * which the value is saved and under which optimizers keep their per-parameter state. The
 * value is a leaf tensor; optimizers update its {@link Tensor#data()} in place, so views of it
 * stay valid. A trainable parameter may carry a {@link Regularizer} whose penalty is added to
 * the loss.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final boolean trainable;
    private final Regularizer regularizer;

    /** A parameter; a trainable one has {@code requiresGrad} set on its value. */
    public Parameter(String name, Tensor value, boolean trainable, Regularizer regularizer) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.trainable = trainable;
        this.regularizer = regularizer;
        if (trainable) {
            value.requiresGrad(true);
        }
    }

    /** A trainable parameter without regularizer. */
    public static Parameter trainable(String name, Tensor value) {
        return new Parameter(name, value, true, null);
    }

    /** A saved, untrained buffer. */
    public static Parameter buffer(String name, Tensor value) {
        return new Parameter(name, value, false, null);
    }

    /** The same value under another name (a module prefixes its children's names). */
    public Parameter renamed(String newName) {
        return new Parameter(newName, value, trainable, regularizer);
    }

    /** Dotted name, e.g. {@code "dense_1.kernel"}. */
    public String name() {
        return name;
    }

    /** The tensor itself (a leaf; trainable ones require grad). */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient of the value, or {@code null}. */
    public Tensor grad() {
        return value.grad();
    }

    /** True for weights the optimizer updates; false for buffers. */
    public boolean isTrainable() {
        return trainable;
    }

    /** The penalty added to the loss for this parameter, or {@code null}. */
    public Regularizer regularizer() {
        return regularizer;
    }

    @Override
    public String toString() {
        return "Parameter(" + name + ", shape=" + java.util.Arrays.toString(value.shape())
                + (trainable ? "" : ", buffer") + ")";
    }
}
