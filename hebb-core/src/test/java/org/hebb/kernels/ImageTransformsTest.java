package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hebb.tensor.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageTransformsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    static float[] ramp(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    @Test
    void identityAndWholePixelShiftCopyExactly() {
        float[] src = ramp(2 * 3 * 4 * 2);
        float[] dst = new float[src.length];
        ImageTransforms.affine(src, dst, 2, 3, 4, 2, new double[] {1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0}, -1f);
        assertArrayEquals(src, dst, 0f);
        // Image 0 shifted right by 1 (reads x - 1), image 1 shifted up by 1 (reads y + 1); fill 9.
        ImageTransforms.affine(src, dst, 2, 3, 4, 2, new double[] {1, 0, -1, 0, 1, 0, 1, 0, 0, 0, 1, 1}, 9f);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 2; c++) {
                    float right = x == 0 ? 9f : src[((y * 4) + x - 1) * 2 + c];
                    assertEquals(right, dst[(y * 4 + x) * 2 + c]);
                    float up = y == 2 ? 9f : src[24 + ((y + 1) * 4 + x) * 2 + c];
                    assertEquals(up, dst[24 + (y * 4 + x) * 2 + c]);
                }
            }
        }
    }

    @Test
    void bilinearHalfPixelAveragesAndBlendsWithFillAtTheEdge() {
        float[] src = {1, 3, 5, 7}; // one image 1x4, one channel
        float[] dst = new float[4];
        ImageTransforms.affine(src, dst, 1, 1, 4, 1, new double[] {1, 0, 0.5, 0, 1, 0}, 0f);
        assertArrayEquals(new float[] {2, 4, 6, 3.5f}, dst, 1e-6f);
        ImageTransforms.affine(src, dst, 1, 1, 4, 1, new double[] {1, 0, -0.25, 0, 1, 0}, 0f);
        assertArrayEquals(new float[] {0.75f, 2.5f, 4.5f, 6.5f}, dst, 1e-6f);
        // Far outside: only the fill.
        ImageTransforms.affine(src, dst, 1, 1, 4, 1, new double[] {1, 0, 100, 0, 1, 0}, 2f);
        assertArrayEquals(new float[] {2, 2, 2, 2}, dst, 0f);
    }

    @Test
    void flipMirrorsRowsAndColumns() {
        float[] src = ramp(2 * 2 * 3 * 1); // 2 images 2x3
        float[] dst = new float[src.length];
        ImageTransforms.flip(src, dst, 2, 2, 3, 1, new boolean[] {true, false}, new boolean[] {false, true});
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 10, 11, 12, 7, 8, 9}, dst, 0f);
        assertThrows(IllegalArgumentException.class, () -> ImageTransforms.flip(src, src, 2, 2, 3, 1, null, null));
    }

    @Test
    void fillRectWithConstantOrValues() {
        float[] img = new float[2 * 3 * 3];
        ImageTransforms.fillRect(img, 1, 3, 3, 1, 1, 0, 2, 2, null, 5f);
        float[] want = new float[18];
        want[9 + 3] = want[9 + 4] = want[9 + 6] = want[9 + 7] = 5f;
        assertArrayEquals(want, img, 0f);
        ImageTransforms.fillRect(img, 0, 3, 3, 1, 0, 2, 1, 1, new float[] {7}, 0f);
        assertEquals(7f, img[2]);
        assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.fillRect(new float[9], 0, 3, 3, 1, 2, 2, 2, 1, null, 0f));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Rng rng = new Rng(3);
        int n = 300, h = 28, w = 28, c = 1;
        float[] src = new float[n * h * w * c];
        for (int i = 0; i < src.length; i++) {
            src[i] = rng.nextFloat();
        }
        double[] m = new double[6 * n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble();
            m[6 * i] = Math.cos(a);
            m[6 * i + 1] = -Math.sin(a);
            m[6 * i + 2] = 3 * rng.nextDouble();
            m[6 * i + 3] = Math.sin(a);
            m[6 * i + 4] = Math.cos(a);
            m[6 * i + 5] = -2 * rng.nextDouble();
        }
        Parallel.setThreads(1);
        float[] one = new float[src.length];
        ImageTransforms.affine(src, one, n, h, w, c, m, 0f);
        Parallel.setThreads(2);
        float[] two = new float[src.length];
        ImageTransforms.affine(src, two, n, h, w, c, m, 0f);
        assertArrayEquals(one, two, 0f);
    }

    @Test
    void refusesWrongSizes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.affine(new float[10], new float[12], 1, 2, 2, 3, new double[6], 0f));
        assertEquals("affine: [1, 2, 2, 3] needs 12 values, got input 10 and output 12", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.affine(new float[12], new float[12], 1, 2, 2, 3, new double[5], 0f));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTransforms.unsignedBytes(new byte[3], new float[2], 255f));
    }
}
