package org.hebb.data.augment;

import org.hebb.kernels.ImageTransforms;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;

/**
 * Mirrors each image of an NHWC batch with probability 1/2, independently per image, as
 * Keras' {@code RandomFlip}: left-right ({@link #horizontal()}), top-bottom
 * ({@link #vertical()}) or both, each axis decided by its own draw.
 *
 * <p>Draws one number per image and flipped axis (horizontal first) from the {@link Rng} it is given.
 */
public final class RandomFlip implements Augmentation {
    private final boolean horizontal;
    private final boolean vertical;

    private RandomFlip(boolean horizontal, boolean vertical) {
        this.horizontal = horizontal;
        this.vertical = vertical;
    }

    /** Left-right flips (Keras {@code mode="horizontal"}), the usual choice for photographs and clothes. */
    public static RandomFlip horizontal() {
        return new RandomFlip(true, false);
    }

    /** Top-bottom flips (Keras {@code mode="vertical"}). */
    public static RandomFlip vertical() {
        return new RandomFlip(false, true);
    }

    /** Left-right and top-bottom flips, decided independently (Keras' default mode). */
    public static RandomFlip horizontalAndVertical() {
        return new RandomFlip(true, true);
    }

    /** The batch {@code [N, H, W, C]} with each image flipped or not by its own draws. */
    @Override
    public Tensor apply(Tensor batch, Rng rng) {
        int[] s = Images.nhwc("RandomFlip", batch);
        int n = s[0];
        boolean[] h = horizontal ? new boolean[n] : null;
        boolean[] v = vertical ? new boolean[n] : null;
        for (int i = 0; i < n; i++) {
            if (h != null) {
                h[i] = rng.nextDouble() < 0.5;
            }
            if (v != null) {
                v[i] = rng.nextDouble() < 0.5;
            }
        }
        float[] out = new float[batch.size()];
        ImageTransforms.flip(batch.data(), out, n, s[1], s[2], s[3], h, v);
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return "RandomFlip(" + (horizontal && vertical ? "horizontal and vertical" : horizontal ? "horizontal" : "vertical")
                + ")";
    }
}
