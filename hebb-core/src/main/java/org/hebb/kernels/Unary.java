package org.hebb.kernels;

/**
 * Elementwise unary kernels over whole arrays: {@code y[i] = f(x[i])} and, for backward passes,
 * {@code out[i] = g[i] * f'(x[i])} written in terms of x and the forward result y.
 *
 * <p>Arrays larger than {@link #CHUNK} are processed in fixed chunks of {@code CHUNK} elements
 * spread over {@link Parallel}; every element is computed the same way whoever runs its chunk,
 * so results never depend on the thread count. The op is chosen once per chunk by a switch,
 * so the inner loops are plain loops over {@code float[]}.
 *
 * <p>Math runs in double and is rounded once to float. Two parameters {@code p, q} carry the
 * ops' settings (see {@link Op}); ops without settings ignore them.
 */
public final class Unary {
    /** Elements per parallel chunk of an elementwise pass. */
    public static final int CHUNK = 1 << 15;

    /** The unary functions; {@code p} and {@code q} are the parameters passed to the kernels. */
    public enum Op {
        /** {@code e^x}. */
        EXP,
        /** Natural logarithm. */
        LOG,
        /** Square root. */
        SQRT,
        /** {@code |x|}; derivative sign(x), 0 at 0. */
        ABS,
        /** {@code x^p}. */
        POW,
        /** {@code min(max(x, p), q)}; derivative 1 on {@code [p, q]} inclusive, else 0. */
        CLAMP,
        /** {@code max(x, 0)}; derivative 1 for x &gt; 0, else 0. */
        RELU,
        /** {@code x} for x &gt; 0, else {@code p * x}. */
        LEAKY_RELU,
        /** {@code x} for x &gt; 0, else {@code p * (e^x - 1)}. */
        ELU,
        /** {@code x * Phi(x)}, Phi the standard normal CDF (exact erf form). */
        GELU,
        /** {@code 1 / (1 + e^-x)}, evaluated without overflow for any x. */
        SIGMOID,
        /** Hyperbolic tangent. */
        TANH
    }

    private Unary() {}

    /** {@code y[i] = op(x[i])} for every i; {@code y} may be {@code x}. */
    public static void apply(Op op, float[] x, float[] y, float p, float q) {
        checkLengths(x.length, y.length);
        Parallel.forRange(x.length, CHUNK, (s, e) -> run(op, x, y, s, e, p, q));
    }

    /**
     * {@code out[i] = g[i] * op'(x[i])}, where {@code y = op(x)} is the forward result (some
     * derivatives read it instead of recomputing). {@code out} may be {@code g}.
     */
    public static void derivative(Op op, float[] g, float[] x, float[] y, float[] out, float p, float q) {
        checkLengths(x.length, g.length);
        checkLengths(x.length, y.length);
        checkLengths(x.length, out.length);
        Parallel.forRange(x.length, CHUNK, (s, e) -> runDerivative(op, g, x, y, out, s, e, p, q));
    }

