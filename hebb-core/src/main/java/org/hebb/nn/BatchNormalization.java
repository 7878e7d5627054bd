package org.hebb.nn;

import org.hebb.ops.BatchNorm;
import org.hebb.tensor.Tensor;

/**
 * Batch normalization over the last (channel) axis, as Keras' {@code BatchNormalization()}:
 * {@code y = gamma * (x - mean) / sqrt(var + epsilon) + beta}.
 *
 * <p>In training, mean and variance are the batch's, per channel, and the moving averages are
 * updated: {@code moving = moving * momentum + batch * (1 - momentum)} (the batch variance is
 * the biased one, as in Keras). At inference the moving averages are used. Defaults as Keras:
 * momentum 0.99, epsilon 1e-3, gamma ones, beta zeros.
 *
 * <p>Shapes: input {@code [N, ..., C]} (NHWC images or {@code [N, C]}), output the same.
 * Parameters: gamma and beta {@code [C]} (trainable), moving_mean and moving_variance
 * {@code [C]} (buffers, saved but not trained): 4C in all, 2C trainable.
 */
public final class BatchNormalization extends Module {
    private final float momentum;
    private final float epsilon;
    private Tensor gamma;
    private Tensor beta;
    private Tensor movingMean;
    private Tensor movingVariance;

    /** Keras' defaults: momentum 0.99, epsilon 1e-3. */
    public BatchNormalization() {
        this(0.99f, 1e-3f);
    }

    /** Custom momentum in [0, 1) and epsilon > 0. */
    public BatchNormalization(float momentum, float epsilon) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1), got " + momentum);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization: epsilon must be > 0, got " + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    @Override
    protected void onBuild(int[] inputShape) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException(describe() + ": expected input [N, ..., C], got shape "
                    + batchShapeStr(inputShape));
        }
        int c = inputShape[inputShape.length - 1];
        gamma = addParameter("gamma", Tensor.of(filled(c, 1f), c), true, null);
        beta = addParameter("beta", Tensor.of(filled(c, 0f), c), true, null);
        movingMean = addParameter("moving_mean", Tensor.of(filled(c, 0f), c), false, null);
        movingVariance = addParameter("moving_variance", Tensor.of(filled(c, 1f), c), false, null);
    }

    @Override
    protected void onShapeMismatch(int[] batchShape) {
        // Any spatial size is fine; the channel count must match.
        if (batchShape.length < 2 || batchShape[batchShape.length - 1] != gamma.size()) {
            super.onShapeMismatch(batchShape);
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return forward(x, training, false);
    }

    /**
     * {@link #forward}, followed by a ReLU when {@code relu}: in training one op that applies the
     * ReLU in the same pass ({@link BatchNorm#training(Tensor, Tensor, Tensor, float, boolean)},
     * bit for bit the two layers' result). {@link org.hebb.train.Sequential} calls it for a
     * BatchNormalization directly followed by {@link Activation#RELU}.
     */
    public Tensor forward(Tensor x, boolean training, boolean relu) {
        buildIfNeeded(x);
        if (!training) {
            Tensor y = BatchNorm.inference(x, gamma, beta, movingMean.data(), movingVariance.data(), epsilon);
            return relu ? y.relu() : y;
        }
        BatchNorm.Result r = BatchNorm.training(x, gamma, beta, epsilon, relu);
        float[] mm = movingMean.data();
        float[] mv = movingVariance.data();
        for (int j = 0; j < mm.length; j++) {
            mm[j] = mm[j] * momentum + r.mean()[j] * (1 - momentum);
            mv[j] = mv[j] * momentum + r.variance()[j] * (1 - momentum);
        }
        return r.output();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        build(inputShape);
        return inputShape.clone();
    }

    /** The trainable scale {@code [C]}. */
    public Tensor gamma() {
        return gamma;
    }

    /** The trainable shift {@code [C]}. */
    public Tensor beta() {
        return beta;
    }

    /** The moving mean {@code [C]} used at inference. */
    public Tensor movingMean() {
        return movingMean;
    }

    /** The moving variance {@code [C]} used at inference. */
    public Tensor movingVariance() {
        return movingVariance;
    }

    /** {@code momentum} and {@code epsilon}. */
    @Override
    public java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = super.config();
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        return c;
    }

    @Override
    public String describe() {
        return "BatchNormalization(momentum=" + momentum + ", epsilon=" + epsilon + ")";
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
