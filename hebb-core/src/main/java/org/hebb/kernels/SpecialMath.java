package org.hebb.kernels;

/**
 * Scalar special functions the JDK lacks, accurate to float32 (and then some): the error
 * function and its complement, and the standard normal distribution's density and cumulative
 * distribution function used by GELU.
 *
 * <p>{@code erfc} for {@code |x| >= 0.5} uses the Chebyshev-fitted expression of Press et al.,
 * <i>Numerical Recipes</i> ({@code erfcc}), whose <em>relative</em> error is below 1.2e-7
 * everywhere, so the far tails (where {@code erfc} is tiny) keep their relative accuracy.
 * {@code erf} for {@code |x| < 0.5} sums its Maclaurin series to double precision, so it keeps
 * its relative accuracy near zero, where {@code 1 - erfc(x)} would lose it.
 */
public final class SpecialMath {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private SpecialMath() {}

    /** The error function {@code erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt}; NaN stays NaN. */
    public static double erf(double x) {
        double z = Math.abs(x);
        if (z < 0.5) {
            return series(x);
        }
        double r = 1.0 - tail(z);
        return x < 0 ? -r : r;
    }

    /** The complementary error function {@code erfc(x) = 1 - erf(x)}, accurate in relative terms for large x. */
    public static double erfc(double x) {
        double z = Math.abs(x);
        if (z < 0.5) {
            return 1.0 - series(x);
        }
        double t = tail(z);
        return x < 0 ? 2.0 - t : t;
    }

    /** Standard normal CDF {@code Phi(x) = 0.5 * erfc(-x / sqrt(2))}. */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x * INV_SQRT2);
    }

    /** Standard normal density {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)}. */
    public static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Maclaurin series of erf, for |x| < 0.5 (terms fall below 1e-17 relative after 12 terms). */
    private static double series(double x) {
        double x2 = x * x;
        double term = x;   // (-1)^n x^(2n+1) / n!
        double sum = x;
        for (int n = 1; n <= 12; n++) {
            term *= -x2 / n;
            sum += term / (2 * n + 1);
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** erfc(z) for z >= 0 (Numerical Recipes' erfcc; relative error < 1.2e-7). */
    private static double tail(double z) {
        double t = 1.0 / (1.0 + 0.5 * z);
        double p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        return t * Math.exp(-z * z + p);
    }
}
