package org.hebb.kernels;

/**
 * The plainest correct GEMM, {@code C = op(A) * op(B) (+ C)}: the test oracle every fast GEMM
 * is checked against. Same arguments as {@link Gemm#gemm}; accumulates each dot product in
 * double, in increasing k.
 */
public final class GemmReference {
    private GemmReference() {}

    /** See {@link Gemm#gemm}. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) av * bv;
                }
                c[cOff + i * ldc + j] = (float) s;
            }
        }
    }
}
