package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API pooling loop against its plain twin, on ties, NaNs and odd channel counts. */
class PoolingOpsTest {

    @Test
    void vectorMatchesPlainBitForBit() {
        PoolingOps vector = Simd.load("org.hebb.kernels.PoolingVector", PoolingOps.class, null);
        if (!Simd.enabled()) {
            return; // nothing to compare: the plain loop is the only one in this JVM
        }
        assertTrue(vector != null, "PoolingVector should load when the Vector API is enabled");
        Random r = new Random(3);
        for (int c : new int[] {1, 5, 16, 32, 37, 64}) {
            int[] tapOff = {0, c, 10 * c, 11 * c};
            float[] x = new float[12 * c + 40];
            for (int i = 0; i < x.length; i++) {
                // few distinct values: many ties; some NaNs
                x[i] = r.nextInt(20) == 0 ? Float.NaN : r.nextInt(4) - 1.5f;
            }
            for (int corner : new int[] {0, 3, 17}) {
                float[] outP = new float[c + 7];
                float[] outV = new float[c + 7];
                int[] amP = new int[c + 7];
                int[] amV = new int[c + 7];
                PoolingOps.PLAIN.maxWindow(x, corner, tapOff, 4, outP, amP, 5, c);
                vector.maxWindow(x, corner, tapOff, 4, outV, amV, 5, c);
                assertArrayEquals(amP, amV, "argmax, c=" + c + " corner=" + corner);
                for (int i = 0; i < outP.length; i++) {
                    assertTrue(Float.floatToRawIntBits(outP[i]) == Float.floatToRawIntBits(outV[i])
                            || (Float.isNaN(outP[i]) && Float.isNaN(outV[i])), "max, c=" + c + " at " + i);
                }
                float[] noArg = new float[c + 7];
                vector.maxWindow(x, corner, tapOff, 4, noArg, null, 5, c);
                assertArrayEquals(outV, noArg, "without argmax, c=" + c);
            }
        }
    }
}
