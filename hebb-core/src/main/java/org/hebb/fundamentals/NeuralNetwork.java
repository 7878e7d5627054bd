package org.hebb.fundamentals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The guide's multilayer perceptron: fully connected layers of the given sizes, ReLU on the
 * hidden layers, softmax on the output, trained by backpropagation of the categorical
 * cross-entropy with plain gradient descent.
 *
 * <pre>{@code
 * var net = new NeuralNetwork(784, 128, 64, 10);
 * double[][] p = net.forward(x);          // x [m, 784] -> p [m, 10], rows sum to 1
 * net.backward(x, yOneHot, 0.01);         // one gradient step on this batch
 * }</pre>
 *
 * <p><b>Shapes.</b> For layer sizes {@code [n0, n1, ..., nL]}, layer {@code i} (0-based) has
 * weights {@code [n_i, n_(i+1)]} and biases {@code [n_(i+1)]}; a batch is {@code [m, n0]} and
 * the output {@code [m, nL]}. Layer {@code i} computes {@code z = a_i · W_i + b_i} and
 * {@code a_(i+1) = relu(z)} (hidden) or {@code softmax(z)} (last).
 *
 * <p><b>Initialization.</b> {@code W_i = randn(n_i, n_(i+1)) * sqrt(2 / n_i)}, {@code b_i = 0},
 * drawn row by row from the generator. The guide calls this "Xavier initialization"; it is
 * <b>He</b> (Kaiming) initialization, the variance {@code 2 / fan_in} that keeps ReLU activations
 * from shrinking layer after layer (He et al., 2015). Xavier/Glorot initialization is
 * {@code sqrt(2 / (fan_in + fan_out))}, made for tanh and sigmoid.
 *
 * <p><b>Backward pass.</b> With {@code delta = p - y} (the gradient of the mean categorical
 * cross-entropy with respect to the output pre-activations, softmax and loss taken together)
 * and going down from the last layer:
 * <pre>
 * dW_i = a_i.T · delta / m
 * db_i = mean(delta, axis=0)
 * delta = (delta · W_i.T) * (a_i &gt; 0)        // for i &gt; 0: the ReLU derivative
 * </pre>
 * <b>Erratum.</b> The guide updates {@code W_i} <em>before</em> computing the next
 * {@code delta}, so the error reaches the layers below through the already-updated weights
 * {@code W_i - lr * dW_i}. That is not the gradient of the loss: the chain rule takes
 * {@code dL/da_i = delta · W_i.T} at the weights that produced the output. The difference is
 * {@code lr * delta · dW_i.T}: small for small learning rates, yet wrong, and it makes the
 * guide's update disagree with every autograd framework. {@link #backward} first computes
 * every gradient with the weights of the forward pass ({@link #gradients}), then updates.
 *
 * <p>Not thread-safe: {@link #forward} keeps the activations for the next {@link #backward}.
 */
public final class NeuralNetwork {
    private final int[] layers;
    private final double[][][] weights;
    private final double[][] biases;
    private final List<double[][]> activations = new ArrayList<>();

    /** The gradients of the loss with respect to every layer's weights {@code dw[i]} and biases {@code db[i]}. */
    public record Gradients(double[][][] dw, double[][] db) {
        /** The weight gradient of layer {@code i}, {@code [n_i, n_(i+1)]} (the array itself). */
        public double[][] dw(int i) {
            return dw[i];
        }

        /** The bias gradient of layer {@code i}, {@code [n_(i+1)]} (the array itself). */
        public double[] db(int i) {
            return db[i];
        }
    }

    /**
     * A network of the given layer sizes (at least two: inputs and outputs), initialized from
     * {@code new Random(42)} — the same weights every time; pass a generator for others.
     */
    public NeuralNetwork(int... layers) {
        this(new Random(42), layers);
    }

    /** A network of the given layer sizes whose He-initialized weights draw from {@code rng}. */
    public NeuralNetwork(Random rng, int... layers) {
        if (rng == null) {
            throw new IllegalArgumentException("NeuralNetwork: a random generator is required for the initial weights");
        }
        if (layers == null || layers.length < 2) {
            throw new IllegalArgumentException("NeuralNetwork: expected at least 2 layer sizes (inputs, outputs), got "
                    + Arrays.toString(layers));
        }
        for (int n : layers) {
            if (n < 1) {
                throw new IllegalArgumentException("NeuralNetwork: layer sizes must be >= 1, got " + Arrays.toString(layers));
            }
        }
        this.layers = layers.clone();
        int count = layers.length - 1;
        this.weights = new double[count][][];
        this.biases = new double[count][];
        for (int i = 0; i < count; i++) {
            double scale = Math.sqrt(2.0 / layers[i]);
            double[][] w = new double[layers[i]][layers[i + 1]];
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rng.nextGaussian() * scale;
                }
            }
            weights[i] = w;
            biases[i] = new double[layers[i + 1]];
        }
    }

    /** The layer sizes, inputs first. */
    public int[] layers() {
        return layers.clone();
    }

    /** The number of weight layers ({@code layers().length - 1}). */
    public int depth() {
        return weights.length;
    }

    /** A copy of layer {@code i}'s weights, {@code [n_i, n_(i+1)]}. */
    public double[][] weights(int i) {
        return Matrices.copy(weights[checkLayer(i)]);
    }

    /** A copy of layer {@code i}'s biases, {@code [n_(i+1)]}. */
    public double[] biases(int i) {
        return biases[checkLayer(i)].clone();
    }

    /** Replaces layer {@code i}'s weights with a copy of {@code w}, which must be {@code [n_i, n_(i+1)]}. */
    public void setWeights(int i, double[][] w) {
        checkLayer(i);
        Matrices.requireShape("NeuralNetwork.setWeights(" + i + ")", w, layers[i], layers[i + 1]);
        weights[i] = Matrices.copy(w);
    }

    /** Replaces layer {@code i}'s biases with a copy of {@code b}, which must have {@code n_(i+1)} values. */
    public void setBiases(int i, double[] b) {
        checkLayer(i);
        Matrices.requireLength("NeuralNetwork.setBiases(" + i + ")", b, layers[i + 1]);
        biases[i] = b.clone();
    }

    /**
     * Forward propagation of a batch {@code x [m, n0]}: returns the softmax outputs
     * {@code [m, nL]} (a new array) and keeps every layer's activations, {@code x} first, for
     * {@link #backward}.
     */
    public double[][] forward(double[][] x) {
        Matrices.requireShape("NeuralNetwork.forward", x, -1, layers[0]);
        activations.clear();
        activations.add(Matrices.copy(x));
        for (int i = 0; i < weights.length; i++) {
            double[][] z = Matrices.dot(activations.get(activations.size() - 1), weights[i]);
            for (double[] row : z) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += biases[i][j];
                }
            }
            // ReLU for hidden layers, softmax for the output.
            double[][] a = i < weights.length - 1 ? Activations.relu(z) : Activations.softmax(z);
            activations.add(a);
        }
        return Matrices.copy(activations.get(activations.size() - 1));
    }

    /** Copies of the activations of the last {@link #forward}: {@code x}, each hidden layer, the output. */
    public List<double[][]> activations() {
        List<double[][]> out = new ArrayList<>();
        for (double[][] a : activations) {
            out.add(Matrices.copy(a));
        }
        return out;
    }

    /** The predicted class of each row of {@code x}: the arg-max of {@link #forward} (which it runs). */
    public int[] predict(double[][] x) {
        double[][] p = forward(x);
        int[] classes = new int[p.length];
        for (int r = 0; r < p.length; r++) {
            int best = 0;
            for (int j = 1; j < p[r].length; j++) {
                if (p[r][j] > p[r][best]) {
                    best = j;
                }
            }
            classes[r] = best;
        }
        return classes;
    }

    /**
     * The gradients of the mean categorical cross-entropy over the batch with respect to every
     * weight and bias, by backpropagation through the activations of the last
     * {@link #forward}, which must have been run on this same {@code x}. Changes nothing.
     *
     * @param x the batch given to the last {@code forward}, {@code [m, n0]}
     * @param yTrue one-hot (or probability) targets {@code [m, nL]}
     */
    public Gradients gradients(double[][] x, double[][] yTrue) {
        if (activations.isEmpty()) {
            throw new IllegalStateException("NeuralNetwork.backward: call forward(x) before backward(x, yTrue)");
        }
        Matrices.requireShape("NeuralNetwork.backward (x)", x, -1, layers[0]);
        if (!Matrices.same(x, activations.get(0))) {
            throw new IllegalArgumentException("NeuralNetwork.backward: x " + Matrices.shape(x)
                    + " is not the batch of the last forward " + Matrices.shape(activations.get(0))
                    + "; call forward(x) first");
        }
        int m = x.length;
        int out = layers[layers.length - 1];
        Matrices.requireShape("NeuralNetwork.backward (yTrue)", yTrue, m, out);

        // Output layer error: softmax + cross-entropy give dL/dz = p - y (per sample).
        double[][] output = activations.get(activations.size() - 1);
        double[][] delta = new double[m][out];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < out; j++) {
                delta[r][j] = output[r][j] - yTrue[r][j];
            }
        }
        double[][][] dw = new double[weights.length][][];
        double[][] db = new double[weights.length][];
        for (int i = weights.length - 1; i >= 0; i--) {
            // Gradient for weights and biases.
            double[][] g = Matrices.dotTransposedA(activations.get(i), delta);
            for (double[] row : g) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= m;
                }
            }
            double[] gb = new double[layers[i + 1]];
            for (double[] row : delta) {
                for (int j = 0; j < gb.length; j++) {
                    gb[j] += row[j];
                }
            }
            for (int j = 0; j < gb.length; j++) {
                gb[j] /= m;
            }
            dw[i] = g;
            db[i] = gb;
            // Delta for the previous layer, through the weights of the forward pass.
            if (i > 0) {
                delta = Matrices.dotTransposedB(delta, weights[i]);
                double[][] a = activations.get(i);
                for (int r = 0; r < m; r++) {
                    for (int j = 0; j < delta[r].length; j++) {
                        if (!(a[r][j] > 0)) {
                            delta[r][j] = 0; // ReLU derivative
                        }
                    }
                }
            }
        }
        return new Gradients(dw, db);
    }

    /**
     * Backpropagation and one gradient-descent step on the batch of the last {@link #forward}:
     * {@code W_i -= learningRate * dW_i} and {@code b_i -= learningRate * db_i} for every layer,
     * all gradients taken at the weights of the forward pass (see the class comment for how this
     * differs from the guide's code).
     *
     * @param x the batch given to the last {@code forward}, {@code [m, n0]}
     * @param yTrue one-hot targets {@code [m, nL]}
     * @param learningRate the step (the guide's default is 0.01), finite and {@code > 0}
     */
    public void backward(double[][] x, double[][] yTrue, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("NeuralNetwork.backward: learning rate must be finite and > 0, got "
                    + learningRate);
        }
        Gradients g = gradients(x, yTrue);
        for (int i = 0; i < weights.length; i++) {
            double[][] w = weights[i];
            for (int k = 0; k < w.length; k++) {
                for (int j = 0; j < w[k].length; j++) {
                    w[k][j] -= learningRate * g.dw[i][k][j];
                }
            }
            for (int j = 0; j < biases[i].length; j++) {
                biases[i][j] -= learningRate * g.db[i][j];
            }
        }
    }

    private int checkLayer(int i) {
        if (i < 0 || i >= weights.length) {
            throw new IllegalArgumentException("NeuralNetwork: layer index must be in [0, " + weights.length + "), got " + i);
        }
        return i;
    }
}
