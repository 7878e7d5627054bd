package org.hebb.fundamentals;

/**
 * The guide's optimizer base: a learning rate and an {@code update} that returns new weights
 * from the current weights and their gradients (the arrays passed in are not modified, as
 * {@code weights - lr * gradients} in NumPy makes a new array).
 */
public abstract class Optimizer {
    /** The learning rate. */
    protected final double lr;

    /** An optimizer with learning rate {@code learningRate}, finite and {@code > 0}. */
    protected Optimizer(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and > 0, got "
                    + learningRate);
        }
        this.lr = learningRate;
    }

    /** The learning rate. */
    public double learningRate() {
        return lr;
    }

    /** The new weights after one step, for weights {@code w} and gradients {@code g} of the same length. */
    public abstract double[] update(double[] w, double[] g);

    /** The new weights after one step, for a weight matrix {@code w} and gradients {@code g} of the same shape. */
    public abstract double[][] update(double[][] w, double[][] g);

    /** Checks that {@code w} and {@code g} have the same length. */
    protected final void requireSameLength(double[] w, double[] g) {
        if (w == null || g == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".update: weights and gradients are required");
        }
        if (w.length != g.length) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".update: weights have " + w.length
                    + " values but gradients " + g.length);
        }
    }

    /** Checks that {@code w} and {@code g} are rectangular and of the same shape; returns the column count. */
    protected final int requireSameShape(double[][] w, double[][] g) {
        String who = getClass().getSimpleName() + ".update";
        if (w == null || g == null) {
            throw new IllegalArgumentException(who + ": weights and gradients are required");
        }
        int cols = Matrices.requireRectangular(who + " (weights)", w);
        Matrices.requireShape(who + " (gradients " + Matrices.shape(g) + " for weights " + Matrices.shape(w) + ")",
                g, w.length, cols);
        return cols;
    }
}
