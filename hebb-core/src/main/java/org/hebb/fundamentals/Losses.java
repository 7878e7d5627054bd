package org.hebb.fundamentals;

/**
 * The guide's table of loss functions, averaged over the samples of a batch, with their
 * gradients with respect to the predictions:
 *
 * <table>
 *   <caption>Loss functions</caption>
 *   <tr><th>task</th><th>loss</th><th>per sample</th><th>gradient (of the batch mean)</th></tr>
 *   <tr><td>binary classification</td><td>binary cross-entropy</td><td>-[y log p + (1 - y) log(1 - p)]</td>
 *       <td>(p - y) / (p (1 - p)) / n</td></tr>
 *   <tr><td>multi-class</td><td>categorical cross-entropy</td><td>-sum_i y_i log p_i</td><td>-y_i / p_i / m</td></tr>
 *   <tr><td>regression</td><td>mean squared error</td><td>(y - ŷ)^2, averaged over all n values</td>
 *       <td>2 (ŷ - y) / n</td></tr>
 * </table>
 *
 * <p>The formulas are the guide's, without clipping: a confident wrong prediction
 * ({@code p = 0} where {@code y = 1}) costs {@code +infinity}. A term whose factor is zero
 * ({@code y_i = 0}, or {@code 1 - y = 0}) is left out, which is its limit ({@code 0 log 0 = 0}).
 * Keras (and {@code org.hebb.losses}) clip probabilities to {@code [1e-7, 1 - 1e-7]} instead, so
 * the two agree wherever predictions stay inside that interval.
 */
public final class Losses {
    private Losses() {}

    // ------------------------------------------------------------------ binary cross-entropy

    /**
     * Binary cross-entropy {@code mean(-[y log p + (1 - y) log(1 - p)])} over {@code n}
     * predictions {@code p} in [0, 1] and targets {@code y} in [0, 1] (usually 0 or 1).
     */
    public static double binaryCrossEntropy(double[] yTrue, double[] p) {
        check("binaryCrossEntropy", yTrue, p, true);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double y = yTrue[i];
            double term = 0;
            if (y != 0) {
                term += y * Math.log(p[i]);
            }
            if (y != 1) {
                term += (1 - y) * Math.log(1 - p[i]);
            }
            sum -= term;
        }
        return sum / p.length;
    }

    /** d binaryCrossEntropy / d p_i = {@code (p_i - y_i) / (p_i (1 - p_i)) / n}. */
    public static double[] binaryCrossEntropyGradient(double[] yTrue, double[] p) {
        check("binaryCrossEntropyGradient", yTrue, p, true);
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double y = yTrue[i];
            double d = 0;
            if (y != 0) {
                d -= y / p[i];
            }
            if (y != 1) {
                d += (1 - y) / (1 - p[i]);
            }
            g[i] = d / p.length;
        }
        return g;
    }

    // ------------------------------------------------------------------ categorical cross-entropy

    /**
     * Categorical cross-entropy {@code mean over rows of -sum_i y_i log p_i} for predictions
     * {@code p [m, K]} (rows of probabilities, e.g. softmax outputs) and one-hot targets
     * {@code y [m, K]}.
     */
    public static double categoricalCrossEntropy(double[][] yTrue, double[][] p) {
        int k = checkMatrices("categoricalCrossEntropy", yTrue, p);
        double sum = 0;
        for (int r = 0; r < p.length; r++) {
            for (int i = 0; i < k; i++) {
                if (yTrue[r][i] != 0) {
                    sum -= yTrue[r][i] * Math.log(p[r][i]);
                }
            }
        }
        return sum / p.length;
    }

    /**
     * d categoricalCrossEntropy / d p = {@code -y / p / m}, elementwise. Taken through the
     * softmax that produced {@code p}, it becomes the simple {@code (p - y) / m} with respect to
     * the logits, the {@code delta} of {@link NeuralNetwork}'s backward pass.
     */
    public static double[][] categoricalCrossEntropyGradient(double[][] yTrue, double[][] p) {
        int k = checkMatrices("categoricalCrossEntropyGradient", yTrue, p);
        double[][] g = new double[p.length][k];
        for (int r = 0; r < p.length; r++) {
            for (int i = 0; i < k; i++) {
                g[r][i] = yTrue[r][i] == 0 ? 0 : -yTrue[r][i] / p[r][i] / p.length;
            }
        }
        return g;
    }

    // ------------------------------------------------------------------ mean squared error

    /** Mean squared error {@code (1/n) sum (y - ŷ)^2} over {@code n} values. */
    public static double meanSquaredError(double[] yTrue, double[] yPred) {
        check("meanSquaredError", yTrue, yPred, false);
        double sum = 0;
        for (int i = 0; i < yPred.length; i++) {
            double d = yTrue[i] - yPred[i];
            sum += d * d;
        }
        return sum / yPred.length;
    }

    /** Mean squared error over every element of two matrices of the same shape. */
    public static double meanSquaredError(double[][] yTrue, double[][] yPred) {
        int k = checkMatrices("meanSquaredError", yTrue, yPred);
        double sum = 0;
        for (int r = 0; r < yPred.length; r++) {
            for (int i = 0; i < k; i++) {
                double d = yTrue[r][i] - yPred[r][i];
                sum += d * d;
            }
        }
        return sum / ((double) yPred.length * k);
    }

    /** d meanSquaredError / d ŷ_i = {@code 2 (ŷ_i - y_i) / n}. */
    public static double[] meanSquaredErrorGradient(double[] yTrue, double[] yPred) {
        check("meanSquaredErrorGradient", yTrue, yPred, false);
        double[] g = new double[yPred.length];
        for (int i = 0; i < yPred.length; i++) {
            g[i] = 2 * (yPred[i] - yTrue[i]) / yPred.length;
        }
        return g;
    }

    // ------------------------------------------------------------------ checks

    private static void check(String what, double[] yTrue, double[] pred, boolean probabilities) {
        if (yTrue == null || pred == null) {
            throw new IllegalArgumentException(what + ": targets and predictions are required");
        }
        if (pred.length == 0 || yTrue.length != pred.length) {
            throw new IllegalArgumentException(what + ": expected targets and predictions of the same non-zero length, got "
                    + yTrue.length + " and " + pred.length);
        }
        if (probabilities) {
            for (int i = 0; i < pred.length; i++) {
                requireProbability(what, "prediction", pred[i], i);
                requireProbability(what, "target", yTrue[i], i);
            }
        }
    }

    private static int checkMatrices(String what, double[][] yTrue, double[][] pred) {
        if (yTrue == null || pred == null) {
            throw new IllegalArgumentException(what + ": targets and predictions are required");
        }
        int k = Matrices.requireRectangular(what + " (predictions)", pred);
        Matrices.requireShape(what + " (targets " + Matrices.shape(yTrue) + " vs predictions "
                + Matrices.shape(pred) + ")", yTrue, pred.length, k);
        if (what.startsWith("categorical")) {
            for (int r = 0; r < pred.length; r++) {
                for (int i = 0; i < k; i++) {
                    requireProbability(what, "prediction", pred[r][i], r * k + i);
                }
            }
        }
        return k;
    }

    private static void requireProbability(String what, String kind, double v, int index) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + ": expected a " + kind + " in [0, 1], got " + v
                    + " at index " + index);
        }
    }
}
