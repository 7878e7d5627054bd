package org.hebb.kernels;

/**
 * The innermost loop of max pooling: one window, all channels. In NHWC the channel run is short
 * (32 or 64 floats), too short for the JIT's auto-vectorization, so there is a plain
 * implementation and a Vector API one, chosen once at start-up (see {@link Simd}); the plain
 * one is the test oracle of the other.
 */
interface PoolingOps {

    /**
     * {@code out[o + q] = max over taps t of x[corner + tapOff[t] + q]} for {@code q < c}, and,
     * when {@code argmax} is not null, {@code argmax[o + q]} = the index in x of the first
     * maximum in tap order. NaN counts as the maximum (the first NaN wins).
     */
    void maxWindow(float[] x, int corner, int[] tapOff, int taps, float[] out, int[] argmax, int o, int c);

    /** The plain-Java implementation. */
    PoolingOps PLAIN = (x, corner, tapOff, taps, out, argmax, o, c) -> {
        for (int q = 0; q < c; q++) {
            float m = x[corner + q];
            int idx = corner + q;
            for (int t = 1; t < taps; t++) {
                final int at = corner + tapOff[t] + q;
                final float v = x[at];
                final boolean take = v > m || (v != v && m == m);
                m = take ? v : m;
                idx = take ? at : idx;
            }
            out[o + q] = m;
            if (argmax != null) {
                argmax[o + q] = idx;
            }
        }
    };
}
