package org.hebb.kernels;

/**
 * Cache-blocked out-of-place transpose of a strided 2-D block:
 * {@code dst[dstOff + j*ldDst + i] = src[srcOff + i*ldSrc + j]}.
 *
 * <p>A naive transpose reads one array along rows and writes the other along columns, so one
 * side touches a new cache line (and, for large matrices, a new page) on every element. Here
 * the block is cut into {@value #TILE} x {@value #TILE} tiles: the {@value #TILE} source rows
 * of a tile (32 cache lines) stay in L1 while the destination is written contiguously.
 * Permutes of any rank reduce to this kernel (see {@code org.hebb.ops.Permute}).
 */
public final class Transpose {
    /** Edge of the square tiles, in elements (32 floats = two 64-byte cache lines). */
    public static final int TILE = 32;

    private Transpose() {}

    /**
     * Transposes rows {@code [r0, r1)} and columns {@code [c0, c1)} of the source block:
     * {@code dst[dstOff + j*ldDst + i] = src[srcOff + i*ldSrc + j]}.
     */
    public static void tiled(float[] src, int srcOff, int ldSrc, float[] dst, int dstOff, int ldDst,
                             int r0, int r1, int c0, int c1) {
        for (int ii = r0; ii < r1; ii += TILE) {
            int iEnd = Math.min(r1, ii + TILE);
            for (int jj = c0; jj < c1; jj += TILE) {
                int jEnd = Math.min(c1, jj + TILE);
                for (int j = jj; j < jEnd; j++) {
                    int d = dstOff + j * ldDst;
                    int s = srcOff + j;
                    for (int i = ii; i < iEnd; i++) {
                        dst[d + i] = src[s + i * ldSrc];
                    }
                }
            }
        }
    }

    /** The plain two-loop transpose of the same block, for tests and benchmarks. */
    public static void naive(float[] src, int srcOff, int ldSrc, float[] dst, int dstOff, int ldDst,
                             int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[dstOff + j * ldDst + i] = src[srcOff + i * ldSrc + j];
            }
        }
    }
}
