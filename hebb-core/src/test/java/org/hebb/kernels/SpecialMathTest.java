package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecialMathTest {

    /** Reference values from CPython's math.erf / math.erfc (correctly rounded double). */
    @Test
    void erfMatchesReferenceValuesToFloatPrecision() {
        double[][] erf = {
            {1e-3, 0.0011283787909692365}, {0.1, 0.1124629160182849}, {0.3, 0.3286267594591274},
            {0.5, 0.5204998778130465}, {0.7, 0.6778011938374184}, {1, 0.8427007929497149},
            {1.5, 0.9661051464753108}, {2, 0.9953222650189527}, {3, 0.9999779095030014},
            {-0.5, -0.5204998778130465}, {-2, -0.9953222650189527}};
        for (double[] c : erf) {
            double got = SpecialMath.erf(c[0]);
            assertEquals(c[1], got, 1.2e-7 * Math.abs(c[1]), "erf(" + c[0] + ")");
        }
        assertEquals(0.0, SpecialMath.erf(0.0));
        assertEquals(1.0, SpecialMath.erf(30.0));
        assertEquals(-1.0, SpecialMath.erf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(SpecialMath.erf(Double.NaN)));
    }

    @Test
    void erfcKeepsRelativeAccuracyInTheTail() {
        double[][] erfc = {
            {3, 2.2090496998585438e-05}, {5, 1.5374597944280351e-12}, {8, 1.1224297172982928e-29},
            {-1, 1.842700792949715}, {0.2, 0.7772974107895215}};
        for (double[] c : erfc) {
            double got = SpecialMath.erfc(c[0]);
            assertEquals(c[1], got, 1.2e-7 * Math.abs(c[1]), "erfc(" + c[0] + ")");
        }
    }

    @Test
    void erfIsOddAndContinuousAtTheSeriesBoundary() {
        for (double x = 0; x < 4; x += 0.01) {
            assertEquals(-SpecialMath.erf(x), SpecialMath.erf(-x), 0.0, "odd at " + x);
        }
        double below = SpecialMath.erf(Math.nextDown(0.5));
        double above = SpecialMath.erf(0.5);
        assertEquals(above, below, 1e-7);
    }

    @Test
    void normalCdfAndPdf() {
        assertEquals(0.5, SpecialMath.normalCdf(0), 1e-15);
        assertEquals(0.8413447460685429, SpecialMath.normalCdf(1), 1e-7);
        assertEquals(0.0013498980316300957, SpecialMath.normalCdf(-3), 1e-7 * 0.00135);
        assertEquals(1 / Math.sqrt(2 * Math.PI), SpecialMath.normalPdf(0), 1e-15);
        assertEquals(Math.exp(-2) / Math.sqrt(2 * Math.PI), SpecialMath.normalPdf(2), 1e-15);
    }
}
