package org.hebb.fundamentals;

import java.util.Arrays;

/**
 * The guide's Adam (Kingma &amp; Ba, 2015). Each {@code update} is one step {@code t += 1}:
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * m_hat = m / (1 - beta1^t)
 * v_hat = v / (1 - beta2^t)
 * w_new = w - lr * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 * with {@code m} and {@code v} starting at zeros of the gradient's shape. Defaults are the
 * guide's: {@code lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8} (Keras uses 1e-7).
 *
 * <p><b>One instance per parameter array.</b> The state {@code (m, v, t)} belongs to the one
 * array it was created for; the guide's class has the same single state but does not say so.
 * A network with weights and biases in four layers needs eight instances. Giving this instance
 * an array of another shape fails (in the guide, NumPy would broadcast or fail; with equal
 * shapes it would silently mix the moments of two parameters and count two steps per batch).
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m;
    private double[] v;
    private int[] shape;
    private int t;

    /**
     * @param learningRate the step, finite and {@code > 0}
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param epsilon added to {@code sqrt(v_hat)}, finite and {@code > 0}
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam: epsilon must be finite and > 0, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** The given learning rate with the guide's other defaults. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /** The guide's defaults: {@code lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8}. */
    public Adam() {
        this(0.001);
    }

    /** The number of steps taken ({@code t}). */
    public int t() {
        return t;
    }

    /** A copy of the first moment, flattened row by row, or {@code null} before the first step. */
    public double[] m() {
        return m == null ? null : m.clone();
    }

    /** A copy of the second moment, flattened row by row, or {@code null} before the first step. */
    public double[] v() {
        return v == null ? null : v.clone();
    }

    /** One Adam step for a parameter vector; returns the new weights in a new array. */
    @Override
    public double[] update(double[] w, double[] g) {
        requireSameLength(w, g);
        return step(w, g, new int[] {w.length});
    }

    /** One Adam step for a parameter matrix; returns the new weights in a new matrix. */
    @Override
    public double[][] update(double[][] w, double[][] g) {
        int cols = requireSameShape(w, g);
        int rows = w.length;
        double[] flatW = new double[rows * cols];
        double[] flatG = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w[r], 0, flatW, r * cols, cols);
            System.arraycopy(g[r], 0, flatG, r * cols, cols);
        }
        double[] out = step(flatW, flatG, new int[] {rows, cols});
        double[][] result = new double[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(out, r * cols, (r + 1) * cols);
        }
        return result;
    }

    private double[] step(double[] w, double[] g, int[] gShape) {
        if (m == null) {
            m = new double[g.length];
            v = new double[g.length];
            shape = gShape;
        } else if (!Arrays.equals(shape, gShape)) {
            throw new IllegalArgumentException("Adam.update: this instance keeps the state (m, v, t) of a parameter of shape "
                    + Arrays.toString(shape) + ", got one of shape " + Arrays.toString(gShape)
                    + "; use one Adam per parameter array");
        }
        t += 1;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double mHat = m[i] / c1;
            double vHat = v[i] / c2;
            out[i] = w[i] - lr * mHat / (Math.sqrt(vHat) + epsilon);
        }
        return out;
    }
}
