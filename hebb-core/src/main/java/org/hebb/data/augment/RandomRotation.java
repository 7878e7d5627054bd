package org.hebb.data.augment;

import org.hebb.kernels.ImageTransforms;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;

/**
 * Rotates each image of an NHWC batch about its centre by a random angle, as Keras'
 * {@code RandomRotation}: the angle is {@code u * 2 pi} with {@code u} uniform in
 * {@code [lower, upper]} (fractions of a full turn); positive angles turn the image
 * counter-clockwise as displayed (row 0 at the top). Values are sampled bilinearly; corners
 * rotated in from outside are {@link #fill(float) filled} with 0.
 *
 * <p>The centre is {@code ((width - 1) / 2, (height - 1) / 2)}, so a quarter turn of a square
 * image moves every pixel onto a pixel and copies values exactly.
 *
 * <p>Draws one number per image from the {@link Rng} it is given.
 */
public final class RandomRotation implements Augmentation {
    private final double lower;
    private final double upper;
    private final float fill;

    /**
     * Rotations of up to {@code factor} of a full turn either way (Keras:
     * {@code RandomRotation(factor)}; 0.1 means up to 36 degrees).
     *
     * @param factor in [0, 1]
     */
    public RandomRotation(double factor) {
        this(-check(factor), factor, 0f);
    }

    private RandomRotation(double lower, double upper, float fill) {
        this.lower = lower;
        this.upper = upper;
        this.fill = fill;
    }

    /** Rotations drawn from {@code [lower, upper]} turns, each in [-1, 1]; {@code range(0.25, 0.25)} is a quarter turn. */
    public static RandomRotation range(double lower, double upper) {
        Images.checkRange("RandomRotation", "rotation", lower, upper, -1, 1);
        return new RandomRotation(lower, upper, 0f);
    }

    /** The same rotation filling uncovered pixels with {@code value} instead of 0. */
    public RandomRotation fill(float value) {
        return new RandomRotation(lower, upper, value);
    }

    private static double check(double factor) {
        Images.checkFactor("RandomRotation", "factor", factor, 1);
        return factor;
    }

    /** The batch {@code [N, H, W, C]} with each image rotated by its own random angle. */
    @Override
    public Tensor apply(Tensor batch, Rng rng) {
        int[] s = Images.nhwc("RandomRotation", batch);
        int n = s[0], h = s[1], w = s[2], c = s[3];
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        double[] m = new double[6 * n];
        for (int i = 0; i < n; i++) {
            double angle = Images.uniform(rng, lower, upper) * 2 * Math.PI;
            double cos = Math.cos(angle), sin = Math.sin(angle);
            // Output pixel (x, y) reads the input at the point rotated about the centre.
            m[6 * i] = cos;
            m[6 * i + 1] = -sin;
            m[6 * i + 2] = cx - cos * cx + sin * cy;
            m[6 * i + 3] = sin;
            m[6 * i + 4] = cos;
            m[6 * i + 5] = cy - sin * cx - cos * cy;
        }
        float[] out = new float[batch.size()];
        ImageTransforms.affine(batch.data(), out, n, h, w, c, m, fill);
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return "RandomRotation([" + lower + ", " + upper + "] turns, fill " + fill + ")";
    }
}
