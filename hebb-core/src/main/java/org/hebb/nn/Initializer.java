package org.hebb.nn;

import org.hebb.tensor.Rng;
import org.hebb.tensor.Shapes;

/**
 * Fills a new weight tensor. Fans follow Keras: for a Dense kernel {@code [in, out]},
 * fanIn = in and fanOut = out; for a convolution kernel {@code [KH, KW, C, F]},
 * fanIn = KH*KW*C and fanOut = KH*KW*F.
 *
 * <ul>
 *   <li>{@link #glorotUniform()} (Keras' default for Dense and Conv2D): U(-l, l), l = sqrt(6 / (fanIn + fanOut)).</li>
 *   <li>{@link #glorotNormal()}: truncated normal, stddev sqrt(2 / (fanIn + fanOut)).</li>
 *   <li>{@link #heNormal()}: truncated normal, stddev sqrt(2 / fanIn) — the scale the guide's
 *       {@code NeuralNetwork} uses (it calls it "Xavier"; Xavier/Glorot is the one above).</li>
 *   <li>{@link #heUniform()}: U(-l, l), l = sqrt(6 / fanIn).</li>
 *   <li>{@link #zeros()}, {@link #ones()}, {@link #constant(float)}.</li>
 * </ul>
 * Truncated normals redraw values beyond two standard deviations and rescale the stddev by
 * 1/0.87962566 so that the variance is the nominal one, as Keras does.
 */
@FunctionalInterface
public interface Initializer {

    /** Fills {@code w} (row-major, of {@code shape}) drawing from {@code rng}. */
    void fill(float[] w, int[] shape, Rng rng);

    /** Glorot (Xavier) uniform. */
    static Initializer glorotUniform() {
        return (w, shape, rng) -> uniform(w, rng, (float) Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))));
    }

    /** Glorot (Xavier) normal, truncated. */
    static Initializer glorotNormal() {
        return (w, shape, rng) -> truncatedNormal(w, rng, Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))));
    }

    /** He (Kaiming) normal, truncated. */
    static Initializer heNormal() {
        return (w, shape, rng) -> truncatedNormal(w, rng, Math.sqrt(2.0 / fanIn(shape)));
    }

    /** He (Kaiming) uniform. */
    static Initializer heUniform() {
        return (w, shape, rng) -> uniform(w, rng, (float) Math.sqrt(6.0 / fanIn(shape)));
    }

    /** All zeros (Keras' default for biases). */
    static Initializer zeros() {
        return constant(0f);
    }

    /** All ones. */
    static Initializer ones() {
        return constant(1f);
    }

    /** Every element {@code value}. */
    static Initializer constant(float value) {
        return (w, shape, rng) -> java.util.Arrays.fill(w, value);
    }

    /** Keras' name for an initializer: "glorot_uniform", "he_normal", "zeros", ... */
    static Initializer get(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "glorot_uniform", "xavier_uniform" -> glorotUniform();
            case "glorot_normal", "xavier_normal" -> glorotNormal();
            case "he_normal", "kaiming_normal" -> heNormal();
            case "he_uniform", "kaiming_uniform" -> heUniform();
            case "zeros" -> zeros();
            case "ones" -> ones();
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; valid: glorot_uniform, "
                    + "glorot_normal, he_normal, he_uniform, zeros, ones");
        };
    }

    /** Inputs feeding one output unit. */
    static int fanIn(int[] shape) {
        if (shape.length < 2) {
            return Math.max(1, Shapes.size(shape));
        }
        return Shapes.prod(shape, 0, shape.length - 1);
    }

    /** Output units fed by one input. */
    static int fanOut(int[] shape) {
        if (shape.length < 2) {
            return Math.max(1, Shapes.size(shape));
        }
        return Shapes.prod(shape, 0, shape.length - 2) * shape[shape.length - 1];
    }

    private static void uniform(float[] w, Rng rng, float limit) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (2f * rng.nextFloat() - 1f) * limit;
        }
    }

    private static void truncatedNormal(float[] w, Rng rng, double stddev) {
        double s = stddev / 0.87962566103423978;
        for (int i = 0; i < w.length; i++) {
            double g;
            do {
                g = rng.nextGaussian();
            } while (Math.abs(g) > 2.0);
            w[i] = (float) (g * s);
        }
    }
}
