package org.hebb.kernels;

/**
 * The front door of matrix multiplication: {@code C = op(A) * op(B)}, or {@code C += ...} when
 * {@code accumulate}, all float32, row-major, with leading dimensions (row strides).
 *
 * <ul>
 *   <li>{@code op(A)} is {@code [m, k]}: A is stored {@code [m, k]} (lda >= k), or {@code [k, m]}
 *       when {@code transA} (lda >= m).</li>
 *   <li>{@code op(B)} is {@code [k, n]}: B is stored {@code [k, n]} (ldb >= n), or {@code [n, k]}
 *       when {@code transB} (ldb >= k).</li>
 *   <li>C is {@code [m, n]} (ldc >= n).</li>
 * </ul>
 *
 * <p>All four transpose combinations run without materializing a transpose, so backward
 * passes ({@code dA = dC * B^T}, {@code dB = A^T * dC}) cost one call each.
 */
public final class Gemm {
    private Gemm() {}

    /** {@code C (+)= op(A) * op(B)}; see the class comment for layouts. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        GemmReference.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Contiguous form: lda, ldb, ldc are the stored row lengths. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        gemm(transA, transB, m, n, k, a, aOff, transA ? m : k, b, bOff, transB ? k : n, c, cOff, n, accumulate);
    }
}
