package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API streaming loops agree bit for bit with the plain ones, which agree with the definitions. */
class StreamOpsTest {
    private static final StreamOps VECTOR = new StreamOpsVector();

    /** Random values with the awkward ones mixed in: +-0, NaN, infinities, subnormals. */
    private static float[] values(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            -Float.MIN_VALUE};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) (r.nextDouble() * 4 - 2);
        }
        return x;
    }

    @Test
    void vectorMatchesPlainAndTheDefinitionOnOddRangesAndOffsets() {
        for (int len : new int[] {0, 1, 15, 16, 17, 33, 100, 1000}) {
            for (int off : new int[] {0, 3}) {
                float[] g = values(len * 7L + off, len + 2 * off + 5);
                float[] y = values(len * 11L + off, g.length);

                float[] dp = values(99, g.length);
                float[] dv = dp.clone();
                float[] want = dp.clone();
                for (int i = 0; i < len; i++) {
                    want[off + 1 + i] += g[off + i];
                }
                StreamOps.PLAIN.addInto(dp, off + 1, g, off, len);
                VECTOR.addInto(dv, off + 1, g, off, len);
                assertArrayEquals(want, dp, "addInto plain, len " + len);
                assertArrayEquals(want, dv, "addInto vector, len " + len);

                float[] fp = values(77, g.length);
                float[] fv = fp.clone();
                float[] fwant = fp.clone();
                for (int i = 0; i < len; i++) {
                    fwant[off + 1 + i] = Math.fma(g[off + i], y[off + i], fwant[off + 1 + i]);
                }
                StreamOps.PLAIN.mulAddInto(fp, off + 1, g, off, y, off, len);
                VECTOR.mulAddInto(fv, off + 1, g, off, y, off, len);
                assertArrayEquals(fwant, fp, "mulAddInto plain, len " + len);
                assertArrayEquals(fwant, fv, "mulAddInto vector, len " + len);

                float[] sc = values(41, len + 1);
                float[] tc = values(42, len + 1);
                float[] ap = values(43, g.length);
                float[] av = ap.clone();
                float[] awant = ap.clone();
                for (int i = 0; i < len; i++) {
                    awant[off + 1 + i] = Math.fma(g[off + i], sc[i], tc[i]);
                }
                StreamOps.PLAIN.affine(g, off, sc, tc, ap, off + 1, len);
                VECTOR.affine(g, off, sc, tc, av, off + 1, len);
                assertArrayEquals(awant, ap, "affine plain, len " + len);
                assertArrayEquals(awant, av, "affine vector, len " + len);

                float[] mp = values(5, g.length);
                float[] mv = mp.clone();
                float[] mwant = mp.clone();
                for (int i = 0; i < len; i++) {
                    mwant[off + 1 + i] = y[off + i] > 0f ? g[off + i] : 0f;
                }
                StreamOps.PLAIN.maskPositive(g, y, off, mp, off + 1, len);
                VECTOR.maskPositive(g, y, off, mv, off + 1, len);
                assertArrayEquals(mwant, mp, "maskPositive plain, len " + len);
                assertArrayEquals(mwant, mv, "maskPositive vector, len " + len);

                float[] rp = y.clone();
                float[] rv = y.clone();
                float[] rwant = y.clone();
                for (int i = off; i < off + len; i++) {
                    rwant[i] = Math.max(y[i], 0f);
                }
                StreamOps.PLAIN.relu(rp, off, off + len);
                VECTOR.relu(rv, off, off + len);
                assertArrayEquals(rwant, rp, "relu plain, len " + len);
                assertArrayEquals(rwant, rv, "relu vector, len " + len);
            }
        }
    }

    @Test
    void frontDoorUsesTheVectorLoopsWhenTheModuleIsReadable() {
        assertEquals(Simd.enabled() ? "vector" : "plain", Streams.implementation());
    }
}
