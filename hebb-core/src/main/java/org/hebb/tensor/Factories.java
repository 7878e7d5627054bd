package org.hebb.tensor;

import java.util.Arrays;

/**
 * Tensor factories: constant fills, ranges, the identity matrix and random tensors. The
 * {@code Tensor.zeros(...)}, {@code Tensor.rand(...)}, ... methods are one-line entry points
 * to these.
 *
 * <p>Random tensors draw their values in row-major order from the {@link Rng} passed in (or
 * from {@link Rng#global()}), one draw per element, on the calling thread: the same seed gives
 * the same tensor on every machine and for any thread count.
 *
 * <p>Every factory checks its arguments and fails with an {@link IllegalArgumentException}
 * naming the factory and the offending value (a negative dimension, a zero step, {@code lo > hi}).
 */
public final class Factories {
    private Factories() {}

    /** A tensor of {@code shape} filled with {@code value}; {@code op} names the caller in error messages. */
    public static Tensor full(String op, float value, int... shape) {
        float[] data = new float[checkedSize(op, shape)];
        if (Float.floatToRawIntBits(value) != 0) { // new arrays are already +0.0
            Arrays.fill(data, value);
        }
        return Tensor.of(data, shape);
    }

    /** {@code [0, 1, ..., n-1]}, shape {@code [n]}. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be >= 0, got " + n);
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = i;
        }
        return Tensor.of(data, n);
    }

    /**
     * {@code [start, start + step, ...]} up to but excluding {@code stop}: {@code ceil((stop -
     * start) / step)} values (none when the range is empty), each computed as
     * {@code start + i * step} in double precision so that no rounding error accumulates.
     */
    public static Tensor arange(float start, float stop, float step) {
        if (!Float.isFinite(start) || !Float.isFinite(stop) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: start, stop and step must be finite, got start=" + start
                    + ", stop=" + stop + ", step=" + step);
        }
        if (step == 0f) {
            throw new IllegalArgumentException("arange: step must not be 0 (start=" + start + ", stop=" + stop + ")");
        }
        double count = Math.ceil(((double) stop - start) / step);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("arange: start=" + start + ", stop=" + stop + ", step=" + step
                    + " gives " + (long) count + " values, more than 2^31");
        }
        int n = (int) Math.max(0, count);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (start + (double) i * step);
        }
        return Tensor.of(data, n);
    }

    /** The {@code n x n} identity matrix. */
    public static Tensor eye(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("eye: size must be >= 0, got " + n);
        }
        float[] data = new float[checkedSize("eye", n, n)];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1f;
        }
        return Tensor.of(data, n, n);
    }

    /**
     * Values uniform in {@code [lo, hi)} (exactly {@code lo} everywhere when {@code lo == hi});
     * {@code op} names the caller in error messages.
     */
    public static Tensor uniform(String op, Rng rng, float lo, float hi, int... shape) {
        if (rng == null) {
            throw new IllegalArgumentException(op + ": the random generator is null");
        }
        if (!Float.isFinite(lo) || !Float.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException(op + ": need finite lo <= hi, got lo=" + lo + ", hi=" + hi);
        }
        float[] data = new float[checkedSize(op, shape)];
        double width = (double) hi - lo;
        float top = lo == hi ? lo : Math.nextDown(hi);
        for (int i = 0; i < data.length; i++) {
            // Rounding to float can reach hi when u is the largest float below 1; keep [lo, hi).
            data[i] = Math.min((float) (lo + width * rng.nextFloat()), top);
        }
        return Tensor.of(data, shape);
    }

    /** Values drawn from the standard normal distribution N(0, 1). */
    public static Tensor randn(Rng rng, int... shape) {
        if (rng == null) {
            throw new IllegalArgumentException("randn: the random generator is null");
        }
        float[] data = new float[checkedSize("randn", shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return Tensor.of(data, shape);
    }

    /**
     * The size of {@code shape}, checking that no dimension is negative.
     *
     * @throws IllegalArgumentException naming {@code op} and the shape
     */
    static int checkedSize(String op, int... shape) {
        if (shape == null) {
            throw new IllegalArgumentException(op + ": shape is null");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension " + d + " in shape " + Shapes.str(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " has more than 2^31 elements");
            }
        }
        return (int) n;
    }
}
