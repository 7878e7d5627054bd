package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Reductions;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReduceTest {

    /** Distinct values 0.1 apart, shuffled: max/min are unique and far from ties for gradient checks. */
    private static Tensor distinct(long seed, int... shape) {
        int n = Shapes.size(shape);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        new Rng(seed).shuffle(perm);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (perm[i] - n / 2f) * 0.1f;
        return Tensor.of(v, shape);
    }

    /**
     * Plain reference: visits every element, finds its output position, and folds it in with
     * double arithmetic. kind: sum, mean, max, min, var, argmax, argmin.
     */
    private static double[] reference(String kind, Tensor x, int[] axes) {
        int[] s = x.shape();
        boolean[] red = new boolean[s.length];
        for (int a : axes) red[a < 0 ? a + s.length : a] = true;
        int[] keep = s.clone();
        int n = 1;
        for (int d = 0; d < s.length; d++) {
            if (red[d]) {
                keep[d] = 1;
                n *= s[d];
            }
        }
        int outSize = Shapes.size(keep);
        double[] acc = new double[outSize];
        double[] best = new double[outSize];
        int[] count = new int[outSize];
        int[] arg = new int[outSize];
        int[] kStr = Shapes.strides(keep);
        int[] idx = new int[s.length];
        double[] mean = kind.equals("var") ? reference("mean", x, axes) : null;
        for (int flat = 0; flat < x.size(); flat++) {
            int o = 0;
            int r = 0;
            for (int d = 0; d < s.length; d++) {
                if (!red[d]) o += idx[d] * kStr[d];
                else r = r * s[d] + idx[d];
            }
            double v = x.data()[flat];
            switch (kind) {
                case "sum", "mean" -> acc[o] += v;
                case "var" -> acc[o] += (v - mean[o]) * (v - mean[o]);
                default -> {
                    boolean better = count[o] == 0 || (kind.contains("max") ? v > best[o] : v < best[o]);
                    if (better) {
                        best[o] = v;
                        arg[o] = r;
                    }
                }
            }
            count[o]++;
            for (int d = s.length - 1; d >= 0; d--) {
                if (++idx[d] < s[d]) break;
                idx[d] = 0;
            }
        }
        double[] out = new double[outSize];
        for (int o = 0; o < outSize; o++) {
            out[o] = switch (kind) {
                case "sum" -> acc[o];
                case "mean", "var" -> acc[o] / n;
                case "max", "min" -> best[o];
                default -> arg[o];
            };
        }
        return out;
    }

    private static int[] expectedShape(int[] s, int[] axes, boolean keepDims) {
        boolean[] red = new boolean[s.length];
        for (int a : axes) red[a < 0 ? a + s.length : a] = true;
        return java.util.stream.IntStream.range(0, s.length).filter(d -> keepDims || !red[d])
                .map(d -> red[d] ? 1 : s[d]).toArray();
    }

    @Test
    void forwardMatchesReferenceForManyAxisSets() {
        int[][] shapes = {{2, 3, 4}, {3, 1, 4, 2}, {5}, {2, 3, 4, 5}};
        int[][][] axesSets = {
            {{0}, {1}, {2}, {-1}, {0, 2}, {2, 0}, {0, 1}, {1, 2}, {0, 1, 2}, {}},
            {{0, 2}, {1}, {0, 3}, {1, 3}, {-1, -4}, {0, 1, 2, 3}},
            {{0}, {-1}, {}},
            {{0, 2}, {1, 3}, {0, 3}, {0, 1, 3}, {1, 2}}};
        String[] kinds = {"sum", "mean", "max", "min", "var"};
        for (int si = 0; si < shapes.length; si++) {
            Tensor x = uniform(si + 1, -2, 2, shapes[si]);
            for (int[] axes : axesSets[si]) {
                for (boolean keep : new boolean[] {false, true}) {
                    for (String kind : kinds) {
                        Tensor y = switch (kind) {
                            case "sum" -> x.sum(axes, keep);
                            case "mean" -> x.mean(axes, keep);
                            case "max" -> x.max(axes, keep);
                            case "min" -> x.min(axes, keep);
                            default -> x.var(axes, keep);
                        };
                        String where = kind + " " + Arrays.toString(shapes[si]) + " axes " + Arrays.toString(axes)
                                + " keepDims " + keep;
                        assertArrayEquals(expectedShape(shapes[si], axes, keep), y.shape(), where);
                        double[] ref = reference(kind, x, axes);
                        for (int i = 0; i < ref.length; i++) {
                            assertEquals(ref[i], y.data()[i], 1e-6 * Math.max(1, Math.abs(ref[i])), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void argmaxAndArgmin() {
        Tensor x = Tensor.of(new float[] {3, 9, 9, 1, 7, 0, -2, 7}, 2, 4);
        assertArrayEquals(new float[] {1, 0}, x.argmax(1).data());
        assertArrayEquals(new float[] {3, 2}, x.argmin(1).data());
        assertArrayEquals(new float[] {1, 0, 0, 1}, x.argmax(0).data());
        assertArrayEquals(new int[] {2, 1}, x.argmax(-1, true).shape());
        assertEquals(1f, x.argmax().item());
        assertEquals(6f, x.argmin().item());
        assertEquals(9f, x.max().item());
        assertEquals(-2f, x.min().item());
        Tensor g = uniform(3, -1, 1, 3, 4, 5).requiresGrad(true);
        for (int axis = 0; axis < 3; axis++) {
            double[] ref = reference("argmax", g, new int[] {axis});
            float[] got = g.argmax(axis).data();
            for (int i = 0; i < ref.length; i++) assertEquals((float) ref[i], got[i]);
        }
        assertFalse(g.argmax(1).requiresGrad());
        Tensor withNan = Tensor.of(new float[] {1, Float.NaN, 5, Float.NaN}, 4);
        assertEquals(1f, withNan.argmax().item());
        assertTrue(Float.isNaN(withNan.max().item()));
    }

    @Test
    void convenienceOverloads() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {5, 7, 9}, x.sum(0).data());
        assertArrayEquals(new int[] {2, 1}, x.sum(1, true).shape());
        assertArrayEquals(new float[] {6, 15}, x.sum(-1).data());
        assertEquals(3.5f, x.mean().item());
        assertArrayEquals(new float[] {2, 5}, x.mean(1).data());
        assertArrayEquals(new float[] {4, 5, 6}, x.max(0).data());
        assertArrayEquals(new float[] {1, 4}, x.min(1, true).data());
        // var of 1..6 is 35/12 (population), of {1,4} is 2.25.
        assertEquals(35f / 12, x.var().item(), 1e-6f);
        assertArrayEquals(new float[] {2.25f, 2.25f, 2.25f}, x.var(0).data());
        assertArrayEquals(new float[] {2f / 3, 2f / 3}, x.var(1, true).data(), 1e-7f);
        assertArrayEquals(new int[] {2, 1}, x.var(1, true).shape());
        assertArrayEquals(x.data(), x.sum(new int[0], false).data());
    }

    @Test
    void gradients() {
        check("sum axis", x -> x[0].sum(1), uniform(1, -1, 1, 2, 3, 4));
        check("sum axes keep", x -> x[0].sum(new int[] {0, 2}, true), uniform(2, -1, 1, 2, 3, 4));
        check("sum axes", x -> x[0].sum(new int[] {0, 2}, false), uniform(3, -1, 1, 2, 3, 4));
        check("mean axis", x -> x[0].mean(-1), uniform(4, -1, 1, 3, 4));
        check("mean all", x -> x[0].mean(), uniform(5, -1, 1, 3, 4));
        check("mean axes", x -> x[0].mean(new int[] {1, 3}, true), uniform(6, -1, 1, 2, 3, 2, 2));
        check("max axis", x -> x[0].max(1), distinct(7, 3, 4));
        check("max axes", x -> x[0].max(new int[] {0, 2}, true), distinct(8, 2, 3, 4));
        check("max all", x -> x[0].max(), distinct(9, 3, 4));
        check("min axis", x -> x[0].min(0, true), distinct(10, 3, 4));
        check("min axes", x -> x[0].min(new int[] {0, 2}, false), distinct(11, 2, 3, 4));
        check("var axis", x -> x[0].var(1), uniform(12, -1, 1, 3, 5));
        check("var axes", x -> x[0].var(new int[] {0, 2}, true), uniform(13, -1, 1, 2, 3, 4));
        check("var all", x -> x[0].var(), uniform(14, -1, 1, 2, 5));
    }

    @Test
    void gradientsThroughBroadcastingAndReuse() {
        // Standardization: (x - mean) / sqrt(var + eps), each reduction broadcast back.
        check("standardize", x -> x[0].sub(x[0].mean(0, true)).div(x[0].var(0, true).add(1e-3f).sqrt()),
                uniform(1, -1, 1, 5, 3));
        check("x * max(x)", x -> x[0].mul(x[0].max(1, true)), distinct(2, 3, 4));
        check("x - logsumexp", x -> x[0].sub(x[0].exp().sum(1, true).log()), uniform(3, -2, 2, 3, 4));
        // max's gradient goes only to the first maximum.
        Tensor t = Tensor.of(new float[] {1, 5, 5, 2}, 4).requiresGrad(true);
        t.max().backward();
        assertArrayEquals(new float[] {0, 1, 0, 0}, t.grad().data());
    }

    @Test
    void reductionsAreBitIdenticalWithOneAndTwoThreads() {
        Object[][] cases = {
            {uniform(1, -1, 3, 300, 500), new int[] {0}},
            {uniform(2, -1, 3, 300, 500), new int[] {1}},
            {uniform(3, -1, 3, 300, 500), new int[] {0, 1}},
            {uniform(4, -1, 3, 3, 70000), new int[] {-1}},
            {uniform(5, -1, 3, 40, 60, 30), new int[] {0, 2}},
            {uniform(6, -1, 3, 4, 600, 1500), new int[] {1}},
        };
        String[] kinds = {"sum", "mean", "max", "min", "var"};
        int saved = Parallel.threads();
        try {
            for (Object[] c : cases) {
                Tensor x = (Tensor) c[0];
                int[] axes = (int[]) c[1];
                assertTrue(x.size() > 4 * Reductions.CHUNK, "case must span several chunks");
                for (String kind : kinds) {
                    Function<Tensor, Tensor> f = t -> switch (kind) {
                        case "sum" -> t.sum(axes, false);
                        case "mean" -> t.mean(axes, true);
                        case "max" -> t.max(axes, false);
                        case "min" -> t.min(axes, true);
                        default -> t.var(axes, false);
                    };
                    float[][] values = new float[2][];
                    float[][] grads = new float[2][];
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        x.requiresGrad(true);
                        x.zeroGrad();
                        Tensor y = f.apply(x);
                        Tensor w = uniform(99, -1, 1, y.shape());
                        y.mul(w).sum().backward();
                        values[threads - 1] = y.toArray();
                        grads[threads - 1] = x.grad().toArray();
                    }
                    String where = kind + " " + Arrays.toString(x.shape()) + " axes " + Arrays.toString(axes);
                    assertTrue(Arrays.equals(values[0], values[1]), where);
                    assertTrue(Arrays.equals(grads[0], grads[1]), where + " gradient");
                }
            }
            Tensor big = uniform(7, -1, 3, 9 * Reductions.CHUNK + 5);
            assertEquals(Float.floatToIntBits(big.sum().item()),
                    Float.floatToIntBits(big.sum(new int[] {0}, false).item()), "sum() and sum(axis) agree");
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void errorsNameOpAxisAndShape() {
        Tensor x = Tensor.of(new float[6], 2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.sum(2));
        assertEquals("sum: axis 2 is out of range for shape [2, 3] (rank 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.mean(new int[] {0, -3}, false));
        assertTrue(e.getMessage().startsWith("mean: axis -3") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.var(new int[] {1, -1}, false));
        assertTrue(e.getMessage().startsWith("var: axis -1 is repeated") && e.getMessage().contains("[1, -1]")
                && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.argmax(5));
        assertTrue(e.getMessage().startsWith("argmax: axis 5") && e.getMessage().contains("[2, 3]"), e.getMessage());
        Tensor empty = Tensor.of(new float[0], 0, 3);
        e = assertThrows(IllegalArgumentException.class, () -> empty.max(0));
        assertTrue(e.getMessage().startsWith("max:") && e.getMessage().contains("[0, 3]"), e.getMessage());
        assertArrayEquals(new float[] {0, 0, 0}, empty.sum(0).data());
        assertTrue(Float.isNaN(empty.mean(0).data()[0]));
        assertArrayEquals(new int[] {0}, empty.max(1).shape());
    }
}
