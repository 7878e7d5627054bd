package org.hebb.nn;

import org.hebb.tensor.Tensor;

/**
 * A weight penalty added to the training loss: {@code L1: l1 * sum(|w|)},
 * {@code L2: l2 * sum(w^2)} (Keras' convention: no factor 1/2), {@code L1L2: both}.
 * The penalty is built from tensor ops, so its gradient flows through autograd.
 */
public final class Regularizer {
    private final float l1;
    private final float l2;

    private Regularizer(float l1, float l2) {
        if (!(l1 >= 0) || !(l2 >= 0) || Float.isInfinite(l1) || Float.isInfinite(l2)) {
            throw new IllegalArgumentException("regularization factors must be finite and >= 0, got l1="
                    + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** {@code l1 * sum(|w|)}. */
    public static Regularizer l1(float l1) {
        return new Regularizer(l1, 0f);
    }

    /** {@code l2 * sum(w^2)}. */
    public static Regularizer l2(float l2) {
        return new Regularizer(0f, l2);
    }

    /** {@code l1 * sum(|w|) + l2 * sum(w^2)}. */
    public static Regularizer l1l2(float l1, float l2) {
        return new Regularizer(l1, l2);
    }

    /** The L1 factor. */
    public float l1() {
        return l1;
    }

    /** The L2 factor. */
    public float l2() {
        return l2;
    }

    /** The penalty for weights {@code w}, a scalar tensor recorded on the tape. */
    public Tensor penalty(Tensor w) {
        Tensor p = null;
        if (l2 > 0) {
            p = w.mul(w).sum().mul(l2);
        }
        if (l1 > 0) {
            Tensor a = w.abs().sum().mul(l1);
            p = p == null ? a : p.add(a);
        }
        return p == null ? Tensor.scalar(0f) : p;
    }

    @Override
    public String toString() {
        return l1 > 0 && l2 > 0 ? "L1L2(l1=" + l1 + ", l2=" + l2 + ")" : l1 > 0 ? "L1(" + l1 + ")" : "L2(" + l2 + ")";
    }
}
