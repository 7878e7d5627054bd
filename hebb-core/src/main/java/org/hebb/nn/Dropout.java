package org.hebb.nn;

import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;

/**
 * Inverted dropout: in training, each element is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 - rate)}, so the expected activation is unchanged and
 * inference is the identity. Shape: any, unchanged. No parameters.
 *
 * <p>Masks draw from the layer's generator if one was set ({@link #rng(Rng)}), else from
 * {@link Rng#global()} — seeded runs drop the same units.
 */
public final class Dropout extends Module {
    private final float rate;
    private Rng rng;

    /** Dropout with probability {@code rate} in [0, 1). */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
    }

    /** Uses {@code r} for the masks; returns {@code this}. */
    public Dropout rng(Rng r) {
        this.rng = r;
        return this;
    }

    /** The drop probability. */
    public float rate() {
        return rate;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        Rng r = rng != null ? rng : Rng.global();
        float scale = 1f / (1f - rate);
        float[] mask = new float[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextFloat() >= rate ? scale : 0f;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** {@code rate}. The generator set by {@link #rng(Rng)} is not part of it. */
    @Override
    public java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = super.config();
        c.put("rate", rate);
        return c;
    }

    @Override
    public String describe() {
        return "Dropout(" + rate + ")";
    }
}