    /** Forward over the index range {@code [from, to)}. */
    public static void run(Op op, float[] x, float[] y, int from, int to, float p, float q) {
        switch (op) {
            case EXP -> {
                for (int i = from; i < to; i++) y[i] = (float) Math.exp(x[i]);
            }
            case LOG -> {
                for (int i = from; i < to; i++) y[i] = (float) Math.log(x[i]);
            }
            case SQRT -> {
                for (int i = from; i < to; i++) y[i] = (float) Math.sqrt(x[i]);
            }
            case ABS -> {
                for (int i = from; i < to; i++) y[i] = Math.abs(x[i]);
            }
            case POW -> {
                for (int i = from; i < to; i++) y[i] = (float) Math.pow(x[i], p);
            }
            case CLAMP -> {
                for (int i = from; i < to; i++) y[i] = Math.min(Math.max(x[i], p), q);
            }
            case RELU -> {
                for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f);
            }
            case LEAKY_RELU -> {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    y[i] = select(positiveMask(v), v, p * v);
                }
            }
            case ELU -> {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    y[i] = v > 0 ? v : (float) (p * Math.expm1(v));
                }
            }
            case GELU -> {
                for (int i = from; i < to; i++) y[i] = (float) (x[i] * SpecialMath.normalCdf(x[i]));
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) y[i] = (float) sigmoid(x[i]);
            }
            case TANH -> {
                for (int i = from; i < to; i++) y[i] = (float) tanh(x[i]);
            }
        }
    }

    /** Derivative times g over the index range {@code [from, to)}. */
    public static void runDerivative(Op op, float[] g, float[] x, float[] y, float[] out, int from, int to,
                                     float p, float q) {
        switch (op) {
            case EXP -> {
                for (int i = from; i < to; i++) out[i] = g[i] * y[i];
            }
            case LOG -> {
                for (int i = from; i < to; i++) out[i] = g[i] / x[i];
            }
            case SQRT -> {
                for (int i = from; i < to; i++) out[i] = g[i] / (2f * y[i]);
            }
            case ABS -> {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    out[i] = v > 0 ? g[i] : v < 0 ? -g[i] : 0f;
                }
            }
            case POW -> {
                if (p == 0f) {
                    for (int i = from; i < to; i++) out[i] = 0f;
                } else {
                    for (int i = from; i < to; i++) out[i] = (float) (g[i] * p * Math.pow(x[i], p - 1.0));
                }
            }
            case CLAMP -> {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    out[i] = v >= p && v <= q ? g[i] : 0f;
                }
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & positiveMask(x[i]));
                }
            }
            case LEAKY_RELU -> {
                for (int i = from; i < to; i++) out[i] = select(positiveMask(x[i]), g[i], p * g[i]);
            }
            case ELU -> {
                // y = p (e^x - 1) below zero, so y' = p e^x = y + p.
                for (int i = from; i < to; i++) out[i] = x[i] > 0 ? g[i] : g[i] * (y[i] + p);
            }
            case GELU -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    out[i] = (float) (g[i] * (SpecialMath.normalCdf(v) + v * SpecialMath.normalPdf(v)));
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) out[i] = g[i] * y[i] * (1f - y[i]);
            }
            case TANH -> {
                for (int i = from; i < to; i++) out[i] = g[i] * (1f - y[i] * y[i]);
            }
        }
    }

    /** {@code 1 / (1 + e^-x)} without overflow: for x &lt; 0 it is computed as {@code e^x / (1 + e^x)}. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * Hyperbolic tangent from one {@code exp} of a non-positive argument (never overflows):
     * {@code tanh(a) = (1 - e^-2a) / (1 + e^-2a)} for {@code a = |x|}, with the odd Taylor
     * polynomial below {@code 1e-4}, where the subtraction would cancel.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double t;
        if (a < 1e-4) {
            t = a - a * a * a / 3.0;
        } else {
            double e = Math.exp(-2.0 * a);
            t = (1.0 - e) / (1.0 + e);
        }
        return x < 0 ? -t : (x > 0 ? t : x);
    }

    /**
     * All ones when {@code v > 0} (a positive number, or a NaN with the sign bit clear), else
     * zero; +0 and -0 give zero. Branch-free: the sign of {@code v} is random in activations,
     * and a mispredicted branch per element costs several times the arithmetic.
     */
    private static int positiveMask(float v) {
        int b = Float.floatToRawIntBits(v);
        // For b > 0 both -b and ~b have the sign bit set; for b == 0 -b is 0; for b < 0 ~b is >= 0.
        return (-b & ~b) >> 31;
    }

    /** {@code a} where {@code mask} is all ones, {@code b} where it is zero, without a branch. */
    private static float select(int mask, float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & mask) | (Float.floatToRawIntBits(b) & ~mask));
    }

    private static void checkLengths(int n, int m) {
        if (n != m) {
            throw new IllegalArgumentException("Unary: arrays of different lengths " + n + " and " + m);
        }
    }
}
