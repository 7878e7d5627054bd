package org.hebb.ops;

import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Cross-entropy losses as single ops, each averaged over the samples (a scalar result).
 *
 * <p><b>Softmax cross-entropy from logits</b> (rows of {@code [N, K]}, or {@code [..., K]}):
 * {@code loss_i = logsumexp(z_i) - z_i[y_i]} for sparse labels {@code y} of shape {@code [N]}
 * (class indices), or {@code sum_k t_ik (logsumexp(z_i) - z_ik)} for target rows {@code t}
 * of the logits' shape. Computed max-subtracted, so any finite logits give a finite loss.
 * Gradient: {@code (softmax(z_i) * sum_k t_ik - t_i) / N} — for one-hot targets the famous
 * {@code (p - y) / N}.
 *
 * <p><b>From probabilities</b> ({@link #fromProbabilities}): Keras' form, the probabilities
 * clipped to {@code [eps, 1 - eps]} with eps = 1e-7: {@code loss_i = -sum_k t_ik log(p_ik)}.
 * The gradient is {@code -t / p / N} where p is not clipped, 0 where it is.
 *
 * <p><b>Binary</b>: from logits, {@code max(z, 0) - z*y + log(1 + e^-|z|)} (stable);
 * from probabilities, {@code -(y log p + (1-y) log(1-p))} with p clipped as above. Averaged over
 * all elements.
 */
public final class CrossEntropy {
    /** Keras' clipping epsilon for probabilities. */
    public static final float EPSILON = 1e-7f;

    private CrossEntropy() {}

    /** Softmax cross-entropy from logits {@code [..., K]} against sparse labels or target rows. */
    public static Tensor softmaxFromLogits(Tensor logits, Tensor target, boolean sparse) {
        int k = checkShapes("softmax_cross_entropy", logits, target, sparse);
        int rows = logits.size() / k;
        float[] z = logits.data();
        float[] t = target.data();
        double[] lse = new double[rows];
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            float m = z[o];
            for (int j = 1; j < k; j++) m = Math.max(m, z[o + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(z[o + j] - m);
            lse[i] = m + Math.log(s);
            if (sparse) {
                int y = label(t[i], k, i);
                total += lse[i] - z[o + y];
            } else {
                double r = 0;
                for (int j = 0; j < k; j++) r += t[o + j] * (double) (lse[i] - z[o + j]);
                total += r;
            }
        }
        float loss = (float) (total / rows);
        return Tensor.fromOp("softmax_cross_entropy", new float[] {loss}, new int[0], g -> {
            float scale = g[0] / rows;
            float[] dz = new float[z.length];
            for (int i = 0; i < rows; i++) {
                int o = i * k;
                float tSum = 1f;
                if (!sparse) {
                    tSum = 0f;
                    for (int j = 0; j < k; j++) tSum += t[o + j];
                }
                for (int j = 0; j < k; j++) {
                    float p = (float) Math.exp(z[o + j] - lse[i]);
                    dz[o + j] = scale * (p * tSum - (sparse ? 0f : t[o + j]));
                }
                if (sparse) {
                    dz[o + Math.round(t[i])] -= scale;
                }
            }
            return new float[][] {dz, null};
        }, logits, target);
    }

    /**
     * Label smoothing (Szegedy et al. 2016, PyTorch's and Keras' {@code label_smoothing}): the
     * target rows {@code (1 - eps) * onehot(y) + eps / K} for sparse labels {@code y}, shaped
     * like {@code predictions} ({@code [..., K]}); the dense cross-entropy against them is
     * {@code (1 - eps) * CE(y) + eps * mean_k(-log p_k)}.
     *
     * @throws IllegalArgumentException if eps is not in {@code [0, 1)}, the labels do not fit
     *     the predictions, or a label is not a class index
     */
    public static Tensor smoothedTargets(Tensor predictions, Tensor labels, float eps) {
        if (!(eps >= 0f && eps < 1f)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + eps);
        }
        int k = checkShapes("label_smoothing", predictions, labels, true);
        int rows = predictions.size() / k;
        float[] y = labels.data();
        float[] t = new float[rows * k];
        float off = eps / k;
        java.util.Arrays.fill(t, off);
        for (int i = 0; i < rows; i++) {
            t[i * k + label(y[i], k, i)] = 1f - eps + off;
        }
        return Tensor.of(t, predictions.shape());
    }

    /** Categorical cross-entropy from probabilities {@code [..., K]} (clipped), sparse labels or target rows. */
    public static Tensor fromProbabilities(Tensor probs, Tensor target, boolean sparse) {
        int k = checkShapes("categorical_cross_entropy", probs, target, sparse);
        int rows = probs.size() / k;
        float[] p = probs.data();
        float[] t = target.data();
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            if (sparse) {
                total -= Math.log(clip(p[o + label(t[i], k, i)]));
            } else {
                for (int j = 0; j < k; j++) {
                    if (t[o + j] != 0f) total -= t[o + j] * Math.log(clip(p[o + j]));
                }
            }
        }
        float loss = (float) (total / rows);
        return Tensor.fromOp("categorical_cross_entropy", new float[] {loss}, new int[0], g -> {
            float scale = g[0] / rows;
            float[] dp = new float[p.length];
            for (int i = 0; i < rows; i++) {
                int o = i * k;
                for (int j = 0; j < k; j++) {
                    float tj = sparse ? (Math.round(t[i]) == j ? 1f : 0f) : t[o + j];
                    float pj = p[o + j];
                    if (tj != 0f && pj > EPSILON && pj < 1f - EPSILON) {
                        dp[o + j] = -scale * tj / pj;
                    }
                }
            }
            return new float[][] {dp, null};
        }, probs, target);
    }

    /** Binary cross-entropy from logits, elementwise against targets of the same size, averaged. */
    public static Tensor binaryFromLogits(Tensor logits, Tensor target) {
        checkSameSize("binary_cross_entropy", logits, target);
        float[] z = logits.data();
        float[] y = target.data();
        int n = z.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Math.max(z[i], 0f) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return Tensor.fromOp("binary_cross_entropy_logits", new float[] {(float) (total / n)}, new int[0], g -> {
            float scale = g[0] / n;
            float[] dz = new float[n];
            for (int i = 0; i < n; i++) {
                dz[i] = scale * (sigmoid(z[i]) - y[i]);
            }
            return new float[][] {dz, null};
        }, logits, target);
    }

    /** Binary cross-entropy from probabilities (clipped), averaged over all elements. */
    public static Tensor binaryFromProbabilities(Tensor probs, Tensor target) {
        checkSameSize("binary_cross_entropy", probs, target);
        float[] p = probs.data();
        float[] y = target.data();
        int n = p.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double c = clip(p[i]);
            total -= y[i] * Math.log(c) + (1 - y[i]) * Math.log(1 - c);
        }
        return Tensor.fromOp("binary_cross_entropy", new float[] {(float) (total / n)}, new int[0], g -> {
            float scale = g[0] / n;
            float[] dp = new float[n];
            for (int i = 0; i < n; i++) {
                float pi = p[i];
                if (pi > EPSILON && pi < 1f - EPSILON) {
                    dp[i] = scale * (-y[i] / pi + (1 - y[i]) / (1 - pi));
                }
            }
            return new float[][] {dp, null};
        }, probs, target);
    }

    static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    private static double clip(float p) {
        return Math.min(Math.max(p, EPSILON), 1f - EPSILON);
    }

    private static int label(float v, int k, int row) {
        int y = Math.round(v);
        if (y < 0 || y >= k || y != v) {
            throw new IllegalArgumentException("sparse cross-entropy: label " + v + " at row " + row
                    + " is not a class index in [0, " + k + ")");
        }
        return y;
    }

    private static int checkShapes(String op, Tensor pred, Tensor target, boolean sparse) {
        int[] ps = pred.shape();
        int[] ts = target.shape();
        if (ps.length < 1 || ps[ps.length - 1] < 1) {
            throw new IllegalArgumentException(op + ": predictions must have a class axis, got shape " + Shapes.str(ps));
        }
        int k = ps[ps.length - 1];
        boolean ok;
        if (sparse) {
            int rows = pred.size() / k;
            ok = target.size() == rows && (ts.length == ps.length - 1
                    || (ts.length == ps.length && ts[ts.length - 1] == 1));
        } else {
            ok = java.util.Arrays.equals(ps, ts);
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": " + (sparse ? "sparse labels" : "targets") + " of shape "
                    + Shapes.str(ts) + " do not fit predictions of shape " + Shapes.str(ps)
                    + (sparse ? " (expected one class index per row)" : " (expected the same shape)"));
        }
        return k;
    }

    private static void checkSameSize(String op, Tensor pred, Tensor target) {
        if (pred.size() != target.size()) {
            throw new IllegalArgumentException(op + ": targets of shape " + Shapes.str(target.shape())
                    + " do not fit predictions of shape " + Shapes.str(pred.shape()));
        }
    }
}
