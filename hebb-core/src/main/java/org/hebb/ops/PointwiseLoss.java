package org.hebb.ops;

import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Regression losses as single ops: the mean over all elements of a function of the error
 * {@code d = pred - target} (shapes must match in size).
 * <ul>
 *   <li>mean squared error: {@code d^2}, gradient {@code 2d / n}</li>
 *   <li>mean absolute error: {@code |d|}, gradient {@code sign(d) / n} (0 at d = 0)</li>
 *   <li>Huber(delta): {@code d^2/2} if {@code |d| <= delta}, else {@code delta (|d| - delta/2)};
 *       gradient {@code clamp(d, -delta, delta) / n}</li>
 * </ul>
 */
public final class PointwiseLoss {
    /** The three losses. */
    public enum Kind { MSE, MAE, HUBER }

    private PointwiseLoss() {}

    /** The mean loss of {@code kind} ({@code delta} is used by Huber only). */
    public static Tensor compute(Kind kind, Tensor pred, Tensor target, float delta) {
        if (pred.size() != target.size()) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + ": targets of shape "
                    + Shapes.str(target.shape()) + " do not fit predictions of shape " + Shapes.str(pred.shape()));
        }
        float[] p = pred.data();
        float[] t = target.data();
        int n = p.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) p[i] - t[i];
            double a = Math.abs(d);
            total += switch (kind) {
                case MSE -> d * d;
                case MAE -> a;
                case HUBER -> a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
            };
        }
        return Tensor.fromOp(kind.name().toLowerCase(), new float[] {(float) (total / n)}, new int[0], g -> {
            float scale = g[0] / n;
            float[] dp = new float[n];
            for (int i = 0; i < n; i++) {
                float d = p[i] - t[i];
                dp[i] = scale * switch (kind) {
                    case MSE -> 2f * d;
                    case MAE -> Math.signum(d);
                    case HUBER -> Math.max(-delta, Math.min(delta, d));
                };
            }
            return new float[][] {dp, null};
        }, pred, target);
    }
}
