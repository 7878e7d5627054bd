package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernels of {@link GemmVector} one vector wide: a tile is {@code rows x lanes}
 * columns (16 with 512-bit vectors), for products whose op(B) has at most that many columns
 * (a convolution with 16 filters, or its weight gradient), where the two-vector tile would
 * multiply a zero half. Every k step loads one vector of the packed B panel, broadcasts one
 * element of A per row and does one fused multiply-add per row; with one FMA per broadcast
 * the tile needs more rows to keep both FMA ports busy: every kernel has 16 (measured on
 * a convolution's forward product, 784 x 16 x 144: 8 or 12 rows read in place ran 10-15%
 * slower than 16). Chosen by {@link Gemm} from n alone, so results stay bit-identical for any
 * thread count. Written by {@code scripts/gen_gemm_vector.py narrow}; change the script, not
 * this file.
 *
 * <p>Loaded by name through {@link Simd#load} only when {@code jdk.incubator.vector} is
 * readable; no other class refers to it directly, so a JVM without the module never loads it.
 *
 * <p>What makes it fast, and what keeps C2 (JDK 17) from making it slow:
 * <ul>
 *   <li>every array index is a loop variable plus a constant, or {@code base + p * constant}
 *       with a loop-invariant base, so C2 hoists the bounds checks out of the k loop; the
 *       packed kernels loop over A's index itself ({@code ai += MR}), which leaves C2 fewer
 *       scalar instructions per step than deriving it from p;</li>
 *   <li>there is no scalar edge path (the driver pads panels);</li>
 *   <li>many accumulators hide the FMA latency on two FMA ports, and more rows per tile mean
 *       fewer loads of B per multiply-add;</li>
 *   <li>each vector is a separate local variable (no arrays of vectors), no vector value flows
 *       out of an {@code if}, and each method stays small enough that C2 inlines every Vector
 *       API call: a call it fails to inline, or a merge of vectors, makes it allocate vector
 *       boxes in the hot path, and the kernel then runs at a few GFLOP/s. Hence one method per
 *       case, overwrite ({@code Set}) and accumulate ({@code Add});</li>
 *   <li>the accumulators start from zero in both, and {@code Add} adds C in after the loop:
 *       loading C first kept twelve row offsets live across the loop, and C2 then spilled
 *       registers in the loop, in some runs and not others. With both changes the packed
 *       kernel ran 11-28% faster in L1 than before, in each of 10 runs (by itself, the loop
 *       over A's index was faster in half the runs and slower in the other half).</li>
 * </ul>
 */
final class GemmVectorNarrow extends BlockedGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 16;
    private static final int MR_ROWS = 16;
    private static final int NR = 1 * L;
    /** K steps packed per gather in {@link #packRows}: the fewest whose MR rows fill whole vectors. */
    private static final int GROUP = L / gcd(MR, L);

    /**
     * Creates the vector GEMM.
     *
     * @throws UnsupportedOperationException when the preferred vectors are narrower than 256
     *     bits, where the plain kernel is as good
     */
    GemmVectorNarrow() {
        this(DIRECT_A_MAX_COLS);
    }

    /** A vector GEMM reading A in place for tiles up to {@code directMaxCols} wide (tests vary it). */
    GemmVectorNarrow(int directMaxCols) {
        super(MR, MR_ROWS, NR, directMaxCols);
        if (S.vectorBitSize() < 256) {
            throw new UnsupportedOperationException("vectors of " + S.vectorBitSize() + " bits are too narrow");
        }
    }

    @Override
    String name() {
        return "vector-" + S.vectorBitSize() + "-narrow";
    }

    @Override
    void kernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean add) {
        if (add) {
            kernelAdd(kc, a, aOff, b, bOff, c, cOff, ldc);
        } else {
            kernelSet(kc, a, aOff, b, bOff, c, cOff, ldc);
        }
    }

    @Override
    void kernelRows(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                    boolean add) {
        if (add) {
            kernelRowsAdd(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        } else {
            kernelRowsSet(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        }
    }

    @Override
    void kernelCols(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc,
                    boolean add) {
        if (add) {
            kernelColsAdd(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        } else {
            kernelColsSet(kc, a, aOff, lda, b, bOff, c, cOff, ldc);
        }
    }

    @Override
    void copyRows(int rows, int panels, float[] b, int src, int ldb, float[] pb, int dst, int panelStride) {
        for (int p = 0; p < rows; p++) {
            int s = src + p * ldb;
            int d = dst + p * NR;
            for (int q = 0; q < panels; q++) {
                FloatVector.fromArray(S, b, s + q * NR).intoArray(pb, d + q * panelStride);
            }
        }
    }

    @Override
    void packRows(int panels, int kc, float[] a, int src, int lda, float[] pa, int dst) {
        // Gathers: {@code GROUP} k steps of a panel are GROUP * MR consecutive packed floats,
        // a whole number of vectors, each gathered from the MR rows through one index map (built
        // once per call: it depends on lda only).
        int[] map = new int[GROUP * MR];
        for (int e = 0; e < map.length; e++) {
            map[e] = (e % MR) * lda + e / MR;
        }
        for (int q = 0; q < panels; q++) {
            int s0 = src + q * MR * lda;
            int d0 = dst + q * MR * kc;
            int p = 0;
            for (; p + GROUP <= kc; p += GROUP) {
                int s = s0 + p;
                int d = d0 + p * MR;
                for (int v = 0; v < GROUP * MR; v += L) {
                    FloatVector.fromArray(S, a, s, map, v).intoArray(pa, d + v);
                }
            }
            for (; p < kc; p++) {
                for (int i = 0; i < MR; i++) {
                    pa[d0 + p * MR + i] = a[s0 + i * lda + p];
                }
            }
        }
    }

    /** {@code C = Ap * Bp} for a 16-row packed A panel; see {@link BlockedGemm#kernel}. */
    private static void kernelSet(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        FloatVector c80 = z, c90 = z, c100 = z, c110 = z, c120 = z, c130 = z, c140 = z, c150 = z;
        int aEnd = aOff + kc * MR;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            av = FloatVector.broadcast(S, a[ai + 8]);
            c80 = av.fma(b0, c80);
            av = FloatVector.broadcast(S, a[ai + 9]);
            c90 = av.fma(b0, c90);
            av = FloatVector.broadcast(S, a[ai + 10]);
            c100 = av.fma(b0, c100);
            av = FloatVector.broadcast(S, a[ai + 11]);
            c110 = av.fma(b0, c110);
            av = FloatVector.broadcast(S, a[ai + 12]);
            c120 = av.fma(b0, c120);
            av = FloatVector.broadcast(S, a[ai + 13]);
            c130 = av.fma(b0, c130);
            av = FloatVector.broadcast(S, a[ai + 14]);
            c140 = av.fma(b0, c140);
            av = FloatVector.broadcast(S, a[ai + 15]);
            c150 = av.fma(b0, c150);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        int r8 = r7 + ldc;
        int r9 = r8 + ldc;
        int r10 = r9 + ldc;
        int r11 = r10 + ldc;
        int r12 = r11 + ldc;
        int r13 = r12 + ldc;
        int r14 = r13 + ldc;
        int r15 = r14 + ldc;
        c00.intoArray(c, r0);
        c10.intoArray(c, r1);
        c20.intoArray(c, r2);
        c30.intoArray(c, r3);
        c40.intoArray(c, r4);
        c50.intoArray(c, r5);
        c60.intoArray(c, r6);
        c70.intoArray(c, r7);
        c80.intoArray(c, r8);
        c90.intoArray(c, r9);
        c100.intoArray(c, r10);
        c110.intoArray(c, r11);
        c120.intoArray(c, r12);
        c130.intoArray(c, r13);
        c140.intoArray(c, r14);
        c150.intoArray(c, r15);
    }

    /** {@code C += Ap * Bp} for a 16-row packed A panel; see {@link BlockedGemm#kernel}. */
    private static void kernelAdd(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        FloatVector c80 = z, c90 = z, c100 = z, c110 = z, c120 = z, c130 = z, c140 = z, c150 = z;
        int aEnd = aOff + kc * MR;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            av = FloatVector.broadcast(S, a[ai + 8]);
            c80 = av.fma(b0, c80);
            av = FloatVector.broadcast(S, a[ai + 9]);
            c90 = av.fma(b0, c90);
            av = FloatVector.broadcast(S, a[ai + 10]);
            c100 = av.fma(b0, c100);
            av = FloatVector.broadcast(S, a[ai + 11]);
            c110 = av.fma(b0, c110);
            av = FloatVector.broadcast(S, a[ai + 12]);
            c120 = av.fma(b0, c120);
            av = FloatVector.broadcast(S, a[ai + 13]);
            c130 = av.fma(b0, c130);
            av = FloatVector.broadcast(S, a[ai + 14]);
            c140 = av.fma(b0, c140);
            av = FloatVector.broadcast(S, a[ai + 15]);
            c150 = av.fma(b0, c150);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        int r8 = r7 + ldc;
        int r9 = r8 + ldc;
        int r10 = r9 + ldc;
        int r11 = r10 + ldc;
        int r12 = r11 + ldc;
        int r13 = r12 + ldc;
        int r14 = r13 + ldc;
        int r15 = r14 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c60.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c70.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c80.add(FloatVector.fromArray(S, c, r8)).intoArray(c, r8);
        c90.add(FloatVector.fromArray(S, c, r9)).intoArray(c, r9);
        c100.add(FloatVector.fromArray(S, c, r10)).intoArray(c, r10);
        c110.add(FloatVector.fromArray(S, c, r11)).intoArray(c, r11);
        c120.add(FloatVector.fromArray(S, c, r12)).intoArray(c, r12);
        c130.add(FloatVector.fromArray(S, c, r13)).intoArray(c, r13);
        c140.add(FloatVector.fromArray(S, c, r14)).intoArray(c, r14);
        c150.add(FloatVector.fromArray(S, c, r15)).intoArray(c, r15);
    }

    /** {@code C = A * Bp} for 16 rows of A read in place; see {@link BlockedGemm#kernelRows}. */
    private static void kernelRowsSet(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff,
                                      int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        FloatVector c80 = z, c90 = z, c100 = z, c110 = z, c120 = z, c130 = z, c140 = z, c150 = z;
        int a0 = aOff;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        int a8 = a7 + lda;
        int a9 = a8 + lda;
        int a10 = a9 + lda;
        int a11 = a10 + lda;
        int a12 = a11 + lda;
        int a13 = a12 + lda;
        int a14 = a13 + lda;
        int a15 = a14 + lda;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            av = FloatVector.broadcast(S, a[a8 + p]);
            c80 = av.fma(b0, c80);
            av = FloatVector.broadcast(S, a[a9 + p]);
            c90 = av.fma(b0, c90);
            av = FloatVector.broadcast(S, a[a10 + p]);
            c100 = av.fma(b0, c100);
            av = FloatVector.broadcast(S, a[a11 + p]);
            c110 = av.fma(b0, c110);
            av = FloatVector.broadcast(S, a[a12 + p]);
            c120 = av.fma(b0, c120);
            av = FloatVector.broadcast(S, a[a13 + p]);
            c130 = av.fma(b0, c130);
            av = FloatVector.broadcast(S, a[a14 + p]);
            c140 = av.fma(b0, c140);
            av = FloatVector.broadcast(S, a[a15 + p]);
            c150 = av.fma(b0, c150);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        int r8 = r7 + ldc;
        int r9 = r8 + ldc;
        int r10 = r9 + ldc;
        int r11 = r10 + ldc;
        int r12 = r11 + ldc;
        int r13 = r12 + ldc;
        int r14 = r13 + ldc;
        int r15 = r14 + ldc;
        c00.intoArray(c, r0);
        c10.intoArray(c, r1);
        c20.intoArray(c, r2);
        c30.intoArray(c, r3);
        c40.intoArray(c, r4);
        c50.intoArray(c, r5);
        c60.intoArray(c, r6);
        c70.intoArray(c, r7);
        c80.intoArray(c, r8);
        c90.intoArray(c, r9);
        c100.intoArray(c, r10);
        c110.intoArray(c, r11);
        c120.intoArray(c, r12);
        c130.intoArray(c, r13);
        c140.intoArray(c, r14);
        c150.intoArray(c, r15);
    }

    /** {@code C += A * Bp} for 16 rows of A read in place; see {@link BlockedGemm#kernelRows}. */
    private static void kernelRowsAdd(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff,
                                      int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        FloatVector c80 = z, c90 = z, c100 = z, c110 = z, c120 = z, c130 = z, c140 = z, c150 = z;
        int a0 = aOff;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        int a8 = a7 + lda;
        int a9 = a8 + lda;
        int a10 = a9 + lda;
        int a11 = a10 + lda;
        int a12 = a11 + lda;
        int a13 = a12 + lda;
        int a14 = a13 + lda;
        int a15 = a14 + lda;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            av = FloatVector.broadcast(S, a[a8 + p]);
            c80 = av.fma(b0, c80);
            av = FloatVector.broadcast(S, a[a9 + p]);
            c90 = av.fma(b0, c90);
            av = FloatVector.broadcast(S, a[a10 + p]);
            c100 = av.fma(b0, c100);
            av = FloatVector.broadcast(S, a[a11 + p]);
            c110 = av.fma(b0, c110);
            av = FloatVector.broadcast(S, a[a12 + p]);
            c120 = av.fma(b0, c120);
            av = FloatVector.broadcast(S, a[a13 + p]);
            c130 = av.fma(b0, c130);
            av = FloatVector.broadcast(S, a[a14 + p]);
            c140 = av.fma(b0, c140);
            av = FloatVector.broadcast(S, a[a15 + p]);
            c150 = av.fma(b0, c150);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        int r8 = r7 + ldc;
        int r9 = r8 + ldc;
        int r10 = r9 + ldc;
        int r11 = r10 + ldc;
        int r12 = r11 + ldc;
        int r13 = r12 + ldc;
        int r14 = r13 + ldc;
        int r15 = r14 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c60.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c70.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c80.add(FloatVector.fromArray(S, c, r8)).intoArray(c, r8);
        c90.add(FloatVector.fromArray(S, c, r9)).intoArray(c, r9);
        c100.add(FloatVector.fromArray(S, c, r10)).intoArray(c, r10);
        c110.add(FloatVector.fromArray(S, c, r11)).intoArray(c, r11);
        c120.add(FloatVector.fromArray(S, c, r12)).intoArray(c, r12);
        c130.add(FloatVector.fromArray(S, c, r13)).intoArray(c, r13);
        c140.add(FloatVector.fromArray(S, c, r14)).intoArray(c, r14);
        c150.add(FloatVector.fromArray(S, c, r15)).intoArray(c, r15);
    }

    /** {@code C = A^T * Bp} for 16 rows of a transposed A read in place; see {@link BlockedGemm#kernelCols}. */
    private static void kernelColsSet(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff,
                                      int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        FloatVector c80 = z, c90 = z, c100 = z, c110 = z, c120 = z, c130 = z, c140 = z, c150 = z;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * lda;
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            av = FloatVector.broadcast(S, a[ai + 8]);
            c80 = av.fma(b0, c80);
            av = FloatVector.broadcast(S, a[ai + 9]);
            c90 = av.fma(b0, c90);
            av = FloatVector.broadcast(S, a[ai + 10]);
            c100 = av.fma(b0, c100);
            av = FloatVector.broadcast(S, a[ai + 11]);
            c110 = av.fma(b0, c110);
            av = FloatVector.broadcast(S, a[ai + 12]);
            c120 = av.fma(b0, c120);
            av = FloatVector.broadcast(S, a[ai + 13]);
            c130 = av.fma(b0, c130);
            av = FloatVector.broadcast(S, a[ai + 14]);
            c140 = av.fma(b0, c140);
            av = FloatVector.broadcast(S, a[ai + 15]);
            c150 = av.fma(b0, c150);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        int r8 = r7 + ldc;
        int r9 = r8 + ldc;
        int r10 = r9 + ldc;
        int r11 = r10 + ldc;
        int r12 = r11 + ldc;
        int r13 = r12 + ldc;
        int r14 = r13 + ldc;
        int r15 = r14 + ldc;
        c00.intoArray(c, r0);
        c10.intoArray(c, r1);
        c20.intoArray(c, r2);
        c30.intoArray(c, r3);
        c40.intoArray(c, r4);
        c50.intoArray(c, r5);
        c60.intoArray(c, r6);
        c70.intoArray(c, r7);
        c80.intoArray(c, r8);
        c90.intoArray(c, r9);
        c100.intoArray(c, r10);
        c110.intoArray(c, r11);
        c120.intoArray(c, r12);
        c130.intoArray(c, r13);
        c140.intoArray(c, r14);
        c150.intoArray(c, r15);
    }

    /** {@code C += A^T * Bp} for 16 rows of a transposed A read in place; see {@link BlockedGemm#kernelCols}. */
    private static void kernelColsAdd(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff,
                                      int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        FloatVector c80 = z, c90 = z, c100 = z, c110 = z, c120 = z, c130 = z, c140 = z, c150 = z;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * lda;
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            av = FloatVector.broadcast(S, a[ai + 8]);
            c80 = av.fma(b0, c80);
            av = FloatVector.broadcast(S, a[ai + 9]);
            c90 = av.fma(b0, c90);
            av = FloatVector.broadcast(S, a[ai + 10]);
            c100 = av.fma(b0, c100);
            av = FloatVector.broadcast(S, a[ai + 11]);
            c110 = av.fma(b0, c110);
            av = FloatVector.broadcast(S, a[ai + 12]);
            c120 = av.fma(b0, c120);
            av = FloatVector.broadcast(S, a[ai + 13]);
            c130 = av.fma(b0, c130);
            av = FloatVector.broadcast(S, a[ai + 14]);
            c140 = av.fma(b0, c140);
            av = FloatVector.broadcast(S, a[ai + 15]);
            c150 = av.fma(b0, c150);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        int r8 = r7 + ldc;
        int r9 = r8 + ldc;
        int r10 = r9 + ldc;
        int r11 = r10 + ldc;
        int r12 = r11 + ldc;
        int r13 = r12 + ldc;
        int r14 = r13 + ldc;
        int r15 = r14 + ldc;
        c00.add(FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c10.add(FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c20.add(FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c30.add(FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c40.add(FloatVector.fromArray(S, c, r4)).intoArray(c, r4);
        c50.add(FloatVector.fromArray(S, c, r5)).intoArray(c, r5);
        c60.add(FloatVector.fromArray(S, c, r6)).intoArray(c, r6);
        c70.add(FloatVector.fromArray(S, c, r7)).intoArray(c, r7);
        c80.add(FloatVector.fromArray(S, c, r8)).intoArray(c, r8);
        c90.add(FloatVector.fromArray(S, c, r9)).intoArray(c, r9);
        c100.add(FloatVector.fromArray(S, c, r10)).intoArray(c, r10);
        c110.add(FloatVector.fromArray(S, c, r11)).intoArray(c, r11);
        c120.add(FloatVector.fromArray(S, c, r12)).intoArray(c, r12);
        c130.add(FloatVector.fromArray(S, c, r13)).intoArray(c, r13);
        c140.add(FloatVector.fromArray(S, c, r14)).intoArray(c, r14);
        c150.add(FloatVector.fromArray(S, c, r15)).intoArray(c, r15);
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
