package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

class Im2colTest {

    /** One test geometry: input [n, h, w, c], kernel kh x kw, strides, dilations, padding. */
    record Case(int n, int h, int w, int c, int kh, int kw, int sh, int sw, int dh, int dw, Padding p) {
        ConvGeometry geometry() {
            return ConvGeometry.of("test", new int[] {n, h, w, c}, kh, kw, sh, sw, dh, dw, p);
        }

        int inputSize() {
            return n * h * w * c;
        }
    }

    static final List<Case> CASES = List.of(
            new Case(2, 5, 5, 1, 3, 3, 1, 1, 1, 1, Padding.VALID),        // C = 1, all rows inside
            new Case(2, 5, 5, 1, 3, 3, 1, 1, 1, 1, Padding.SAME),
            new Case(2, 7, 6, 3, 3, 3, 2, 2, 1, 1, Padding.SAME),         // stride 2, odd and even sizes
            new Case(1, 6, 7, 2, 3, 2, 2, 1, 1, 1, Padding.VALID),        // non-square kernel and strides
            new Case(2, 9, 9, 2, 3, 3, 1, 1, 2, 2, Padding.VALID),        // dilation 2
            new Case(1, 8, 7, 3, 3, 3, 1, 2, 2, 1, Padding.SAME),         // dilation with SAME padding
            new Case(2, 4, 4, 3, 1, 1, 1, 1, 1, 1, Padding.VALID),        // 1x1
            new Case(1, 5, 5, 2, 1, 1, 2, 2, 1, 1, Padding.SAME),         // 1x1, stride 2
            new Case(1, 4, 5, 20, 2, 2, 1, 1, 1, 1, Padding.explicit(1, 0, 2, 1)), // long runs (arraycopy)
            new Case(1, 5, 5, 17, 3, 3, 1, 1, 2, 2, Padding.SAME),        // long taps with dilation
            // big enough for several chunks whose boundaries fall inside a row of output positions
            new Case(6, 27, 27, 1, 3, 3, 1, 1, 1, 1, Padding.SAME),       // short runs, tap by tap
            new Case(3, 16, 16, 16, 3, 3, 1, 1, 1, 1, Padding.SAME));     // long runs, position by position

    /** The im2col matrix written as plainly as possible, straight from its definition. */
    static float[] direct(float[] x, Case k, ConvGeometry g) {
        int oh = g.outH();
        int ow = g.outW();
        int cols = k.kh * k.kw * k.c;
        float[] col = new float[k.n * oh * ow * cols];
        for (int b = 0; b < k.n; b++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int i = 0; i < k.kh; i++)
                        for (int j = 0; j < k.kw; j++)
                            for (int q = 0; q < k.c; q++) {
                                int ih = oy * k.sh - g.padTop() + i * k.dh;
                                int iw = ox * k.sw - g.padLeft() + j * k.dw;
                                float v = ih >= 0 && ih < k.h && iw >= 0 && iw < k.w
                                        ? x[((b * k.h + ih) * k.w + iw) * k.c + q] : 0f;
                                col[((b * oh + oy) * ow + ox) * cols + (i * k.kw + j) * k.c + q] = v;
                            }
        return col;
    }

    static float[] random(long seed, int size) {
        Rng rng = new Rng(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = rng.nextFloat() * 2 - 1;
        return v;
    }

    /** Small integers: every sum of products of them is exact in float and double. */
    static float[] integers(long seed, int size) {
        Rng rng = new Rng(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) Math.floor(rng.nextFloat() * 17) - 8;
        return v;
    }

    @Test
    void im2colMatchesTheDefinition() {
        int seed = 0;
        for (Case k : CASES) {
            ConvGeometry g = k.geometry();
            float[] x = random(++seed, k.inputSize());
            float[] col = new float[g.colRows() * g.colCols()];
            java.util.Arrays.fill(col, Float.NaN); // every entry must be written
            Im2col.im2col(x, g, col);
            assertArrayEquals(direct(x, k, g), col, k.toString());
        }
    }

    @Test
    void col2imIsTheExactAdjointOfIm2col() {
        int seed = 100;
        for (Case k : CASES) {
            ConvGeometry g = k.geometry();
            float[] x = integers(++seed, k.inputSize());
            float[] y = integers(++seed, g.colRows() * g.colCols());
            float[] col = new float[y.length];
            Im2col.im2col(x, g, col);
            float[] back = new float[x.length];
            Im2col.col2im(y, g, back);
            assertEquals(dot(col, y), dot(x, back), k.toString());
        }
    }

    @Test
    void col2imAddsIntoWhatIsThere() {
        Case k = CASES.get(2);
        ConvGeometry g = k.geometry();
        float[] y = random(7, g.colRows() * g.colCols());
        float[] fresh = new float[k.inputSize()];
        Im2col.col2im(y, g, fresh);
        float[] onTop = new float[k.inputSize()];
        java.util.Arrays.fill(onTop, 1f);
        Im2col.col2im(y, g, onTop);
        for (int i = 0; i < fresh.length; i++) {
            assertEquals(fresh[i] + 1f, onTop[i], 1e-6f);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Case k = new Case(5, 16, 16, 8, 3, 3, 1, 1, 1, 1, Padding.SAME);
        ConvGeometry g = k.geometry();
        float[] x = random(11, k.inputSize());
        float[] y = random(12, g.colRows() * g.colCols());
        int saved = Parallel.threads();
        try {
            float[][] cols = new float[3][];
            float[][] backs = new float[3][];
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                cols[t - 1] = new float[y.length];
                Im2col.im2col(x, g, cols[t - 1]);
                backs[t - 1] = new float[x.length];
                Im2col.col2im(y, g, backs[t - 1]);
            }
            assertArrayEquals(cols[0], cols[1]);
            assertArrayEquals(cols[0], cols[2]);
            assertArrayEquals(backs[0], backs[1]);
            assertArrayEquals(backs[0], backs[2]);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void shortBuffersAreRejected() {
        ConvGeometry g = CASES.get(0).geometry();
        float[] x = new float[CASES.get(0).inputSize()];
        var e = assertThrows(IllegalArgumentException.class, () -> Im2col.im2col(x, g, new float[10]));
        assertTrue(e.getMessage().startsWith("im2col: column buffer has 10 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Im2col.col2im(new float[g.colRows() * g.colCols()], g, new float[3]));
        assertTrue(e.getMessage().startsWith("col2im: input gradient has 3 values"), e.getMessage());
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
