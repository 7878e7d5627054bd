package org.hebb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void scale01DividesBy255() {
        Tensor x = Tensor.of(new float[] {0, 51, 255, 127.5f}, 2, 2);
        assertArrayEquals(new float[] {0, 0.2f, 1, 0.5f}, Normalization.scale01(x).data(), 0f);
        assertArrayEquals(new float[] {0, 51, 255, 127.5f}, x.data(), 0f);
        Tensor b = Normalization.scale01(new byte[] {0, (byte) 255, (byte) 128}, 3, 1);
        assertArrayEquals(new float[] {0, 1, 128 / 255f}, b.data(), 0f);
        assertArrayEquals(new int[] {3, 1}, b.shape());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.scale01(Tensor.of(new float[] {0, 300}, 2)));
        assertTrue(e.getMessage().contains("[0, 255]") && e.getMessage().contains("300"), e.getMessage());
    }

    /** Per-feature statistics computed in the plainest way (double, two passes). */
    static double[][] meanStd(float[] x, int rows, int cols) {
        double[] m = new double[cols];
        double[] s = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[c] += x[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            m[c] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = x[r * cols + c] - m[c];
                s[c] += d * d;
            }
        }
        for (int c = 0; c < cols; c++) {
            s[c] = Math.sqrt(s[c] / rows);
        }
        return new double[][] {m, s};
    }

    @Test
    void standardizerUsesTheTrainingSetOnly() {
        Rng rng = new Rng(5);
        Tensor train = Tensor.randn(rng, 200, 3).mul(2f).add(5f);
        Tensor val = Tensor.randn(rng, 50, 3).mul(10f).add(-40f); // very different statistics
        Standardizer s = Standardizer.perFeature().fit(train);
        double[][] ref = meanStd(train.data(), 200, 3);
        for (int c = 0; c < 3; c++) {
            assertEquals(ref[0][c], s.mean().data()[c], 1e-4);
            assertEquals(ref[1][c], s.std().data()[c], 1e-4);
        }
        Tensor tv = s.transform(val);
        // The validation data is transformed with the training statistics, not its own:
        for (int i = 0; i < 50; i++) {
            for (int c = 0; c < 3; c++) {
                double want = (val.data()[i * 3 + c] - ref[0][c]) / ref[1][c];
                assertEquals(want, tv.data()[i * 3 + c], 1e-4);
            }
        }
        // Transforming other data does not refit.
        float[] meanBefore = s.mean().toArray();
        s.transform(val);
        assertArrayEquals(meanBefore, s.mean().data());
        // The training set itself comes out with mean 0 and std 1 per feature.
        double[][] out = meanStd(s.transform(train).data(), 200, 3);
        for (int c = 0; c < 3; c++) {
            assertEquals(0, out[0][c], 1e-5);
            assertEquals(1, out[1][c], 1e-4);
        }
        Tensor back = s.inverseTransform(tv);
        assertArrayEquals(val.data(), back.data(), 1e-3f);
    }

    @Test
    void perChannelPoolsOverBatchAndSpace() {
        // [2, 2, 2, 2]: channel 0 holds 0..7, channel 1 holds 10 everywhere (constant).
        float[] x = new float[16];
        for (int i = 0; i < 8; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10;
        }
        Standardizer s = Standardizer.perChannel().fit(Tensor.of(x, 2, 2, 2, 2));
        assertArrayEquals(new int[] {2}, s.mean().shape());
        assertEquals(3.5f, s.mean().data()[0], 1e-6f);
        assertEquals((float) Math.sqrt(5.25), s.std().data()[0], 1e-6f);
        assertEquals(10f, s.mean().data()[1], 1e-6f);
        assertEquals(1f, s.std().data()[1]); // std 0 guarded: the constant channel becomes 0, not NaN
        Tensor t = s.transform(Tensor.of(x, 2, 2, 2, 2));
        assertEquals(0f, t.data()[1]);
        assertEquals((7 - 3.5f) / (float) Math.sqrt(5.25), t.data()[14], 1e-6f);
        // Another spatial size with the same channels is fine per channel.
        assertArrayEquals(new int[] {1, 3, 3, 2}, s.transform(Tensor.zeros(1, 3, 3, 2)).shape());
    }

    @Test
    void refusesTransformBeforeFitAndShapeMismatch() {
        Standardizer s = Standardizer.perFeature();
        var early = assertThrows(IllegalStateException.class, () -> s.transform(Tensor.zeros(2, 3)));
        assertTrue(early.getMessage().contains("not fitted"), early.getMessage());
        s.fit(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        var shape = assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(2, 4)));
        assertTrue(shape.getMessage().contains("[2, 3]") && shape.getMessage().contains("[2, 4]"), shape.getMessage());
        Standardizer c = Standardizer.perChannel().fit(Tensor.zeros(2, 4, 4, 3));
        var ch = assertThrows(IllegalArgumentException.class, () -> c.transform(Tensor.zeros(2, 4, 4, 1)));
        assertTrue(ch.getMessage().contains("3 channels"), ch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.perFeature().fit(Tensor.zeros(0, 3)));
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.perFeature().fit(Tensor.of(new float[] {1, Float.NaN}, 2, 1)));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }
}
