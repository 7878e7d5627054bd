package org.hebb.data.augment;

import java.util.Arrays;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;

/** Shape checks and parameter draws shared by the augmentations. */
final class Images {
    private Images() {}

    /** The shape of {@code batch}, checked to be a batch of images {@code [N, height, width, channels]}. */
    static int[] nhwc(String name, Tensor batch) {
        if (batch == null) {
            throw new IllegalArgumentException(name + ": expected a batch of images [N, height, width, channels], got null");
        }
        int[] s = batch.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(name + ": expected a batch of images [N, height, width, channels], got shape "
                    + Arrays.toString(s));
        }
        return s;
    }

    /** Uniform in {@code [lo, hi]} (exactly {@code lo} when the range is empty); always one draw. */
    static double uniform(Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Checks {@code lo <= hi}, both finite and within {@code [min, max]}. */
    static void checkRange(String name, String what, double lo, double hi, double min, double max) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi && lo >= min && hi <= max)) {
            throw new IllegalArgumentException(name + ": " + what + " range must satisfy " + min + " <= lower <= upper <= "
                    + max + ", got [" + lo + ", " + hi + "]");
        }
    }

    /** Checks a symmetric factor {@code f} in {@code [0, max]}. */
    static void checkFactor(String name, String what, double f, double max) {
        if (!(f >= 0 && f <= max)) {
            throw new IllegalArgumentException(name + ": " + what + " must be in [0, " + max + "], got " + f);
        }
    }
}
