package org.hebb.fundamentals;

/**
 * The guide's activation functions and their derivatives, elementwise on a number, a vector
 * or a matrix (softmax row by row):
 *
 * <table>
 *   <caption>Activation functions</caption>
 *   <tr><th>function</th><th>formula</th><th>range</th><th>derivative</th></tr>
 *   <tr><td>sigmoid</td><td>1 / (1 + e^-x), x clipped to [-500, 500]</td><td>(0, 1)</td><td>s(1 - s)</td></tr>
 *   <tr><td>tanh</td><td>tanh(x)</td><td>(-1, 1)</td><td>1 - tanh(x)^2</td></tr>
 *   <tr><td>relu</td><td>max(0, x)</td><td>[0, inf)</td><td>1 if x &gt; 0 else 0 (0 at x = 0, as the guide's backward)</td></tr>
 *   <tr><td>softmax</td><td>e^(x_i - max x) / sum_j e^(x_j - max x)</td><td>(0, 1), rows sum to 1</td><td>Jacobian p_i (δ_ij - p_j)</td></tr>
 * </table>
 *
 * <p>The clip in {@code sigmoid} is the guide's: it keeps NumPy's {@code exp} from overflowing
 * with a warning. Java's {@code Math.exp(1000)} is a silent infinity and {@code 1 / (1 + inf)}
 * is 0, so here the clip only shows in the values: below -500 the sigmoid stays at
 * {@code sigmoid(-500) ≈ 7.1e-218} rather than decaying to 0. Subtracting the row maximum in {@code softmax} matters in any
 * language: without it {@code softmax([1000, 1001])} is {@code inf / inf = NaN}.
 */
public final class Activations {
    private Activations() {}

    // ------------------------------------------------------------------ sigmoid

    /** {@code 1 / (1 + exp(-clip(x, -500, 500)))}. */
    public static double sigmoid(double x) {
        double c = Math.max(-500, Math.min(500, x));
        return 1 / (1 + Math.exp(-c));
    }

    /** Sigmoid of each element, in a new array. */
    public static double[] sigmoid(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = sigmoid(x[i]);
        }
        return y;
    }

    /** Sigmoid of each element, in a new matrix. */
    public static double[][] sigmoid(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = sigmoid(x[i]);
        }
        return y;
    }

    /** {@code sigmoid'(x) = s (1 - s)} with {@code s = sigmoid(x)}; at most 1/4, at x = 0. */
    public static double sigmoidDerivative(double x) {
        double s = sigmoid(x);
        return s * (1 - s);
    }

    // ------------------------------------------------------------------ tanh

    /** {@code tanh(x)}. */
    public static double tanh(double x) {
        return Math.tanh(x);
    }

    /** tanh of each element, in a new array. */
    public static double[] tanh(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return y;
    }

    /** tanh of each element, in a new matrix. */
    public static double[][] tanh(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = tanh(x[i]);
        }
        return y;
    }

    /** {@code tanh'(x) = 1 - tanh(x)^2}; at most 1, at x = 0. */
    public static double tanhDerivative(double x) {
        double t = Math.tanh(x);
        return 1 - t * t;
    }

    // ------------------------------------------------------------------ relu

    /** {@code max(0, x)} ({@code np.maximum(0, x)}: NaN stays NaN). */
    public static double relu(double x) {
        return Double.isNaN(x) ? x : Math.max(0, x);
    }

    /** ReLU of each element, in a new array. */
    public static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = relu(x[i]);
        }
        return y;
    }

    /** ReLU of each element, in a new matrix. */
    public static double[][] relu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = relu(x[i]);
        }
        return y;
    }

    /** {@code relu'(x) = 1 if x > 0 else 0} (the value at the kink, x = 0, is taken as 0). */
    public static double reluDerivative(double x) {
        return x > 0 ? 1 : 0;
    }

    // ------------------------------------------------------------------ softmax

    /**
     * {@code exp(x - max(x)) / sum(exp(x - max(x)))} over one row: positive numbers summing to 1,
     * in a new array. The row must not be empty.
     */
    public static double[] softmax(double[] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("softmax: expected at least one value, got "
                    + (x == null ? "null" : "an empty row"));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double[] e = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            e[i] = Math.exp(x[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < x.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    /** Softmax of each row ({@code axis=-1}), in a new matrix. */
    public static double[][] softmax(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = softmax(x[i]);
        }
        return y;
    }

    /**
     * The Jacobian of softmax at {@code x}: {@code J[i][j] = d p_i / d x_j = p_i (δ_ij - p_j)}.
     * Its diagonal {@code p_i (1 - p_i)} is the sigmoid's derivative in softmax form.
     */
    public static double[][] softmaxJacobian(double[] x) {
        double[] p = softmax(x);
        double[][] j = new double[p.length][p.length];
        for (int a = 0; a < p.length; a++) {
            for (int b = 0; b < p.length; b++) {
                j[a][b] = p[a] * ((a == b ? 1 : 0) - p[b]);
            }
        }
        return j;
    }
}
