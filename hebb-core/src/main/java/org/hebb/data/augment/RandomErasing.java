package org.hebb.data.augment;

import org.hebb.kernels.ImageTransforms;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;

/**
 * Random erasing (Zhong et al., "Random Erasing Data Augmentation", 2017): with probability
 * {@code p} per image, a rectangle of random area and aspect ratio is overwritten — by default
 * with random values uniform in [0, 1) for every pixel and channel (the paper's best variant,
 * for images scaled to [0, 1]), or with a constant via {@link #fill(float)}.
 *
 * <p>The rectangle follows the paper: its area is {@code S_e = s * H * W} with {@code s}
 * uniform in {@code [minArea, maxArea]}, its aspect ratio {@code r = H_e / W_e} uniform in
 * {@code [minAspect, 1 / minAspect]}, so {@code H_e = round(sqrt(S_e r))},
 * {@code W_e = round(sqrt(S_e / r))}; a rectangle that does not fit is drawn again (up to 100
 * tries, as the authors' code; the image is left as it is if none fits), and its top-left corner
 * is uniform over the positions where it fits. Defaults are the paper's: {@code p = 0.5},
 * area in [0.02, 0.4], {@code minAspect = 0.3}.
 *
 * <p>Per image it draws one number for the decision and, if erasing, four per try and then
 * one per erased value (random fill) from the {@link Rng} it is given.
 */
public final class RandomErasing implements Augmentation {
    /** Rectangle draws per image before giving up, as the authors' code. */
    static final int ATTEMPTS = 100;

    private final double probability;
    private final double minArea;
    private final double maxArea;
    private final double minAspect;
    private final boolean randomFill;
    private final float low;
    private final float high;

    /** The paper's defaults: {@code p = 0.5}, area fraction in [0.02, 0.4], aspect ratio in [0.3, 1/0.3], random fill. */
    public RandomErasing() {
        this(0.5, 0.02, 0.4, 0.3);
    }

    /**
     * Erasing with probability {@code probability} per image, area fraction in
     * {@code [minArea, maxArea]} and aspect ratio in {@code [minAspect, 1 / minAspect]}, filled with
     * random values in [0, 1).
     *
     * @param probability in [0, 1]
     * @param minArea     in (0, 1], at most {@code maxArea}
     * @param maxArea     in (0, 1]
     * @param minAspect   in (0, 1]
     */
    public RandomErasing(double probability, double minArea, double maxArea, double minAspect) {
        this(probability, minArea, maxArea, minAspect, true, 0f, 1f);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("RandomErasing: probability must be in [0, 1], got " + probability);
        }
        if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) {
            throw new IllegalArgumentException("RandomErasing: area range must satisfy 0 < min <= max <= 1, got ["
                    + minArea + ", " + maxArea + "]");
        }
        if (!(minAspect > 0 && minAspect <= 1)) {
            throw new IllegalArgumentException("RandomErasing: minimum aspect ratio must be in (0, 1], got " + minAspect);
        }
    }

    private RandomErasing(double p, double minArea, double maxArea, double minAspect, boolean randomFill, float low,
            float high) {
        this.probability = p;
        this.minArea = minArea;
        this.maxArea = maxArea;
        this.minAspect = minAspect;
        this.randomFill = randomFill;
        this.low = low;
        this.high = high;
    }

    /** The same erasing, overwriting rectangles with the constant {@code value} (torchvision's default is 0). */
    public RandomErasing fill(float value) {
        return new RandomErasing(probability, minArea, maxArea, minAspect, false, value, value);
    }

    /** The same erasing, overwriting rectangles with values uniform in {@code [low, high)}. */
    public RandomErasing randomFill(float low, float high) {
        if (!(Float.isFinite(low) && Float.isFinite(high) && low <= high)) {
            throw new IllegalArgumentException("RandomErasing: random fill range must be finite with low <= high, got ["
                    + low + ", " + high + ")");
        }
        return new RandomErasing(probability, minArea, maxArea, minAspect, true, low, high);
    }

    /** The batch {@code [N, H, W, C]} with a random rectangle erased in some of the images. */
    @Override
    public Tensor apply(Tensor batch, Rng rng) {
        int[] s = Images.nhwc("RandomErasing", batch);
        int n = s[0], h = s[1], w = s[2], c = s[3];
        float[] out = batch.data().clone();
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() >= probability) {
                continue;
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double area = Images.uniform(rng, minArea, maxArea) * h * w;
                double aspect = Images.uniform(rng, minAspect, 1 / minAspect);
                int eh = (int) Math.round(Math.sqrt(area * aspect));
                int ew = (int) Math.round(Math.sqrt(area / aspect));
                if (eh < 1 || ew < 1 || eh > h || ew > w) {
                    continue;
                }
                int top = rng.nextInt(h - eh + 1);
                int left = rng.nextInt(w - ew + 1);
                float[] values = null;
                if (randomFill) {
                    values = new float[eh * ew * c];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = low + (high - low) * rng.nextFloat();
                    }
                }
                ImageTransforms.fillRect(out, i, h, w, c, top, left, eh, ew, values, low);
                break;
            }
        }
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return "RandomErasing(p " + probability + ", area [" + minArea + ", " + maxArea + "], aspect [" + minAspect
                + ", " + 1 / minAspect + "], " + (randomFill ? "random fill [" + low + ", " + high + ")" : "fill " + low)
                + ")";
    }
}
