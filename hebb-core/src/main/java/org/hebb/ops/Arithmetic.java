package org.hebb.ops;

import org.hebb.kernels.Binary;
import org.hebb.tensor.Tensor;

/**
 * Add, subtract, multiply, divide (with NumPy broadcasting), negate, and their scalar forms.
 *
 * <p>Gradients, with g the gradient of the output and each reduced back to its operand's
 * shape by summing over broadcast dimensions:
 * {@code d(a+b) = (g, g)}, {@code d(a-b) = (g, -g)}, {@code d(a*b) = (g*b, g*a)},
 * {@code d(a/b) = (g/b, -g*a/b^2)}.
 */
public final class Arithmetic {
    private Arithmetic() {}

    /** {@code a + b}. */
    public static Tensor add(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("add", a.shape(), b.shape());
        return Tensor.fromOp("add", binary(Binary.Op.ADD, a, b, out), out, g -> new float[][] {
            a.requiresGrad() ? Broadcast.reduceTo(g, out, a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(g, out, b.shape()) : null}, a, b);
    }

    /** {@code a - b}. */
    public static Tensor sub(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("sub", a.shape(), b.shape());
        return Tensor.fromOp("sub", binary(Binary.Op.SUB, a, b, out), out, g -> new float[][] {
            a.requiresGrad() ? Broadcast.reduceTo(g, out, a.shape()) : null,
            b.requiresGrad() ? Broadcast.reduceTo(negate(g), out, b.shape()) : null}, a, b);
    }

    /** {@code a * b}, elementwise. */
    public static Tensor mul(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("mul", a.shape(), b.shape());
        return Tensor.fromOp("mul", binary(Binary.Op.MUL, a, b, out), out, g -> {
            Tensor gt = Tensor.of(g, out);
            return new float[][] {
                a.requiresGrad() ? Broadcast.reduceTo(binary(Binary.Op.MUL, gt, b, out), out, a.shape()) : null,
                b.requiresGrad() ? Broadcast.reduceTo(binary(Binary.Op.MUL, gt, a, out), out, b.shape()) : null};
        }, a, b);
    }

    /** {@code a / b}, elementwise. */
    public static Tensor div(Tensor a, Tensor b) {
        int[] out = Broadcast.shape("div", a.shape(), b.shape());
        float[] q = binary(Binary.Op.DIV, a, b, out);
        return Tensor.fromOp("div", q, out, g -> {
            Tensor gt = Tensor.of(g, out);
            float[] gb = null;
            if (b.requiresGrad()) {
                // d(a/b)/db = -(a/b)/b = -q/b
                float[] gq = binary(Binary.Op.MUL, gt, Tensor.of(q, out), out);
                gb = negate(binary(Binary.Op.DIV, Tensor.of(gq, out), b, out));
            }
            return new float[][] {
                a.requiresGrad() ? Broadcast.reduceTo(binary(Binary.Op.DIV, gt, b, out), out, a.shape()) : null,
                gb == null ? null : Broadcast.reduceTo(gb, out, b.shape())};
        }, a, b);
    }

    /** {@code -a}. */
    public static Tensor neg(Tensor a) {
        return Tensor.fromOp("neg", negate(a.data()), a.shape(), g -> new float[][] {negate(g)}, a);
    }

    /** {@code a + c}. */
    public static Tensor addScalar(Tensor a, float c) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] + c;
        return Tensor.fromOp("add_scalar", y, a.shape(), g -> new float[][] {g}, a);
    }

    /** {@code a * c}. */
    public static Tensor mulScalar(Tensor a, float c) {
        float[] y = scale(a.data(), c);
        return Tensor.fromOp("mul_scalar", y, a.shape(), g -> new float[][] {scale(g, c)}, a);
    }

    /** Elementwise {@code op} of two tensors broadcast to {@code out} (in parallel when large). */
    static float[] binary(Binary.Op op, Tensor a, Tensor b, int[] out) {
        return Elementwise.binary(op, a, b, out);
    }

    static float[] negate(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = -x[i];
        return y;
    }

    static float[] scale(float[] x, float c) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * c;
        return y;
    }
}
