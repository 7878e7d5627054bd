package org.hebb.ops;

import org.hebb.kernels.Reductions;
import org.hebb.tensor.Tensor;

/**
 * Reductions: sums, means, extremes and variances over all elements or over given axes.
 * The gradient of a sum spreads the output gradient back to every element that was summed.
 */
public final class Reduce {
    private Reduce() {}

    /** Sum of all elements, as a scalar; the gradient is {@code g} everywhere. */
    public static Tensor sumAll(Tensor x) {
        float s = Reductions.sum(x.data(), 0, x.size());
        int n = x.size();
        return Tensor.fromOp("sum", new float[] {s}, new int[0], g -> {
            float[] gx = new float[n];
            java.util.Arrays.fill(gx, g[0]);
            return new float[][] {gx};
        }, x);
    }
}
