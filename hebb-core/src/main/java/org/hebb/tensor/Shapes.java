package org.hebb.tensor;

import java.util.Arrays;

/** Small helpers on shapes ({@code int[]} dimension lists): sizes, strides, checks, printing. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape (1 for the scalar shape {@code []}). */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + str(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31 elements");
            }
        }
        return (int) n;
    }

    /** Row-major strides, in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Normalizes a possibly negative axis ({@code -1} is the last) against {@code rank}. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** {@code [2, 3]} style text of a shape, as used in every error message. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Product of dimensions {@code [from, to)}. */
    public static int prod(int[] shape, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= shape[i];
        }
        return n;
    }
}
