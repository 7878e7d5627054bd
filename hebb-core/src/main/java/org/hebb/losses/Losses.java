package org.hebb.losses;

import java.util.Locale;
import org.hebb.ops.CrossEntropy;
import org.hebb.ops.PointwiseLoss;
import org.hebb.tensor.Tensor;

/**
 * The losses of the guide's table, and their Keras names.
 *
 * <table>
 *   <caption>Losses</caption>
 *   <tr><th>factory</th><th>Keras name</th><th>predictions</th><th>targets</th></tr>
 *   <tr><td>{@link #sparseCategoricalCrossentropy(boolean)}</td><td>sparse_categorical_crossentropy</td>
 *       <td>{@code [N, K]} probabilities (or logits)</td><td>{@code [N]} class indices</td></tr>
 *   <tr><td>{@link #categoricalCrossentropy(boolean)}</td><td>categorical_crossentropy</td>
 *       <td>{@code [N, K]}</td><td>{@code [N, K]} one-hot or distributions</td></tr>
 *   <tr><td>{@link #binaryCrossentropy(boolean)}</td><td>binary_crossentropy</td>
 *       <td>any shape, probabilities (or logits)</td><td>same size, 0/1</td></tr>
 *   <tr><td>{@link #meanSquaredError()}</td><td>mse</td><td>any</td><td>same size</td></tr>
 *   <tr><td>{@link #meanAbsoluteError()}</td><td>mae</td><td>any</td><td>same size</td></tr>
 *   <tr><td>{@link #huber(float)}</td><td>huber</td><td>any</td><td>same size</td></tr>
 * </table>
 *
 * <p><b>Softmax fused with cross-entropy.</b> When the predictions come straight from a softmax
 * over the last axis (the model's last layer is {@code Dense(K, SOFTMAX)}) and gradients are
 * being recorded, the categorical losses read the logits under the softmax and compute the
 * stable fused op, whose gradient is {@code p - y}, exactly as Keras does. Likewise binary
 * cross-entropy after a sigmoid. The value is the same as from the probabilities (but for
 * probabilities below 1e-7, where the clipped form saturates).
 */
public final class Losses {
    private Losses() {}

    /** A loss by Keras name; an unknown name fails with the valid ones. */
    public static Loss get(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sparse_categorical_crossentropy" -> sparseCategoricalCrossentropy(false);
            case "categorical_crossentropy" -> categoricalCrossentropy(false);
            case "binary_crossentropy" -> binaryCrossentropy(false);
            case "mse", "mean_squared_error" -> meanSquaredError();
            case "mae", "mean_absolute_error" -> meanAbsoluteError();
            case "huber", "huber_loss" -> huber(1f);
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; valid: "
                    + "sparse_categorical_crossentropy, categorical_crossentropy, binary_crossentropy, mse, mae, huber");
        };
    }

    /** Cross-entropy against class indices; {@code fromLogits} when the model outputs raw scores. */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return categorical("sparse_categorical_crossentropy", fromLogits, true);
    }

    /**
     * Sparse categorical cross-entropy with label smoothing {@code eps} (PyTorch's
     * {@code CrossEntropyLoss(label_smoothing=eps)}): against the targets
     * {@code (1 - eps) * onehot(y) + eps / K} of {@link CrossEntropy#smoothedTargets}, so the
     * gradient from logits is {@code p - t}; {@code eps = 0} is the plain loss.
     *
     * @throws IllegalArgumentException if eps is not in {@code [0, 1)}
     */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits, float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing < 1f)) {
            throw new IllegalArgumentException("sparse_categorical_crossentropy: label smoothing must be in [0, 1), got "
                    + labelSmoothing);
        }
        if (labelSmoothing == 0f) {
            return sparseCategoricalCrossentropy(fromLogits);
        }
        Loss dense = categoricalCrossentropy(fromLogits);
        return new Loss() {
            @Override
            public Tensor compute(Tensor yPred, Tensor yTrue) {
                return dense.compute(yPred, CrossEntropy.smoothedTargets(yPred, yTrue, labelSmoothing));
            }

            @Override
            public String name() {
                return "sparse_categorical_crossentropy";
            }
        };
    }

    /** Sparse categorical cross-entropy on probabilities (Keras' default). */
    public static Loss sparseCategoricalCrossentropy() {
        return sparseCategoricalCrossentropy(false);
    }

    /** Cross-entropy against one-hot (or distribution) rows. */
    public static Loss categoricalCrossentropy(boolean fromLogits) {
        return categorical("categorical_crossentropy", fromLogits, false);
    }

    /** Binary cross-entropy, elementwise, averaged. */
    public static Loss binaryCrossentropy(boolean fromLogits) {
        return new Loss() {
            @Override
            public Tensor compute(Tensor yPred, Tensor yTrue) {
                if (fromLogits) {
                    return CrossEntropy.binaryFromLogits(yPred, yTrue);
                }
                Tensor logits = inputOf(yPred, "sigmoid");
                return logits != null ? CrossEntropy.binaryFromLogits(logits, yTrue)
                        : CrossEntropy.binaryFromProbabilities(yPred, yTrue);
            }

            @Override
            public String name() {
                return "binary_crossentropy";
            }
        };
    }

    /** Mean squared error {@code mean((p - y)^2)}. */
    public static Loss meanSquaredError() {
        return pointwise("mean_squared_error", PointwiseLoss.Kind.MSE, 0f);
    }

    /** Mean absolute error {@code mean(|p - y|)}. */
    public static Loss meanAbsoluteError() {
        return pointwise("mean_absolute_error", PointwiseLoss.Kind.MAE, 0f);
    }

    /** Huber loss with threshold {@code delta} (Keras default 1). */
    public static Loss huber(float delta) {
        if (!(delta > 0) || Float.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be finite and > 0, got " + delta);
        }
        return pointwise("huber", PointwiseLoss.Kind.HUBER, delta);
    }

    private static Loss categorical(String name, boolean fromLogits, boolean sparse) {
        return new Loss() {
            @Override
            public Tensor compute(Tensor yPred, Tensor yTrue) {
                if (fromLogits) {
                    return CrossEntropy.softmaxFromLogits(yPred, yTrue, sparse);
                }
                Tensor logits = inputOf(yPred, "softmax");
                return logits != null ? CrossEntropy.softmaxFromLogits(logits, yTrue, sparse)
                        : CrossEntropy.fromProbabilities(yPred, yTrue, sparse);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static Loss pointwise(String name, PointwiseLoss.Kind kind, float delta) {
        return new Loss() {
            @Override
            public Tensor compute(Tensor yPred, Tensor yTrue) {
                return PointwiseLoss.compute(kind, yPred, yTrue, delta);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** The input of {@code t} when {@code t} was produced by the op {@code op} (recorded), else null. */
    private static Tensor inputOf(Tensor t, String op) {
        return t.node() != null && t.node().op().equals(op) ? t.node().inputs()[0] : null;
    }
}
