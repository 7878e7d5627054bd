package org.hebb.kernels;

/**
 * The per-element loops of the optimizers and of gradient clipping, over {@code float[]}.
 *
 * <p>Each update kernel changes the weights {@code w} (and the optimizer's state arrays) in
 * place from a gradient {@code g} of the same length; it never writes {@code g}. The hyper-
 * parameters arrive as doubles; the kernel derives its scalar factors ({@code 1 - beta}, bias
 * corrections) in double, rounds each once to float, and runs a plain loop of float arithmetic
 * that the JIT can vectorize.
 *
 * <p><b>Denormals.</b> State that decays geometrically (Adam's m and v, momentum velocities,
 * RMSprop's average) where the gradient is exactly zero — the weights of a dead ReLU unit — ends
 * in the subnormal range after a few hundred steps, and x86 arithmetic on subnormal floats is
 * about a hundred times slower (measured here: Adam's step 0.2 ms → 1.1 ms on the MLP's
 * parameters). The kernels therefore flush such state values to zero before they get there
 * ({@link #flush}), much as a processor in flush-to-zero mode would.
 *
 * <p>Long arrays are cut into fixed chunks of {@link #CHUNK} elements spread over the shared
 * pool ({@link Parallel}). The updates are elementwise, so the result does not depend on the
 * thread count; the one reduction, {@link #sumOfSquares}, adds per-chunk double partials in
 * chunk order and is therefore bit-identical for any thread count too.
 */
public final class OptimKernels {
    /** Elements per chunk of parallel work; arrays up to this length run on the calling thread. */
    public static final int CHUNK = 1 << 16;

    private OptimKernels() {}

