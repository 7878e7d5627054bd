package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The fast GEMM, both its plain and its vector micro-kernel, against {@link GemmReference}:
 * odd sizes, all four transpose combinations, offsets and padded leading dimensions,
 * accumulate on and off, and bit-identical results for 1 and 2 threads.
 */
class GemmTest {
    private static final float SENTINEL = -7777f;

    /**
     * The three implementations (the surefire JVM always has the Vector API readable), each as
     * configured and forced to always pack A and to always read A in place.
     */
    private static List<BlockedGemm> impls() {
        List<BlockedGemm> list = new ArrayList<>();
        list.add(GemmPlain.INSTANCE);
        list.add(new GemmPlain(0));
        list.add(new GemmPlain(Integer.MAX_VALUE));
        list.add(new GemmVector());
        list.add(new GemmVector(0));
        list.add(new GemmVector(Integer.MAX_VALUE));
        list.add(new GemmVectorNarrow());
        list.add(new GemmVectorNarrow(0));
        list.add(new GemmVectorNarrow(Integer.MAX_VALUE));
        return list;
    }

    /** One GEMM problem with padded storage, so that offsets and leading dimensions matter. */
    private static final class Problem {
        final boolean ta;
        final boolean tb;
        final int m;
        final int n;
        final int k;
        final int aOff = 3;
        final int bOff = 5;
        final int cOff = 7;
        final int lda;
        final int ldb;
        final int ldc;
        final float[] a;
        final float[] b;
        final float[] c0;

        Problem(long seed, boolean ta, boolean tb, int m, int n, int k, boolean padded) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            int pad = padded ? 3 : 0;
            lda = (ta ? m : k) + pad;
            ldb = (tb ? k : n) + pad;
            ldc = n + pad;
            SplittableRandom r = new SplittableRandom(seed);
            a = fill(r, aOff + (ta ? k : m) * lda + 4);
            b = fill(r, bOff + (tb ? n : k) * ldb + 4);
            c0 = fill(r, cOff + m * ldc + 4);
        }

