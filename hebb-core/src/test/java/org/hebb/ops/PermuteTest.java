package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Transpose;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PermuteTest {

    /** The plainest permute: for each output index, read the input index it came from. */
    static float[] reference(float[] x, int[] shape, int[] perm) {
        int r = shape.length;
        int[] outShape = new int[r];
        for (int k = 0; k < r; k++) outShape[k] = shape[perm[k]];
        int[] inStride = Shapes.strides(shape);
        float[] out = new float[x.length];
        int[] idx = new int[r];
        for (int o = 0; o < out.length; o++) {
            int rem = o;
            for (int k = r - 1; k >= 0; k--) {
                idx[k] = rem % outShape[k];
                rem /= outShape[k];
            }
            int src = 0;
            for (int k = 0; k < r; k++) src += idx[k] * inStride[perm[k]];
            out[o] = x[src];
        }
        return out;
    }

    @Test
    void transposeOfAMatrix() {
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = m.transpose();
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.data());
        assertArrayEquals(m.data(), t.transpose().data());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, m.transpose(0, 1).data());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, m.transpose(-1, -2).data());
    }

    @Test
    void permuteByHand() {
        // x[i, j, k] = 100i + 10j + k, shape [2, 3, 2]; permute(2, 0, 1) gives y[k, i, j] = x[i, j, k].
        float[] v = new float[12];
        int n = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 2; k++) v[n++] = 100 * i + 10 * j + k;
        Tensor y = Tensor.of(v, 2, 3, 2).permute(2, 0, 1);
        assertArrayEquals(new int[] {2, 2, 3}, y.shape());
        assertArrayEquals(new float[] {0, 10, 20, 100, 110, 120, 1, 11, 21, 101, 111, 121}, y.data());
        // transpose() reverses every axis: z[k, j, i] = x[i, j, k].
        Tensor z = Tensor.of(v, 2, 3, 2).transpose();
        assertArrayEquals(new int[] {2, 3, 2}, z.shape());
        assertArrayEquals(new float[] {0, 100, 10, 110, 20, 120, 1, 101, 11, 111, 21, 121}, z.data());
        // Negative axes count from the end.
        assertArrayEquals(y.data(), Tensor.of(v, 2, 3, 2).permute(-1, 0, -2).data());
    }

    @Test
    void everyPermutationOfRank4MatchesTheReference() {
        for (int[] shape : new int[][] {{2, 3, 4, 5}, {2, 1, 3, 4}, {1, 5, 1, 3}, {3, 4, 1, 1}}) {
            Tensor x = uniform(1, -1, 1, shape);
            for (int[] p : permutations(4)) {
                Tensor y = x.permute(p);
                for (int k = 0; k < 4; k++) {
                    assertTrue(y.shape()[k] == shape[p[k]]);
                }
                assertArrayEquals(reference(x.data(), shape, p), y.data(),
                        "permute " + java.util.Arrays.toString(p) + " of " + Shapes.str(shape));
            }
        }
    }

    @Test
    void largeTensorsTakeTheBlockedParallelPathsAndAgreeWithTheReference() {
        int saved = Parallel.threads();
        try {
            Object[][] cases = {
                {new int[] {3, 200, 150}, new int[] {0, 2, 1}},         // batched 2-D transpose, many blocks
                {new int[] {5, 60, 300}, new int[] {0, 2, 1}},          // chunks of 4 blocks cross batches of 3
                {new int[] {4, 28, 28, 3}, new int[] {0, 3, 1, 2}},     // NHWC -> NCHW
                {new int[] {4, 3, 28, 28}, new int[] {0, 2, 3, 1}},     // NCHW -> NHWC
                {new int[] {5, 40, 6, 70}, new int[] {2, 0, 3, 1}},     // general rank 4
                {new int[] {300, 2, 120}, new int[] {1, 0, 2}},         // innermost axis stays: run copies
                {new int[] {257, 259}, new int[] {1, 0}},               // odd edges
            };
            for (Object[] c : cases) {
                int[] shape = (int[]) c[0];
                int[] p = (int[]) c[1];
                Tensor x = uniform(2, -1, 1, shape);
                float[] expected = reference(x.data(), shape, p);
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    assertArrayEquals(expected, x.permute(p).data(),
                            Shapes.str(shape) + " permute " + java.util.Arrays.toString(p) + " with " + threads + " threads");
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void tiledKernelMatchesNaiveWithOffsetsAndLeadingDimensions() {
        int rows = 45;
        int cols = 70;
        int ldSrc = 75;
        int ldDst = 50;
        float[] src = uniform(3, -1, 1, 5 + rows * ldSrc).data();
        float[] a = new float[7 + cols * ldDst];
        float[] b = new float[7 + cols * ldDst];
        Transpose.naive(src, 5, ldSrc, a, 7, ldDst, rows, cols);
        Transpose.tiled(src, 5, ldSrc, b, 7, ldDst, 0, rows, 0, cols);
        assertArrayEquals(a, b);
        // A sub-range writes only its own block.
        float[] part = new float[7 + cols * ldDst];
        Transpose.tiled(src, 5, ldSrc, part, 7, ldDst, 10, 20, 33, 40);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                boolean inside = i >= 10 && i < 20 && j >= 33 && j < 40;
                assertTrue(part[7 + j * ldDst + i] == (inside ? a[7 + j * ldDst + i] : 0f));
            }
        }
    }

    @Test
    void gradients() {
        check("permute rank 4", x -> x[0].permute(2, 0, 3, 1), uniform(1, -1, 1, 2, 3, 2, 3));
        check("permute rank 4 with a size-1 axis", x -> x[0].permute(3, 1, 0, 2), uniform(2, -1, 1, 2, 1, 3, 4));
        check("transpose", x -> x[0].transpose(), uniform(3, -1, 1, 3, 4));
        check("transpose(0, 2)", x -> x[0].transpose(0, 2), uniform(4, -1, 1, 2, 3, 4));
        // Through a following op that mixes values, so the permuted gradient must land right.
        Tensor w = uniform(5, -1, 1, 4, 2);
        check("transpose then matmul", x -> x[0].transpose().matmul(w), uniform(6, -1, 1, 4, 3));
    }

    @Test
    void badAxesNameTheOpAndTheShape() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertMessage(() -> x.permute(0, 0, 1), "permute", "[0, 0, 1]", "[2, 3, 4]", "repeated");
        assertMessage(() -> x.permute(0, 1), "permute", "[0, 1]", "[2, 3, 4]");
        assertMessage(() -> x.permute(0, 1, 3), "permute", "[2, 3, 4]", "out of range");
        assertMessage(() -> x.transpose(0, 3), "transpose", "[2, 3, 4]");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[k] = i;
                permute(cur, used, k + 1, out);
                used[i] = false;
            }
        }
    }
}
