package org.hebb.fundamentals;

/**
 * The guide's plain stochastic gradient descent: {@code w_new = w - lr * g}. It has no state,
 * so one instance may update any number of parameter arrays.
 */
public final class SGD extends Optimizer {

    /** SGD with learning rate {@code learningRate}, finite and {@code > 0}. */
    public SGD(double learningRate) {
        super(learningRate);
    }

    /** SGD with the guide's default learning rate 0.01. */
    public SGD() {
        this(0.01);
    }

    /** {@code w - lr * g}, in a new array. */
    @Override
    public double[] update(double[] w, double[] g) {
        requireSameLength(w, g);
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] - lr * g[i];
        }
        return out;
    }

    /** {@code w - lr * g}, in a new matrix. */
    @Override
    public double[][] update(double[][] w, double[][] g) {
        requireSameShape(w, g);
        double[][] out = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            out[r] = update(w[r], g[r]);
        }
        return out;
    }
}
