package org.hebb.kernels;

/**
 * The GEMM micro-kernel in plain Java, used when the Vector API is not readable: a 4 x 16 tile
 * kept in a small array whose inner loop over 16 columns C2 can auto-vectorize. Blocking,
 * packing and threads are {@link BlockedGemm}'s, shared with {@link GemmVector}.
 */
final class GemmPlain extends BlockedGemm {
    private static final int MR = 4;
    private static final int NR = 16;

    /** The one instance. */
    static final GemmPlain INSTANCE = new GemmPlain(DIRECT_A_MAX_COLS);

    /** A plain GEMM reading A in place for tiles up to {@code directMaxCols} wide (tests vary it). */
    GemmPlain(int directMaxCols) {
        super(MR, MR, NR, directMaxCols);
    }

    @Override
    String name() {
        return "plain";
    }

    @Override
    void kernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean add) {
        columnsKernel(kc, a, aOff, MR, b, bOff, c, cOff, ldc, add);
    }

    @Override
    void kernelRows(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                    boolean add) {
        float[] t = new float[MR * NR];
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            for (int r = 0; r < MR; r++) {
                float av = a[aOff + r * lda + p];
                int ti = r * NR;
                for (int j = 0; j < NR; j++) {
                    t[ti + j] += av * b[bi + j];
                }
            }
        }
        store(t, c, cOff, ldc, add);
    }

    @Override
    void kernelCols(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                    boolean add) {
        columnsKernel(kc, a, aOff, lda, b, bOff, c, cOff, ldc, add);
    }

    /**
     * The tile for an A panel whose k step p holds MR consecutive floats at {@code aOff + p*stride}:
     * a packed panel (stride MR) or a transposed A read in place (stride lda).
     */
    private static void columnsKernel(int kc, float[] a, int aOff, int stride, float[] b, int bOff, float[] c,
                                      int cOff, int ldc, boolean add) {
        float[] t = new float[MR * NR];
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * stride;
            int bi = bOff + p * NR;
            for (int r = 0; r < MR; r++) {
                float av = a[ai + r];
                int ti = r * NR;
                for (int j = 0; j < NR; j++) {
                    t[ti + j] += av * b[bi + j];
                }
            }
        }
        store(t, c, cOff, ldc, add);
    }

    private static void store(float[] t, float[] c, int cOff, int ldc, boolean add) {
        for (int r = 0; r < MR; r++) {
            int ci = cOff + r * ldc;
            int ti = r * NR;
            if (add) {
                for (int j = 0; j < NR; j++) {
                    c[ci + j] += t[ti + j];
                }
            } else {
                System.arraycopy(t, ti, c, ci, NR);
            }
        }
    }
}
