package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hebb.kernels.Padding;
import org.hebb.kernels.Parallel;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Pool2dTest {

    /** Input [n, h, w, c], pool ph x pw, strides, padding. */
    record Case(int n, int h, int w, int c, int ph, int pw, int sh, int sw, Padding p) {
        Tensor max(Tensor x) {
            return Pool2d.maxPool(x, ph, pw, sh, sw, p);
        }

        Tensor avg(Tensor x) {
            return Pool2d.avgPool(x, ph, pw, sh, sw, p);
        }
    }

    static final List<Case> CASES = List.of(
            new Case(2, 13, 13, 3, 2, 2, 2, 2, Padding.VALID),   // odd size: 13 -> 6, last row/column dropped
            new Case(1, 7, 8, 2, 3, 3, 2, 2, Padding.SAME),      // SAME, odd and even sizes
            new Case(1, 5, 5, 1, 2, 2, 2, 2, Padding.SAME),      // SAME pads bottom/right only
            new Case(2, 6, 6, 4, 3, 3, 1, 1, Padding.VALID),     // overlapping windows
            new Case(1, 4, 5, 2, 3, 3, 1, 1, Padding.explicit(1, 2, 2, 1)),
            new Case(1, 6, 7, 3, 2, 3, 1, 2, Padding.VALID));    // non-square window and strides

    /** {out, padBefore} along one axis, by the TensorFlow formulas. */
    static int[] axis(int in, int k, int s, Padding p, boolean vertical) {
        return switch (p.mode()) {
            case VALID -> new int[] {(in - k) / s + 1, 0};
            case SAME -> {
                int out = (in + s - 1) / s;
                yield new int[] {out, Math.max((out - 1) * s + k - in, 0) / 2};
            }
            case EXPLICIT -> {
                int before = vertical ? p.top() : p.left();
                int after = vertical ? p.bottom() : p.right();
                yield new int[] {(in + before + after - k) / s + 1, before};
            }
        };
    }

    /** Max (or mean) over each window's in-image elements, straight from the definition. */
    static float[] naive(Tensor x, Case t, boolean max) {
        int[] v = axis(t.h, t.ph, t.sh, t.p, true);
        int[] u = axis(t.w, t.pw, t.sw, t.p, false);
        float[] out = new float[t.n * v[0] * u[0] * t.c];
        int o = 0;
        for (int n = 0; n < t.n; n++)
            for (int y = 0; y < v[0]; y++)
                for (int xx = 0; xx < u[0]; xx++)
                    for (int c = 0; c < t.c; c++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int i = 0; i < t.ph; i++)
                            for (int j = 0; j < t.pw; j++) {
                                int ih = y * t.sh - v[1] + i;
                                int iw = xx * t.sw - u[1] + j;
                                if (ih >= 0 && ih < t.h && iw >= 0 && iw < t.w) {
                                    float e = x.get(n, ih, iw, c);
                                    acc = max ? Math.max(acc, e) : acc + e;
                                    count++;
                                }
                            }
                        out[o++] = (float) (max ? acc : acc / count);
                    }
        return out;
    }

    /** Distinct values (a shuffled 0..n-1, times 0.01), so max pooling has no ties to step over. */
    static Tensor distinct(long seed, int... shape) {
        Tensor t = uniform(seed, 0, 1, shape);
        float[] v = t.data();
        Rng rng = new Rng(seed);
        int[] perm = new int[v.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        for (int i = 0; i < v.length; i++) v[i] = perm[i] * 0.01f - 0.5f;
        return t;
    }

    @Test
    void forwardMatchesNaiveLoops() {
        int seed = 0;
        for (Case t : CASES) {
            Tensor x = uniform(++seed, -1, 1, t.n, t.h, t.w, t.c);
            int[] v = axis(t.h, t.ph, t.sh, t.p, true);
            int[] u = axis(t.w, t.pw, t.sw, t.p, false);
            int[] shape = {t.n, v[0], u[0], t.c};
            Tensor mx = t.max(x);
            Tensor av = t.avg(x);
            assertArrayEquals(shape, mx.shape(), t.toString());
            assertArrayEquals(shape, av.shape(), t.toString());
            assertArrayEquals(naive(x, t, true), mx.data(), t.toString());
            assertArrayEquals(naive(x, t, false), av.data(), 1e-6f, t.toString());
        }
    }

    @Test
    void oddSizeWithPoolTwoValidGivesSixBySix() {
        Tensor x = uniform(1, -1, 1, 3, 13, 13, 2);
        assertArrayEquals(new int[] {3, 6, 6, 2}, Pool2d.maxPool(x, 2).shape());
        assertArrayEquals(new int[] {3, 6, 6, 2}, Pool2d.avgPool(x, 2).shape());
        assertArrayEquals(new int[] {3, 7, 7, 2}, Pool2d.maxPool(x, 2, 2, Padding.SAME).shape());
    }

    @Test
    void samePaddingByHand() {
        // 1..9 as a 3x3 image, pool 2 stride 2 SAME: one padded row/column at the bottom/right
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        assertArrayEquals(new float[] {5, 6, 8, 9}, Pool2d.maxPool(x, 2, 2, Padding.SAME).data());
        // Keras divides by the number of real elements: (3+6)/2, (7+8)/2, 9/1
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, Pool2d.avgPool(x, 2, 2, Padding.SAME).data());
        // padding is -inf for max pooling, never 0
        assertArrayEquals(new float[] {-1, -3, -7, -9}, Pool2d.maxPool(x.neg(), 2, 2, Padding.SAME).data());
    }

    @Test
    void maxPoolTiesSendTheGradientToTheFirstElementInScanOrder() {
        Tensor x = Tensor.of(new float[] {2, 2, 2, 2, 2, 2, 2, 2, 2}, 1, 3, 3, 1).requiresGrad(true);
        // overlapping 2x2 windows, stride 1: window (r, c) picks its top-left element
        Pool2d.maxPool(x, 2, 1, Padding.VALID).sum().backward();
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0, 0, 0, 0}, x.grad().data());
    }

    @Test
    void maxPoolPropagatesNaN() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 1, 2, 2, 1);
        assertTrue(Float.isNaN(Pool2d.maxPool(x, 2).item()));
        Tensor y = Tensor.of(new float[] {Float.NaN, 5, 3, 4}, 1, 2, 2, 1);
        assertTrue(Float.isNaN(Pool2d.maxPool(y, 2).item()));
    }

    @Test
    void gradients() {
        int seed = 20;
        for (Case t : CASES) {
            check("max_pool2d " + t, in -> t.max(in[0]), distinct(++seed, t.n, t.h, t.w, t.c));
            check("avg_pool2d " + t, in -> t.avg(in[0]), uniform(++seed, -1, 1, t.n, t.h, t.w, t.c));
        }
        check("global_avg_pool2d", in -> Pool2d.globalAvgPool(in[0]), uniform(40, -1, 1, 2, 3, 5, 4));
    }

    @Test
    void globalAveragePooling() {
        Tensor x = uniform(3, -1, 1, 2, 3, 5, 4);
        Tensor y = Pool2d.globalAvgPool(x);
        assertArrayEquals(new int[] {2, 4}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 4; c++) {
                double s = 0;
                for (int h = 0; h < 3; h++)
                    for (int w = 0; w < 5; w++) s += x.get(n, h, w, c);
                assertEquals((float) (s / 15), y.get(n, c), 1e-7f);
            }
        }
        // equal to average pooling over the whole image
        assertArrayEquals(Pool2d.avgPool(x, 3, 5, 1, 1, Padding.VALID).data(), y.data(), 1e-6f);
    }

    @Test
    void gradientsDoNotDependOnTheThreadCount() {
        // overlapping windows: several outputs add into the same input element
        Tensor x = uniform(9, -1, 1, 8, 20, 20, 16);
        Tensor w = uniform(10, -1, 1, 8, 10, 10, 16);
        int saved = Parallel.threads();
        float[][] grads = new float[3][];
        try {
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                x.requiresGrad(true);
                x.zeroGrad();
                Pool2d.maxPool(x, 3, 2, Padding.SAME).mul(w)
                        .add(Pool2d.avgPool(x, 3, 2, Padding.SAME).mul(w))
                        .sum().add(Pool2d.globalAvgPool(x).sum()).backward();
                grads[t - 1] = x.grad().toArray();
            }
        } finally {
            Parallel.setThreads(saved);
        }
        assertArrayEquals(grads[0], grads[1]);
        assertArrayEquals(grads[0], grads[2]);
    }

    @Test
    void badArgumentsNameTheOpAndTheShape() {
        Tensor x = Tensor.of(new float[2 * 5 * 5 * 3], 2, 5, 5, 3);
        Conv2dTest.assertMessage(() -> Pool2d.maxPool(Tensor.of(new float[75], 5, 5, 3), 2),
                "max_pool2d", "[5, 5, 3]");
        Conv2dTest.assertMessage(() -> Pool2d.avgPool(Tensor.of(new float[75], 5, 5, 3), 2),
                "avg_pool2d", "[5, 5, 3]");
        Conv2dTest.assertMessage(() -> Pool2d.maxPool(x, 6), "max_pool2d", "6x6", "[2, 5, 5, 3]");
        Conv2dTest.assertMessage(() -> Pool2d.maxPool(x, 0), "max_pool2d", "window", "0x0");
        Conv2dTest.assertMessage(() -> Pool2d.avgPool(x, 2, 0, Padding.VALID), "avg_pool2d", "strides", "0x0");
        Conv2dTest.assertMessage(() -> Pool2d.maxPool(x, 2, 1, Padding.explicit(0, 2, 0, 0)),
                "max_pool2d", "bottom=2", "2x2", "[2, 5, 5, 3]");
        Conv2dTest.assertMessage(() -> Pool2d.globalAvgPool(Tensor.of(new float[6], 2, 3)),
                "global_avg_pool2d", "[2, 3]");
    }
}
