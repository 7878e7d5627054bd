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

    /**
     * The backward of one window whose elements no other window reads:
     * {@code dx[corner + tapOff[t] + q] += argmax[o + q] == corner + tapOff[t] + q ? gradOut[o + q] : 0}
     * for every tap t and {@code q < c} — each element of the window is visited once, in order.
     */
    void routeWindow(float[] gradOut, int[] argmax, int o, int corner, int[] tapOff, int taps, float[] dx, int c);

    /** The plain-Java implementation. */
    PoolingOps PLAIN = new PoolingOps() {
        @Override
        public void maxWindow(float[] x, int corner, int[] tapOff, int taps, float[] out, int[] argmax, int o,
                              int c) {
            maxWindowPlain(x, corner, tapOff, taps, out, argmax, o, c);
        }

        @Override
        public void routeWindow(float[] gradOut, int[] argmax, int o, int corner, int[] tapOff, int taps, float[] dx,
                                int c) {
            for (int t = 0; t < taps; t++) {
                int base = corner + tapOff[t];
                for (int q = 0; q < c; q++) {
                    if (argmax[o + q] == base + q) {
                        dx[base + q] += gradOut[o + q];
                    }
                }
            }
        }
    };

    /** {@link #maxWindow} in plain Java. */
    private static void maxWindowPlain(float[] x, int corner, int[] tapOff, int taps, float[] out, int[] argmax, int o,
                                       int c) {
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
    }
}