    /** Plain gradient descent: {@code w -= lr * g}. */
    public static void sgd(float[] w, float[] g, double lr) {
        checkSame("sgd", w, g);
        float rate = (float) lr;
        Parallel.forRange(w.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                w[i] -= rate * g[i];
            }
        });
    }

    /**
     * Gradient descent with momentum in the Keras form:
     * {@code v = momentum * v - lr * g}, then {@code w += v}, or with Nesterov momentum
     * {@code w += momentum * v - lr * g} (using the new {@code v}).
     */
    public static void sgdMomentum(float[] w, float[] g, float[] v, double lr, double momentum, boolean nesterov) {
        checkSame("sgdMomentum", w, g);
        checkSame("sgdMomentum", w, v);
        float rate = (float) lr;
        float mu = (float) momentum;
        Parallel.forRange(w.length, CHUNK, (s, e) -> {
            if (nesterov) {
                for (int i = s; i < e; i++) {
                    float step = rate * g[i];
                    float vi = flush(mu * v[i] - step);
                    v[i] = vi;
                    w[i] += mu * vi - step;
                }
            } else {
                for (int i = s; i < e; i++) {
                    float vi = flush(mu * v[i] - rate * g[i]);
                    v[i] = vi;
                    w[i] += vi;
                }
            }
        });
    }

    /**
     * Adam with bias correction at the 1-based step {@code t}, optionally with decoupled weight
     * decay (AdamW):
     * <pre>
     * w -= lr * weightDecay * w           (only when weightDecay != 0)
     * m  = beta1 * m + (1 - beta1) * g
     * v  = beta2 * v + (1 - beta2) * g^2
     * w -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
     * </pre>
     * The scalar factors ({@code 1 - beta}, the bias corrections, {@code lr * weightDecay}) are
     * computed in double from the double arguments and rounded once to float, so a beta such
     * as 0.999 does not lose precision in {@code 1 - beta2}.
     */
    public static void adam(float[] w, float[] g, float[] m, float[] v, double lr, double beta1, double beta2,
                            double eps, int t, double weightDecay) {
        checkSame("adam", w, g);
        checkSame("adam", w, m);
        checkSame("adam", w, v);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1.0 - beta1);
        float c2 = (float) (1.0 - beta2);
        float bc1 = (float) (1.0 - Math.pow(beta1, t));
        float bc2 = (float) (1.0 - Math.pow(beta2, t));
        float rate = (float) lr;
        float epsilon = (float) eps;
        float decay = (float) (lr * weightDecay);
        Parallel.forRange(w.length, CHUNK, (s, e) -> {
            if (decay != 0f) {
                for (int i = s; i < e; i++) {
                    w[i] -= decay * w[i];
                }
            }
            for (int i = s; i < e; i++) {
                float gi = g[i];
                float mi = flush(b1 * m[i] + c1 * gi);
                float vi = flush(b2 * v[i] + c2 * (gi * gi));
                m[i] = mi;
                v[i] = vi;
                float mHat = mi / bc1;
                float vHat = vi / bc2;
                w[i] -= rate * mHat / ((float) Math.sqrt(vHat) + epsilon);
            }
        });
    }

    /**
     * RMSprop in the Keras form (epsilon inside the square root):
     * <pre>
     * a   = rho * a + (1 - rho) * g^2
     * inc = lr * g / sqrt(a + eps)
     * w  -= inc                          (no momentum: {@code mom == null})
     * mom = momentum * mom + inc; w -= mom   (with momentum)
     * </pre>
     * The scalar factors are computed in double and rounded once to float.
     */
    public static void rmsprop(float[] w, float[] g, float[] a, float[] mom, double lr, double rho,
                               double momentum, double eps) {
        checkSame("rmsprop", w, g);
        checkSame("rmsprop", w, a);
        if (mom != null) {
            checkSame("rmsprop", w, mom);
        }
        float r = (float) rho;
        float oneMinusRho = (float) (1.0 - rho);
        float rate = (float) lr;
        float mu = (float) momentum;
        float epsilon = (float) eps;
        Parallel.forRange(w.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                float gi = g[i];
                float ai = flush(r * a[i] + oneMinusRho * (gi * gi));
                a[i] = ai;
                float inc = rate * gi / (float) Math.sqrt(ai + epsilon);
                if (mom != null) {
                    inc = flush(mu * mom[i] + inc);
                    mom[i] = inc;
                }
                w[i] -= inc;
            }
        });
    }

    /** Adagrad in the Keras form: {@code acc += g^2; w -= lr * g / sqrt(acc + eps)}. */
    public static void adagrad(float[] w, float[] g, float[] acc, double lr, double eps) {
        checkSame("adagrad", w, g);
        checkSame("adagrad", w, acc);
        float rate = (float) lr;
        float epsilon = (float) eps;
        Parallel.forRange(w.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                float gi = g[i];
                float ai = acc[i] + gi * gi;
                acc[i] = ai;
                w[i] -= rate * gi / (float) Math.sqrt(ai + epsilon);
            }
        });
    }

    /** The flushing constant, 2^-80: see {@link #flush}. */
    private static final float FLUSH = 0x1p-80f;

    /**
     * {@code (x + 2^-80) - 2^-80}: a value of magnitude 2^-55 or more is unchanged, a smaller one
     * is rounded to a multiple of 2^-103 (below 2^-104 it becomes 0), so a decaying state never
     * reaches the subnormal range — it comes to rest at 0 or at a few multiples of 2^-103
     * (about 1e-31), where its effect on an update is below 1e-26. Two float additions, which
     * vectorize; a compare-and-select, or a min/max form, measured 4-10x slower here.
     */
    public static float flush(float x) {
        return (x + FLUSH) - FLUSH;
    }

    /**
     * Sum of squares of {@code x}, accumulated in double: per fixed chunk of {@link #CHUNK}
     * elements, then the chunk sums in chunk order — the same result for any thread count.
     */
    public static double sumOfSquares(float[] x) {
        int chunks = Parallel.chunkCount(x.length, CHUNK);
        if (chunks <= 1) {
            return sumOfSquares(x, 0, x.length);
        }
        double[] partial = new double[chunks];
        Parallel.forChunks(chunks, c -> {
            int s = c * CHUNK;
            partial[c] = sumOfSquares(x, s, Math.min(x.length, s + CHUNK));
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    private static double sumOfSquares(float[] x, int start, int end) {
        double s = 0;
        for (int i = start; i < end; i++) {
            double xi = x[i];
            s += xi * xi;
        }
        return s;
    }

    /** {@code dst[i] = src[i] * factor}; {@code dst} may be {@code src}. */
    public static void scale(float[] src, float[] dst, float factor) {
        checkSame("scale", src, dst);
        Parallel.forRange(src.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                dst[i] = src[i] * factor;
            }
        });
    }

    /** {@code dst[i] = min(limit, max(-limit, src[i]))}; NaN stays NaN; {@code dst} may be {@code src}. */
    public static void clipByValue(float[] src, float[] dst, float limit) {
        checkSame("clipByValue", src, dst);
        float lo = -limit;
        Parallel.forRange(src.length, CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                dst[i] = Math.min(limit, Math.max(lo, src[i]));
            }
        });
    }

    private static void checkSame(String kernel, float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("OptimKernels." + kernel + ": arrays of different lengths "
                    + a.length + " and " + b.length);
        }
    }
}
