package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoolingTest {

    private static ConvGeometry geo(int h, int w, int c, int pool, int stride, Padding p) {
        return ConvGeometry.of("test", new int[] {1, h, w, c}, pool, pool, stride, stride, 1, 1, p);
    }

    @Test
    void argmaxIsTheFirstMaximumInScanOrderPerChannel() {
        // 2x2 image, 2 channels; channel 0 has its maximum 5 twice (at (0,1) and (1,0)), channel 1 once at (1,1)
        float[] x = {1, 0, 5, 1, 5, 2, 3, 9};
        ConvGeometry g = geo(2, 2, 2, 2, 2, Padding.VALID);
        float[] out = new float[2];
        int[] argmax = new int[2];
        Pooling.maxPoolForward(x, g, out, argmax);
        assertArrayEquals(new float[] {5, 9}, out);
        assertArrayEquals(new int[] {2, 7}, argmax);
    }

    @Test
    void argmaxOfAWindowWithNaNIsItsFirstNaN() {
        float[] x = {1, Float.NaN, 7, Float.NaN};
        ConvGeometry g = geo(2, 2, 1, 2, 2, Padding.VALID);
        float[] out = new float[1];
        int[] argmax = new int[1];
        Pooling.maxPoolForward(x, g, out, argmax);
        assertTrue(Float.isNaN(out[0]));
        assertArrayEquals(new int[] {1}, argmax);
    }

    @Test
    void withoutArgmaxTheValuesAreTheSame() {
        ConvGeometry g = geo(9, 7, 5, 3, 2, Padding.SAME);
        float[] x = Im2colTest.random(3, 9 * 7 * 5);
        float[] a = new float[g.colRows() * 5];
        float[] b = new float[a.length];
        int[] argmax = new int[a.length];
        Pooling.maxPoolForward(x, g, a, argmax);
        Pooling.maxPoolForward(x, g, b, null);
        assertArrayEquals(a, b);
        for (int i = 0; i < a.length; i++) {
            assertTrue(x[argmax[i]] == a[i], "argmax " + i);
        }
    }

    @Test
    void wrongBufferSizesAreRejected() {
        ConvGeometry g = geo(4, 4, 2, 2, 2, Padding.VALID);
        float[] x = new float[32];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPoolForward(x, g, new float[8], new int[3]));
        assertTrue(e.getMessage().startsWith("max_pool2d: argmax has 3 entries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.avgPoolForward(new float[31], g, new float[8]));
        assertTrue(e.getMessage().startsWith("avg_pool2d: arrays of 31 and 8 values"), e.getMessage());
    }
}
