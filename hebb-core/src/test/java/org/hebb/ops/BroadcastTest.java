package org.hebb.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hebb.tensor.Shapes;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    @Test
    void shapesAlignOnTheRight() {
        assertArrayEquals(new int[] {2, 3, 4}, Broadcast.shape("t", new int[] {2, 3, 4}, new int[] {4}));
        assertArrayEquals(new int[] {2, 3, 4}, Broadcast.shape("t", new int[] {2, 1, 4}, new int[] {3, 1}));
        assertArrayEquals(new int[] {5}, Broadcast.shape("t", new int[] {}, new int[] {5}));
        assertArrayEquals(new int[] {0, 3}, Broadcast.shape("t", new int[] {0, 1}, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> Broadcast.shape("t", new int[] {2, 3}, new int[] {2}));
    }

    /** Every run visit must agree with the plain index arithmetic of broadcasting. */
    @Test
    void runsMatchNaiveIndexingOnManyShapePairs() {
        int[][][] cases = {
            {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{2, 3, 4}, {3, 1}}, {{2, 1, 4}, {1, 3, 1}},
            {{1}, {5, 1, 2}}, {{}, {3, 2}}, {{4, 1}, {1, 1}}, {{3, 1, 1, 2}, {1, 4, 5, 1}}, {{1, 1}, {1, 1}},
        };
        for (int[][] c : cases) {
            int[] a = c[0];
            int[] b = c[1];
            int[] out = Broadcast.shape("t", a, b);
            int n = Shapes.size(out);
            int[] seenA = new int[n];
            int[] seenB = new int[n];
            int[] visits = new int[n];
            Broadcast.forEachRun(a, b, out, (ai, aInc, bi, bInc, o, len) -> {
                for (int j = 0; j < len; j++) {
                    seenA[o + j] = ai + j * aInc;
                    seenB[o + j] = bi + j * bInc;
                    visits[o + j]++;
                }
            });
            int[] sa = Broadcast.strides(a, out);
            int[] sb = Broadcast.strides(b, out);
            int[] strides = Shapes.strides(out);
            for (int flat = 0; flat < n; flat++) {
                int ia = 0;
                int ib = 0;
                for (int d = 0; d < out.length; d++) {
                    int idx = (flat / strides[d]) % out[d];
                    ia += idx * sa[d];
                    ib += idx * sb[d];
                }
                assertEquals(1, visits[flat]);
                assertEquals(ia, seenA[flat], "a index for " + Shapes.str(a) + " vs " + Shapes.str(b));
                assertEquals(ib, seenB[flat], "b index for " + Shapes.str(a) + " vs " + Shapes.str(b));
            }
        }
    }

    @Test
    void reduceToSumsOverStretchedDimensions() {
        float[] g = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {5, 7, 9}, Broadcast.reduceTo(g, new int[] {2, 3}, new int[] {3}));
        assertArrayEquals(new float[] {6, 15}, Broadcast.reduceTo(g, new int[] {2, 3}, new int[] {2, 1}));
        assertArrayEquals(new float[] {21}, Broadcast.reduceTo(g, new int[] {2, 3}, new int[] {}));
    }
}
