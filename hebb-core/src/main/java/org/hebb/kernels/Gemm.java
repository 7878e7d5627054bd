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
 * passes ({@code dA = dC * B^T}, {@code dB = A^T * dC}) cost one call each. C must not overlap A
 * or B.
 *
 * <p>The work is done by a cache- and register-blocked GEMM ({@link BlockedGemm}) whose
 * micro-kernel uses the Vector API when {@code jdk.incubator.vector} is readable and plain Java
 * otherwise, chosen once when this class is loaded ({@link #implementation()} says which). It
 * runs on the {@link Parallel} pool with tiles fixed by {@code m, n, k}, so the result is
 * bit-identical for any thread count; a product at most one vector wide (n <= 16 with 512-bit
 * vectors) uses micro-kernels one vector wide ({@code GemmVectorNarrow}), a choice made from n
 * alone. Sums over k are rounded in float32 (with fused
 * multiply-adds on the vector path), in k blocks of at most 256 added in increasing k.
 */
public final class Gemm {
    private static final BlockedGemm IMPL = Simd.load("org.hebb.kernels.GemmVector", BlockedGemm.class,
            GemmPlain.INSTANCE);
    /**
     * The one-vector-wide vector kernels, for products with at most {@code NARROW.nr} columns
     * (where IMPL's two-vector tile would multiply a zero half); IMPL itself when that is plain.
     */
    private static final BlockedGemm NARROW = IMPL == GemmPlain.INSTANCE ? IMPL
            : Simd.load("org.hebb.kernels.GemmVectorNarrow", BlockedGemm.class, IMPL);

    private Gemm() {}

    /**
     * The active implementation: {@code "vector-512"} (or {@code "vector-256"}, the width of the
     * preferred float vector) when the Vector API is used, {@code "plain"} otherwise.
     */
    public static String implementation() {
        return IMPL.name();
    }

    /**
     * {@code C (+)= op(A) * op(B)}; see the class comment for layouts.
     *
     * @throws IllegalArgumentException if a size, offset or leading dimension is negative or too
     *     small, or an array is too short for the matrix it holds
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        run(choose(n), transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                accumulate);
    }

    /** The implementation used for a product with {@code n} columns. */
    static BlockedGemm choose(int n) {
        return n <= NARROW.nr ? NARROW : IMPL;
    }

    /** Contiguous form: lda, ldb, ldc are the stored row lengths. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        gemm(transA, transB, m, n, k, a, aOff, transA ? m : k, b, bOff, transB ? k : n, c, cOff, n, accumulate);
    }

    /** Validates the arguments and runs {@code impl}; tests call it with either implementation. */
    static void run(BlockedGemm impl, boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k > 0) {
            check("A", transA ? k : m, transA ? m : k, a, aOff, lda, transA);
            check("B", transB ? n : k, transB ? k : n, b, bOff, ldb, transB);
        }
        check("C", m, n, c, cOff, ldc, false);
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        impl.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Checks that {@code x} holds a stored {@code [rows, cols]} matrix at {@code off} with row stride {@code ld}. */
    private static void check(String name, int rows, int cols, float[] x, int off, int ld, boolean trans) {
        String what = name + (trans ? " (transposed)" : "") + " stored [" + rows + ", " + cols + "]";
        if (x == null) {
            throw new IllegalArgumentException("gemm: " + what + " is null");
        }
        if (ld < cols) {
            throw new IllegalArgumentException("gemm: " + what + " needs a leading dimension >= "
                    + cols + ", got " + ld);
        }
        if (off < 0) {
            throw new IllegalArgumentException("gemm: " + what + " has a negative offset " + off);
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException("gemm: " + what + " at offset " + off + " with leading dimension "
                    + ld + " needs " + end + " floats, but the array has " + x.length);
        }
    }
}