        private static float[] fill(SplittableRandom r, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) (r.nextDouble() * 2 - 1);
            }
            return x;
        }

        float[] run(BlockedGemm impl, boolean accumulate) {
            float[] c = c0.clone();
            Gemm.run(impl, ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return c;
        }

        float[] reference(boolean accumulate) {
            float[] c = c0.clone();
            GemmReference.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return c;
        }

        /** Bound on float32 rounding: (k + 2) units of roundoff of the sum of |terms|, twice. */
        float tolerance(int i, int j, boolean accumulate) {
            double s = accumulate ? Math.abs(c0[cOff + i * ldc + j]) : 0;
            for (int p = 0; p < k; p++) {
                float av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                float bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                s += Math.abs((double) av * bv);
            }
            return (float) (2 * (k + 2) * Math.ulp(1f) / 2 * s) + 1e-30f;
        }

        String name(BlockedGemm impl, boolean accumulate) {
            return impl.name() + "/direct<=" + impl.directMaxCols + " " + (ta ? "T" : "N") + (tb ? "T" : "N")
                    + " m=" + m + " n=" + n + " k=" + k
                    + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + (accumulate ? " accumulate" : "");
        }

        /** Checks every implementation against the reference, and that nothing outside C changed. */
        void check(List<BlockedGemm> impls, boolean accumulate) {
            float[] want = reference(accumulate);
            float[] tol = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    tol[i * n + j] = tolerance(i, j, accumulate);
                }
            }
            for (BlockedGemm impl : impls) {
                float[] got = run(impl, accumulate);
                String what = name(impl, accumulate);
                for (int x = 0; x < got.length; x++) {
                    int rel = x - cOff;
                    int i = rel >= 0 ? rel / ldc : -1;
                    int j = rel >= 0 ? rel % ldc : -1;
                    boolean inside = rel >= 0 && i < m && j < n;
                    if (!inside) {
                        if (got[x] != c0[x]) {
                            fail(what + ": wrote outside C at index " + x);
                        }
                    } else if (!(Math.abs(got[x] - want[x]) <= tol[i * n + j])) {
                        fail(what + ": C[" + i + ", " + j + "] = " + got[x] + ", reference " + want[x]
                                + ", tolerance " + tol[i * n + j]);
                    }
                }
            }
        }
    }

    private static final int[][] SIZES = {
        {1, 1, 1}, {7, 13, 5}, {8, 32, 1}, {9, 33, 17}, {65, 33, 129}, {300, 200, 150},
        {37, 70, 600}, {130, 3, 257}, {2, 500, 40}, {9, 32, 600}, {5, 16, 300}, {203, 16, 144}, {144, 10, 700},
    };

    @Test
    void allTransposesOddSizesOffsetsAndLeadingDimensionsMatchReference() {
        long seed = 1;
        for (int[] s : SIZES) {
            for (int t = 0; t < 4; t++) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    Problem p = new Problem(seed++, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], (t + s[0]) % 2 == 0);
                    p.check(impls(), accumulate);
                }
            }
        }
    }

    @Test
    void tightLeadingDimensionsMatchReference() {
        for (int t = 0; t < 4; t++) {
            new Problem(100 + t, (t & 1) != 0, (t & 2) != 0, 65, 33, 129, false).check(impls(), false);
        }
    }

    @Test
    void rowBlocksCoverTheRowsWithShortTilesAtTheEnd() {
        // n = 1024 on the vector GEMM: 43 units of 24 rows in 12 blocks; the last four are
        // halved, the last two halves halved again.
        assertArrayEquals(new int[] {0, 3, 7, 10, 14, 17, 21, 25, 28, 30, 32, 33, 35, 37, 39, 40, 41, 42, 43},
                BlockedGemm.rowBlocks(43, 12));
        // Blocks of one unit are not cut, nor are fewer than four blocks.
        assertArrayEquals(new int[] {0, 1, 2, 3, 5}, BlockedGemm.rowBlocks(5, 4));
        assertArrayEquals(new int[] {0, 3, 7}, BlockedGemm.rowBlocks(7, 2));
        for (int units = 1; units < 300; units++) {
            for (int even = 1; even <= Math.min(units, 40); even++) {
                int[] b = BlockedGemm.rowBlocks(units, even);
                assertEquals(0, b[0]);
                assertEquals(units, b[b.length - 1], units + " units in " + even);
                for (int i = 1; i < b.length; i++) {
                    assertTrue(b[i] > b[i - 1], "empty block in " + Arrays.toString(b));
                }
            }
        }
    }

    @Test
    void tileWiderThanAChunkOfBMatchesReference() {
        // A tile with a packed A walks B's panels in chunks that fit in L2: this one has two
        // chunks (the second partial), edge rows and columns, two k blocks, each not a whole
        // number of packRows' gather groups.
        int m = 101;
        int n = 1105;
        int k = 602;
        for (BlockedGemm impl : impls()) {
            if (n <= impl.directMaxCols) {
                continue; // reads A in place: no chunks
            }
            int kc = impl.kBlock(n, k);
            assertTrue(kc < k && kc % 4 != 0, impl.name() + ": two k blocks of an odd size");
            int chunk = BlockedGemm.B_CHUNK_FLOATS / (kc * impl.nr);
            assertTrue(BlockedGemm.ceilDiv(n, impl.nr) > chunk, impl.name() + ": more than one chunk");
        }
        for (int t = 0; t < 4; t++) {
            new Problem(80 + t, (t & 1) != 0, (t & 2) != 0, m, n, k, t % 2 == 0).check(impls(), t >= 2);
        }
    }

    @Test
    void wideOperandIsPackedInSlices() {
        // k * n exceeds the packed-B bound, so op(B) is packed and used in column slices.
        int k = 3000;
        int n = BlockedGemm.PACK_B_MAX / k + 100;
        new Problem(7, false, false, 3, n, k, true).check(impls(), true);
        new Problem(8, true, true, 2, n, k, false).check(impls(), false);
    }

    @Test
    void smallProductOverALongSumIsCutAlongK() {
        // m * n is small and k long: the product is computed in k parts (the last one longer).
        int k = BlockedGemm.SPLIT_K_MIN + BlockedGemm.SPLIT_K_PART / 2 + 3;
        for (int t = 0; t < 4; t++) {
            Problem p = new Problem(60 + t, (t & 1) != 0, (t & 2) != 0, 9, 32, k, t % 2 == 0);
            assertTrue((long) p.m * p.n <= BlockedGemm.SPLIT_K_MAX_C, "shape is cut along k");
            p.check(impls(), t >= 2);
        }
        int saved = Parallel.threads();
        try {
            Problem p = new Problem(70, true, false, 9, 32, k, false);
            Parallel.setThreads(1);
            float[] one = p.run(new GemmVector(), true);
            Parallel.setThreads(2);
            float[] two = p.run(new GemmVector(), true);
            assertTrue(Arrays.equals(one, two), "k-split product bit-identical for 1 and 2 threads");
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void frontDoorComputesAKnownProduct() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Gemm.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        // A^T (A stored [3, 2]) times B^T (B stored [2, 3]), added onto C.
        Gemm.gemm(true, true, 2, 2, 3, new float[] {1, 4, 2, 5, 3, 6}, 0, new float[] {7, 9, 11, 8, 10, 12}, 0,
                c, 0, true);
        assertArrayEquals(new float[] {116, 128, 278, 308}, c);
    }

    @Test
    void emptyInnerDimensionZeroesOrKeepsC() {
        float[] c = {1, 2, 3, 4, 5, 6};
        Gemm.gemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 0, 3, true);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c);
        Gemm.gemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 0, 3, false);
        assertArrayEquals(new float[] {0, 0, 3, 0, 0, 6}, c);
        Gemm.gemm(false, false, 0, 2, 5, new float[0], 0, new float[10], 0, new float[0], 0, false);
    }

    @Test
    void badArgumentsFailWithAMessageNamingTheMatrix() {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[4];
        assertMessage("gemm: sizes must be >= 0", () -> Gemm.gemm(false, false, -1, 2, 3, a, 0, b, 0, c, 0, false));
        assertMessage("A stored [2, 3] needs a leading dimension >= 3, got 2",
                () -> Gemm.gemm(false, false, 2, 2, 3, a, 0, 2, b, 0, 2, c, 0, 2, false));
        assertMessage("B (transposed) stored [2, 3]",
                () -> Gemm.gemm(false, true, 2, 2, 3, a, 0, 3, b, 1, 3, c, 0, 2, false));
        assertMessage("needs 7 floats, but the array has 6",
                () -> Gemm.gemm(false, true, 2, 2, 3, a, 0, 3, b, 1, 3, c, 0, 2, false));
        assertMessage("C stored [2, 2] at offset 1",
                () -> Gemm.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 1, false));
        assertMessage("negative offset -1",
                () -> Gemm.gemm(false, false, 2, 2, 3, a, -1, b, 0, c, 0, false));
        assertMessage("A stored [2, 3] is null",
                () -> Gemm.gemm(false, false, 2, 2, 3, null, 0, b, 0, c, 0, false));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith("gemm: ") && e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        int[][] shapes = {{300, 200, 150}, {1000, 40, 300}, {40, 700, 300}, {200, 64, 1200}, {129, 65, 257},
            {3000, 16, 144}, {101, 1105, 602}};
        int saved = Parallel.threads();
        try {
            for (BlockedGemm impl : impls()) {
                for (int[] s : shapes) {
                    for (int t = 0; t < 4; t++) {
                        Problem p = new Problem(40 + t, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], t % 2 == 1);
                        assertTrue((long) s[0] * s[1] * s[2] >= BlockedGemm.PARALLEL_MIN_MACS, "shape runs in parallel");
                        Parallel.setThreads(1);
                        float[] one = p.run(impl, t == 3);
                        Parallel.setThreads(2);
                        float[] two = p.run(impl, t == 3);
                        float[] twoAgain = p.run(impl, t == 3);
                        assertNotSame(one, two);
                        assertTrue(Arrays.equals(one, two) && Arrays.equals(two, twoAgain), p.name(impl, t == 3));
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void productsOneVectorWideUseTheNarrowKernels() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        String wide = Gemm.implementation();
        assertEquals(wide + "-narrow", Gemm.choose(1).name());
        assertEquals(wide + "-narrow", Gemm.choose(lanes).name());
        assertEquals(wide, Gemm.choose(lanes + 1).name());
    }

    @Test
    void vectorPathIsActiveWhenTheModuleIsReadable() {
        assertTrue(Simd.modulePresent(), "the tests run with --add-modules jdk.incubator.vector");
        String expected = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
                ? "vector-" + FloatVector.SPECIES_PREFERRED.vectorBitSize() : "plain";
        assertEquals(expected, Gemm.implementation());
        assertEquals("plain", GemmPlain.INSTANCE.name());
    }
}
