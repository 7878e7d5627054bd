package org.hebb.data.augment;

import org.hebb.kernels.ImageTransforms;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;

/**
 * Shifts each image of an NHWC batch by a random offset, as Keras' {@code RandomTranslation}:
 * a vertical shift of {@code u * height} pixels with {@code u} uniform in
 * {@code [heightLower, heightUpper]} (positive moves the content down) and a horizontal shift of
 * {@code v * width} pixels with {@code v} uniform in {@code [widthLower, widthUpper]} (positive
 * moves it right). Shifts need not be whole pixels: values are sampled bilinearly, and pixels
 * shifted in from outside are {@link #fill(float) filled} with 0 (Keras' default fill is
 * "reflect"; hebb fills with a constant). {@link #nearest()} rounds each shift to whole pixels
 * (Keras' {@code interpolation="nearest"}; for 28x28 images and a factor of 0.1 that is He et
 * al.'s pad-and-crop, up to 3 pixels each way): the images stay as sharp as the test images,
 * where bilinear half-pixel shifts blur them.
 *
 * <p>Draws two numbers per image (vertical, then horizontal) from the {@link Rng} it is given.
 */
public final class RandomTranslation implements Augmentation {
    private final double heightLower;
    private final double heightUpper;
    private final double widthLower;
    private final double widthUpper;
    private final float fill;
    private final boolean nearest;

    /**
     * Shifts of up to {@code heightFactor} of the height and {@code widthFactor} of the width
     * either way (Keras: {@code RandomTranslation(height_factor, width_factor)}).
     *
     * @param heightFactor in [0, 1]
     * @param widthFactor  in [0, 1]
     */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(-check(heightFactor, "height factor"), heightFactor, -check(widthFactor, "width factor"), widthFactor,
                0f, false);
    }

    private RandomTranslation(double hl, double hu, double wl, double wu, float fill, boolean nearest) {
        this.heightLower = hl;
        this.heightUpper = hu;
        this.widthLower = wl;
        this.widthUpper = wu;
        this.fill = fill;
        this.nearest = nearest;
    }

    /**
     * Shifts drawn from explicit ranges, as fractions of the height and width in [-1, 1]
     * (Keras' tuple form); {@code ranges(0.25, 0.25, 0, 0)} moves every image down by a quarter
     * of its height.
     */
    public static RandomTranslation ranges(double heightLower, double heightUpper, double widthLower,
            double widthUpper) {
        Images.checkRange("RandomTranslation", "height", heightLower, heightUpper, -1, 1);
        Images.checkRange("RandomTranslation", "width", widthLower, widthUpper, -1, 1);
        return new RandomTranslation(heightLower, heightUpper, widthLower, widthUpper, 0f, false);
    }

    /** The same translation filling uncovered pixels with {@code value} instead of 0. */
    public RandomTranslation fill(float value) {
        return new RandomTranslation(heightLower, heightUpper, widthLower, widthUpper, value, nearest);
    }

    /**
     * The same translation with each shift rounded to the nearest whole pixel (halves away from
     * zero): every output pixel is a copy of an input pixel or the fill, none a blend.
     */
    public RandomTranslation nearest() {
        return new RandomTranslation(heightLower, heightUpper, widthLower, widthUpper, fill, true);
    }

    private static double check(double factor, String what) {
        Images.checkFactor("RandomTranslation", what, factor, 1);
        return factor;
    }

    /** The batch {@code [N, H, W, C]} with each image shifted by its own random offset. */
    @Override
    public Tensor apply(Tensor batch, Rng rng) {
        int[] s = Images.nhwc("RandomTranslation", batch);
        int n = s[0], h = s[1], w = s[2], c = s[3];
        double[] m = new double[6 * n];
        for (int i = 0; i < n; i++) {
            double dy = Images.uniform(rng, heightLower, heightUpper) * h;
            double dx = Images.uniform(rng, widthLower, widthUpper) * w;
            if (nearest) {
                dy = Math.signum(dy) * Math.round(Math.abs(dy));
                dx = Math.signum(dx) * Math.round(Math.abs(dx));
            }
            m[6 * i] = 1;
            m[6 * i + 2] = -dx;
            m[6 * i + 4] = 1;
            m[6 * i + 5] = -dy;
        }
        float[] out = new float[batch.size()];
        ImageTransforms.affine(batch.data(), out, n, h, w, c, m, fill);
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return "RandomTranslation(height [" + heightLower + ", " + heightUpper + "], width [" + widthLower + ", "
                + widthUpper + "], fill " + fill + (nearest ? ", nearest" : "") + ")";
    }
}
