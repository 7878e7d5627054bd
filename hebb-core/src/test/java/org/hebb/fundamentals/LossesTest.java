package org.hebb.fundamentals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void valuesWorkedByHand() {
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2,
                Losses.binaryCrossEntropy(new double[] {1, 0}, new double[] {0.9, 0.2}), 1e-15);
        assertEquals(-Math.log(0.7),
                Losses.categoricalCrossEntropy(new double[][] {{0, 1, 0}}, new double[][] {{0.2, 0.7, 0.1}}), 1e-15);
        assertEquals(4.0 / 3, Losses.meanSquaredError(new double[] {1, 2, 3}, new double[] {1, 2, 5}), 1e-15);
        assertEquals(1.0, Losses.meanSquaredError(new double[][] {{1, 2}, {3, 4}}, new double[][] {{2, 2}, {3, 6}}) * 4 / 5,
                1e-15);
    }

    @Test
    void limitsOfTheFormulas() {
        assertEquals(Double.POSITIVE_INFINITY, Losses.binaryCrossEntropy(new double[] {1}, new double[] {0}));
        assertEquals(0.0, Losses.binaryCrossEntropy(new double[] {0, 1}, new double[] {0, 1}), "0 log 0 = 0");
        assertEquals(0.0, Losses.categoricalCrossEntropy(new double[][] {{0, 1}}, new double[][] {{0, 1}}));
    }

    @Test
    void gradientsMatchCentralDifferences() {
        double h = 1e-7;
        double[] y = {1, 0, 1};
        double[] p = {0.3, 0.6, 0.95};
        double[] g = Losses.binaryCrossEntropyGradient(y, p);
        double[] m = Losses.meanSquaredErrorGradient(y, p);
        for (int i = 0; i < p.length; i++) {
            double[] a = p.clone();
            double[] b = p.clone();
            a[i] += h;
            b[i] -= h;
            assertEquals((Losses.binaryCrossEntropy(y, a) - Losses.binaryCrossEntropy(y, b)) / (2 * h), g[i], 1e-6);
            assertEquals((Losses.meanSquaredError(y, a) - Losses.meanSquaredError(y, b)) / (2 * h), m[i], 1e-7);
        }
        double[][] yc = {{0, 1, 0}, {1, 0, 0}};
        double[][] pc = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        double[][] gc = Losses.categoricalCrossEntropyGradient(yc, pc);
        assertArrayEquals(new double[] {0, -1 / 0.5 / 2, 0}, gc[0], 1e-15);
        assertArrayEquals(new double[] {-1 / 0.6 / 2, 0, 0}, gc[1], 1e-15);
    }

    @Test
    void crossEntropyThroughSoftmaxIsPMinusY() {
        // Chain rule: dL/dz_j = sum_i dL/dp_i * dp_i/dz_j, with the softmax Jacobian.
        double[][] z = {{0.5, -1, 2}, {0, 0.3, -0.2}};
        double[][] y = {{0, 0, 1}, {0, 1, 0}};
        double[][] p = Activations.softmax(z);
        double[][] gp = Losses.categoricalCrossEntropyGradient(y, p);
        for (int r = 0; r < z.length; r++) {
            double[][] jac = Activations.softmaxJacobian(z[r]);
            for (int j = 0; j < 3; j++) {
                double gz = 0;
                for (int i = 0; i < 3; i++) {
                    gz += gp[r][i] * jac[i][j];
                }
                assertEquals((p[r][j] - y[r][j]) / z.length, gz, 1e-15);
            }
        }
    }

    @Test
    void agreesWithTheFloat32LibraryInsideItsClippingRange() {
        float[] pf = {0.25f, 0.5f, 0.875f, 0.125f};
        float[] yf = {1, 0, 1, 0};
        double[] p = toDouble(pf);
        double[] y = toDouble(yf);
        float lib = org.hebb.losses.Losses.binaryCrossentropy(false).compute(Tensor.of(pf, 4), Tensor.of(yf, 4)).item();
        assertEquals(Losses.binaryCrossEntropy(y, p), lib, 1e-6);
        float mse = org.hebb.losses.Losses.meanSquaredError().compute(Tensor.of(pf, 4), Tensor.of(yf, 4)).item();
        assertEquals(Losses.meanSquaredError(y, p), mse, 1e-6);
        float[] pc = {0.25f, 0.5f, 0.25f, 0.125f, 0.125f, 0.75f};
        float[] yc = {0, 1, 0, 0, 0, 1};
        float cce = org.hebb.losses.Losses.categoricalCrossentropy(false)
                .compute(Tensor.of(pc, 2, 3), Tensor.of(yc, 2, 3)).item();
        double[][] pcd = {{0.25, 0.5, 0.25}, {0.125, 0.125, 0.75}};
        double[][] ycd = {{0, 1, 0}, {0, 0, 1}};
        assertEquals(Losses.categoricalCrossEntropy(ycd, pcd), cce, 1e-6);
    }

    @Test
    void badInputFailsClearly() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Losses.binaryCrossEntropy(new double[] {1}, new double[] {1.5}));
        assertEquals("binaryCrossEntropy: expected a prediction in [0, 1], got 1.5 at index 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.meanSquaredError(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Losses.meanSquaredError(new double[0], new double[0]));
        var c = assertThrows(IllegalArgumentException.class,
                () -> Losses.categoricalCrossEntropy(new double[][] {{0, 1}}, new double[][] {{0.5, 0.25, 0.25}}));
        assertEquals("categoricalCrossEntropy (targets [1, 2] vs predictions [1, 3]): expected 3 columns in every row, got 2 in row 0",
                c.getMessage());
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
