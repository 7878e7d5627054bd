package org.hebb.data.augment;

import org.hebb.kernels.ImageTransforms;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;

/**
 * Zooms each image of an NHWC batch about its centre by a random factor, as Keras'
 * {@code RandomZoom}: the image is resampled at {@code z} times its pixel spacing, with
 * {@code z = 1 + u} and {@code u} uniform in the factor range — a positive {@code u} zooms out
 * (the content shrinks, the border is {@link #fill(float) filled} with 0), a negative one zooms
 * in. Values are sampled bilinearly; {@code z = 1} returns the image unchanged.
 *
 * <p>With one factor range the same zoom applies to both axes (the aspect ratio is kept, as
 * Keras does when {@code width_factor} is None) and one number is drawn per image; with two
 * ranges the height and then the width zoom are drawn separately.
 */
public final class RandomZoom implements Augmentation {
    private final double heightLower;
    private final double heightUpper;
    private final double widthLower;
    private final double widthUpper;
    private final boolean keepAspect;
    private final float fill;

    /**
     * Zooms by up to {@code factor} either way, the same on both axes (Keras:
     * {@code RandomZoom(factor)}; 0.1 means a zoom factor in [0.9, 1.1]).
     *
     * @param factor in [0, 1)
     */
    public RandomZoom(double factor) {
        this(-check(factor), factor, -factor, factor, true, 0f);
    }

    private RandomZoom(double hl, double hu, double wl, double wu, boolean keepAspect, float fill) {
        this.heightLower = hl;
        this.heightUpper = hu;
        this.widthLower = wl;
        this.widthUpper = wu;
        this.keepAspect = keepAspect;
        this.fill = fill;
    }

    /**
     * Zooms drawn independently per axis: {@code z = 1 + u}, with {@code u} in
     * {@code [heightLower, heightUpper]} for the height and {@code [widthLower, widthUpper]} for the
     * width; each bound in (-1, 1].
     */
    public static RandomZoom ranges(double heightLower, double heightUpper, double widthLower, double widthUpper) {
        checkRange("height", heightLower, heightUpper);
        checkRange("width", widthLower, widthUpper);
        return new RandomZoom(heightLower, heightUpper, widthLower, widthUpper, false, 0f);
    }

    /** The same zoom on both axes, {@code z = 1 + u} with {@code u} in {@code [lower, upper]}, each in (-1, 1]. */
    public static RandomZoom range(double lower, double upper) {
        checkRange("zoom", lower, upper);
        return new RandomZoom(lower, upper, lower, upper, true, 0f);
    }

    /** The same zoom filling uncovered pixels with {@code value} instead of 0. */
    public RandomZoom fill(float value) {
        return new RandomZoom(heightLower, heightUpper, widthLower, widthUpper, keepAspect, value);
    }

    private static double check(double factor) {
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("RandomZoom: factor must be in [0, 1), got " + factor);
        }
        return factor;
    }

    private static void checkRange(String what, double lo, double hi) {
        Images.checkRange("RandomZoom", what, lo, hi, -1, 1);
        if (lo <= -1) {
            throw new IllegalArgumentException("RandomZoom: " + what + " lower bound must be > -1 (a zoom factor 1 + u"
                    + " must stay positive), got " + lo);
        }
    }

    /** The batch {@code [N, H, W, C]} with each image zoomed by its own random factor. */
    @Override
    public Tensor apply(Tensor batch, Rng rng) {
        int[] s = Images.nhwc("RandomZoom", batch);
        int n = s[0], h = s[1], w = s[2], c = s[3];
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        double[] m = new double[6 * n];
        for (int i = 0; i < n; i++) {
            double zh = 1 + Images.uniform(rng, heightLower, heightUpper);
            double zw = keepAspect ? zh : 1 + Images.uniform(rng, widthLower, widthUpper);
            m[6 * i] = zw;
            m[6 * i + 2] = cx * (1 - zw);
            m[6 * i + 4] = zh;
            m[6 * i + 5] = cy * (1 - zh);
        }
        float[] out = new float[batch.size()];
        ImageTransforms.affine(batch.data(), out, n, h, w, c, m, fill);
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return keepAspect ? "RandomZoom([" + heightLower + ", " + heightUpper + "], fill " + fill + ")"
                : "RandomZoom(height [" + heightLower + ", " + heightUpper + "], width [" + widthLower + ", "
                        + widthUpper + "], fill " + fill + ")";
    }
}
