package org.hebb.fundamentals;

import java.util.Random;

/**
 * The guide's perceptron: one neuron computing {@code y = f(sum_i w_i x_i + b)} with the step
 * function {@code f(s) = 1 if s >= 0 else 0}, trained by the perceptron learning rule
 * <pre>
 * error = target - predict(x)        // -1, 0 or +1
 * w += lr * error * x
 * b += lr * error
 * </pre>
 * The weights and the bias start as standard normal draws, weights first then bias, as the
 * guide's {@code np.random.randn(n_inputs)} then {@code np.random.randn()} (the same
 * distribution; {@link Random#nextGaussian()} does not give NumPy's numbers).
 *
 * <p>The rule converges whenever the two classes are linearly separable (AND, OR); when they
 * are not (XOR), no line separates them and the weights cycle for ever.
 *
 * <pre>{@code
 * var p = new Perceptron(2, 0.1, new Random(42));
 * for (int epoch = 0; epoch < 20; epoch++)
 *     for (int i = 0; i < 4; i++) p.train(x[i], and[i]);
 * p.predict(new double[] {1, 1});   // 1
 * }</pre>
 */
public final class Perceptron {
    private final double[] weights;
    private double bias;
    private final double lr;

    /**
     * A perceptron over {@code nInputs} inputs.
     *
     * @param nInputs number of inputs, at least 1
     * @param learningRate step of the learning rule (the guide's default is 0.01), finite and {@code > 0}
     * @param rng the generator of the initial weights and bias
     */
    public Perceptron(int nInputs, double learningRate, Random rng) {
        if (nInputs < 1) {
            throw new IllegalArgumentException("Perceptron: nInputs must be >= 1, got " + nInputs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Perceptron: learning rate must be finite and > 0, got " + learningRate);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Perceptron: a random generator is required for the initial weights");
        }
        this.weights = new double[nInputs];
        for (int i = 0; i < nInputs; i++) {
            weights[i] = rng.nextGaussian();
        }
        this.bias = rng.nextGaussian();
        this.lr = learningRate;
    }

    /** A perceptron with the guide's default learning rate 0.01. */
    public Perceptron(int nInputs, Random rng) {
        this(nInputs, 0.01, rng);
    }

    /** A copy of the weights {@code [nInputs]}. */
    public double[] weights() {
        return weights.clone();
    }

    /** The bias. */
    public double bias() {
        return bias;
    }

    /** The learning rate. */
    public double learningRate() {
        return lr;
    }

    /** Replaces the weights (copied; length {@code nInputs}) and the bias. */
    public void setWeights(double[] w, double b) {
        Matrices.requireLength("Perceptron.setWeights", w, weights.length);
        System.arraycopy(w, 0, weights, 0, w.length);
        this.bias = b;
    }

    /** The step function: 1 if {@code x >= 0}, else 0. */
    public int activation(double x) {
        return x >= 0 ? 1 : 0;
    }

    /** Forward pass: {@code activation(inputs · weights + bias)}, 0 or 1. */
    public int predict(double[] inputs) {
        Matrices.requireLength("Perceptron.predict", inputs, weights.length);
        double dot = 0;
        for (int i = 0; i < weights.length; i++) {
            dot += inputs[i] * weights[i];
        }
        double summation = dot + bias;
        return activation(summation);
    }

    /**
     * One training step on one example: predicts, then moves the weights by
     * {@code lr * error * inputs} and the bias by {@code lr * error}.
     *
     * @param target the desired output, 0 or 1
     * @return the error {@code target - prediction} (before the update): -1, 0 or 1
     */
    public int train(double[] inputs, int target) {
        if (target != 0 && target != 1) {
            throw new IllegalArgumentException("Perceptron.train: target must be 0 or 1, got " + target);
        }
        int prediction = predict(inputs);
        int error = target - prediction;
        for (int i = 0; i < weights.length; i++) {
            weights[i] += lr * error * inputs[i];
        }
        bias += lr * error;
        return error;
    }
}
