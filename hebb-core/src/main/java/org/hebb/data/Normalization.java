package org.hebb.data;

import java.util.Arrays;
import org.hebb.kernels.ImageTransforms;
import org.hebb.tensor.Autograd;
import org.hebb.tensor.Tensor;

/**
 * Scaling of raw pixel values to [0, 1], the guide's {@code x / 255.0}. For standardization
 * (zero mean, unit variance, fitted on the training set) see {@link Standardizer}.
 */
public final class Normalization {
    private Normalization() {}

    /**
     * {@code x / 255}: 8-bit pixel values {@code 0..255} scaled to [0, 1], same shape, a new tensor.
     *
     * @throws IllegalArgumentException if a value lies outside [0, 255] (the input was not raw
     *                                  8-bit pixels; already scaled data would silently shrink)
     */
    public static Tensor scale01(Tensor x) {
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (!(v >= 0f && v <= 255f)) {
                throw new IllegalArgumentException("Normalization.scale01: expected pixel values in [0, 255], got " + v
                        + " at flat index " + i + " of a tensor of shape " + Arrays.toString(x.shape()));
            }
        }
        try (var scope = Autograd.noGrad()) {
            return x.div(Tensor.scalar(255f));
        }
    }

    /**
     * Unsigned bytes (pixels {@code 0..255}, as read from IDX files) as floats {@code / 255}, in
     * a tensor of the given shape.
     *
     * @throws IllegalArgumentException if the shape does not hold {@code pixels.length} values
     */
    public static Tensor scale01(byte[] pixels, int... shape) {
        float[] out = new float[pixels.length];
        ImageTransforms.unsignedBytes(pixels, out, 255f);
        return Tensor.of(out, shape);
    }
}
