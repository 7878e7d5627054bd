package org.hebb.kernels;

/**
 * The streaming loops of a training step that are not GEMM: adding one array into another,
 * a multiply-add into an array, per-position affine maps (batch normalization with its
 * per-channel factors tiled over a band of rows), the ReLU and its gradient mask. On JDK 17, C2's auto-vectorizer leaves these loops scalar
 * here (about 0.6 ns per float even in L2; measured in {@code docs/benchmarks.md}), while the
 * same loop written with the Vector API runs 4-5x faster, so there is a plain implementation
 * and a Vector API one, chosen once at start-up (see {@link Simd}); the plain one is the test
 * oracle of the other. Both give bit-identical results (each element is computed alone, and the
 * multiply-add is fused in both).
 * Front door: {@link Streams}.
 */
interface StreamOps {

    /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < len}. */
    void addInto(float[] dst, int dOff, float[] src, int sOff, int len);

    /** {@code dst[dOff + i] += a[aOff + i] * b[bOff + i]} for {@code i < len} (a fused multiply-add in the vector form). */
    void mulAddInto(float[] dst, int dOff, float[] a, int aOff, float[] b, int bOff, int len);

    /** {@code out[oOff + i] = x[xOff + i] * s[i] + t[i]} for {@code i < len} (fused multiply-add). */
    void affine(float[] x, int xOff, float[] s, float[] t, float[] out, int oOff, int len);

    /** {@code out[oOff + i] = y[from + i] > 0 ? g[from + i] : 0} for {@code i < len} (0 where y is NaN). */
    void maskPositive(float[] g, float[] y, int from, float[] out, int oOff, int len);

    /** {@code x[i] = max(x[i], 0)} for {@code from <= i < to}; NaN stays NaN. */
    void relu(float[] x, int from, int to);

    /** The plain-Java implementation. */
    StreamOps PLAIN = new StreamOps() {
        @Override
        public void addInto(float[] dst, int dOff, float[] src, int sOff, int len) {
            for (int i = 0; i < len; i++) {
                dst[dOff + i] += src[sOff + i];
            }
        }

        @Override
        public void mulAddInto(float[] dst, int dOff, float[] a, int aOff, float[] b, int bOff, int len) {
            for (int i = 0; i < len; i++) {
                dst[dOff + i] = Math.fma(a[aOff + i], b[bOff + i], dst[dOff + i]);
            }
        }

        @Override
        public void affine(float[] x, int xOff, float[] s, float[] t, float[] out, int oOff, int len) {
            for (int i = 0; i < len; i++) {
                out[oOff + i] = Math.fma(x[xOff + i], s[i], t[i]);
            }
        }

        @Override
        public void maskPositive(float[] g, float[] y, int from, float[] out, int oOff, int len) {
            for (int i = 0; i < len; i++) {
                out[oOff + i] = y[from + i] > 0f ? g[from + i] : 0f;
            }
        }

        @Override
        public void relu(float[] x, int from, int to) {
            for (int i = from; i < to; i++) {
                x[i] = Math.max(x[i], 0f);
            }
        }
    };
}
