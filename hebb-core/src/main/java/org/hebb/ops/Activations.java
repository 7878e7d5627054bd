package org.hebb.ops;

import org.hebb.kernels.Softmax;
import org.hebb.kernels.Unary;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Activation functions: relu, leaky relu, elu, gelu, sigmoid, tanh, softmax and log-softmax.
 *
 * <p>Forward and gradient, with g the gradient of the output y:
 * <ul>
 *   <li>{@code relu(x) = max(x, 0)}; {@code dx = g} where x &gt; 0, else 0 (0 at x = 0).</li>
 *   <li>{@code leakyRelu(x, a) = x} for x &gt; 0, else {@code a x}; {@code dx = g} or {@code a g}.
 *       Default {@code a = 0.01}, as PyTorch's {@code LeakyReLU}; note that Keras'
 *       {@code LeakyReLU} defaults to 0.3 — pass it explicitly to match Keras.</li>
 *   <li>{@code elu(x, a) = x} for x &gt; 0, else {@code a (e^x - 1)}; {@code dx = g} or
 *       {@code g (y + a)}. Default {@code a = 1} (PyTorch and Keras).</li>
 *   <li>{@code gelu(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2}, the exact form (PyTorch's
 *       default, Keras' {@code approximate=False}); {@code dx = g (Phi(x) + x phi(x))}. erf is
 *       computed to about 1e-7 relative error (see {@link org.hebb.kernels.SpecialMath}).</li>
 *   <li>{@code sigmoid(x) = 1 / (1 + e^-x)}, computed without overflow for any x;
 *       {@code dx = g y (1 - y)}.</li>
 *   <li>{@code tanh(x)}; {@code dx = g (1 - y^2)}.</li>
 *   <li>{@code softmax(x)_i = e^(x_i - m) / sum_j e^(x_j - m)} along an axis, m the maximum
 *       along it (so no overflow for any finite input); {@code dx = y (g - sum(g y))}.</li>
 *   <li>{@code logSoftmax(x)_i = x_i - m - log sum_j e^(x_j - m)};
 *       {@code dx = g - softmax(x) sum(g)}.</li>
 * </ul>
 * The axis of softmax defaults to -1 (the last); negative axes count from the end.
 */
public final class Activations {
    /** Default negative slope of {@link #leakyRelu(Tensor)}: 0.01, as in PyTorch. */
    public static final float LEAKY_RELU_ALPHA = 0.01f;

    private Activations() {}

    /** {@code max(x, 0)}. */
    public static Tensor relu(Tensor x) {
        return Elementwise.unary("relu", Unary.Op.RELU, x, 0f, 0f);
    }

    /** Leaky relu with slope {@value #LEAKY_RELU_ALPHA} below zero. */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, LEAKY_RELU_ALPHA);
    }

    /** {@code x} for x &gt; 0, else {@code alpha * x}. */
    public static Tensor leakyRelu(Tensor x, float alpha) {
        return Elementwise.unary("leaky_relu", Unary.Op.LEAKY_RELU, x, alpha, 0f);
    }

    /** ELU with {@code alpha = 1}. */
    public static Tensor elu(Tensor x) {
        return elu(x, 1f);
    }

    /** {@code x} for x &gt; 0, else {@code alpha * (e^x - 1)}. */
    public static Tensor elu(Tensor x, float alpha) {
        return Elementwise.unary("elu", Unary.Op.ELU, x, alpha, 0f);
    }

    /** Exact GELU: {@code x * Phi(x)}, Phi the standard normal CDF. */
    public static Tensor gelu(Tensor x) {
        return Elementwise.unary("gelu", Unary.Op.GELU, x, 0f, 0f);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}; stable for large |x| (no NaN or Inf). */
    public static Tensor sigmoid(Tensor x) {
        return Elementwise.unary("sigmoid", Unary.Op.SIGMOID, x, 0f, 0f);
    }

    /** Hyperbolic tangent. */
    public static Tensor tanh(Tensor x) {
        return Elementwise.unary("tanh", Unary.Op.TANH, x, 0f, 0f);
    }

    /**
     * Softmax along {@code axis} (negative counts from the end); same shape as {@code x}.
     *
     * @throws IllegalArgumentException naming the op and the shape if the axis is out of range
     */
    public static Tensor softmax(Tensor x, int axis) {
        return softmax("softmax", x, axis, false);
    }

    /** Log-softmax along {@code axis}; same shape as {@code x}. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return softmax("log_softmax", x, axis, true);
    }

    private static Tensor softmax(String name, Tensor x, int axis, boolean log) {
        int[] s = x.shape();
        int a = Reduce.axis(name, axis, s);
        int outer = Shapes.prod(s, 0, a);
        int n = s[a];
        int inner = Shapes.prod(s, a + 1, s.length);
        float[] y = new float[x.size()];
        Softmax.forward(x.data(), y, outer, n, inner, log);
        // The op is recorded as "softmax" only over the last axis: the losses fuse exactly that case.
        String recorded = a == s.length - 1 ? name : name + "_axis" + a;
        return Tensor.fromOp(recorded, y, s, g -> {
            float[] gx = new float[g.length];
            Softmax.backward(g, y, gx, outer, n, inner, log);
            return new float[][] {gx};
        }, x);
    }
}
