package org.hebb.data;

import java.util.Arrays;
import org.hebb.tensor.Autograd;
import org.hebb.tensor.Tensor;

/**
 * Standardization {@code (x - mean) / std}, with the mean and standard deviation fitted on the
 * training set only and then applied unchanged to validation and test data (fitting on all
 * data would leak the test set into training) — scikit-learn's {@code StandardScaler}, Keras'
 * {@code Normalization} layer.
 *
 * <p>Two ways to pool the statistics:
 * <ul>
 *   <li>{@link #perFeature()}: one mean/std per position of a sample, over the sample axis only —
 *       for tabular data {@code [N, features]} this is per column; for images, per pixel and channel.
 *   <li>{@link #perChannel()}: one mean/std per entry of the last axis, over every other axis —
 *       for NHWC images {@code [N, H, W, C]} this is per channel (the usual choice for CNNs).
 * </ul>
 * The standard deviation is the population one (divide by N). A feature that is constant on
 * the training set (std below {@code 1e-7 * max(1, |mean|)}, float rounding level) gets std 1, so
 * it becomes 0 rather than infinite (scikit-learn does the same).
 *
 * <pre>{@code
 * Standardizer s = Standardizer.perChannel().fit(train.x());
 * Tensor trainX = s.transform(train.x()), testX = s.transform(test.x());
 * }</pre>
 */
public final class Standardizer {
    private final boolean perChannel;
    private Tensor mean;
    private Tensor std;
    private int[] fittedShape;

    private Standardizer(boolean perChannel) {
        this.perChannel = perChannel;
    }

    /** A standardizer with one mean/std per sample position (statistics over axis 0). */
    public static Standardizer perFeature() {
        return new Standardizer(false);
    }

    /** A standardizer with one mean/std per channel (statistics over every axis but the last). */
    public static Standardizer perChannel() {
        return new Standardizer(true);
    }

    /**
     * Computes the mean and std from {@code x} (the training inputs {@code [N, ...]}, N &gt;= 1);
     * refitting replaces earlier statistics. Returns this standardizer.
     *
     * @throws IllegalArgumentException if {@code x} has no sample axis, no samples, or a non-finite value
     */
    public Standardizer fit(Tensor x) {
        int[] s = x.shape();
        if (s.length < (perChannel ? 2 : 1) || s[0] < 1) {
            throw new IllegalArgumentException(name() + ".fit: expected training inputs [N, ...] with N >= 1"
                    + (perChannel ? " and a channel axis" : "") + ", got shape " + Arrays.toString(s));
        }
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(name() + ".fit: value " + d[i] + " at flat index " + i
                        + " is not finite");
            }
        }
        int[] axes = perChannel ? range(s.length - 1) : new int[] {0};
        try (var scope = Autograd.noGrad()) {
            Tensor m = x.detach().mean(axes, false);
            Tensor v = x.detach().var(axes, false);
            float[] md = m.data();
            float[] vd = v.data();
            float[] sd = new float[vd.length];
            for (int i = 0; i < sd.length; i++) {
                double sigma = Math.sqrt(Math.max(0, vd[i]));
                sd[i] = sigma < 1e-7 * Math.max(1, Math.abs(md[i])) ? 1f : (float) sigma;
            }
            this.mean = Tensor.of(md.clone(), m.shape());
            this.std = Tensor.of(sd, m.shape());
        }
        this.fittedShape = s;
        return this;
    }

    /**
     * {@code (x - mean) / std} with the fitted statistics, a new tensor of {@code x}'s shape.
     *
     * @throws IllegalStateException    if called before {@link #fit}
     * @throws IllegalArgumentException if {@code x}'s per-sample shape (per feature) or rank and
     *                                  channel count (per channel) differ from the fitted data's
     */
    public Tensor transform(Tensor x) {
        check("transform", x);
        return x.sub(mean).div(std);
    }

    /** {@code x * std + mean}: undoes {@link #transform}. Same checks. */
    public Tensor inverseTransform(Tensor x) {
        check("inverseTransform", x);
        return x.mul(std).add(mean);
    }

    /** {@link #fit} on {@code x}, then {@link #transform} of {@code x}. */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /** Whether {@link #fit} has been called. */
    public boolean isFitted() {
        return mean != null;
    }

    /** The fitted means: the sample shape (per feature) or {@code [C]} (per channel). */
    public Tensor mean() {
        requireFitted("mean");
        return mean;
    }

    /** The fitted standard deviations (1 where the feature was constant), shaped like {@link #mean()}. */
    public Tensor std() {
        requireFitted("std");
        return std;
    }

    private void check(String op, Tensor x) {
        requireFitted(op);
        int[] s = x.shape();
        boolean ok = perChannel
                ? s.length == fittedShape.length && s[s.length - 1] == fittedShape[fittedShape.length - 1]
                : s.length == fittedShape.length && Arrays.equals(Arrays.copyOfRange(s, 1, s.length),
                        Arrays.copyOfRange(fittedShape, 1, fittedShape.length));
        if (!ok) {
            String want = perChannel ? "rank " + fittedShape.length + " with " + fittedShape[fittedShape.length - 1]
                    + " channels" : "samples of shape " + Arrays.toString(Arrays.copyOfRange(fittedShape, 1, fittedShape.length));
            throw new IllegalArgumentException(name() + "." + op + ": fitted on " + Arrays.toString(fittedShape)
                    + ", expected " + want + ", got shape " + Arrays.toString(s));
        }
    }

    private void requireFitted(String op) {
        if (mean == null) {
            throw new IllegalStateException(name() + "." + op + ": not fitted; call fit(trainX) first");
        }
    }

    private String name() {
        return perChannel ? "Standardizer(per channel)" : "Standardizer(per feature)";
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
