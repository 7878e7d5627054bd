package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both implementations of {@link ThinConvOps} against sums in double, over the edges of their unrolling. */
class ThinConvTest {
    private static final ThinConvOps VECTOR = new ThinConvVector();
    /** Output channels: under one vector, one, two, two + one + a remainder, four. */
    private static final int[] WIDTHS = {4, 16, 32, 51, 64};
    /** Positions per run: around the forward pass's groups of four. */
    private static final int[] COUNTS = {1, 3, 4, 7, 26};

    private static float[] uniform(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** A 3x3 window over rows of 40 floats, with channel pairs (C = 2): 18 taps, in kernel order. */
    private static int[] taps(int taps) {
        int[] off = new int[taps];
        for (int t = 0; t < taps; t++) {
            int q = t % 2;
            int j = (t / 2) % 3;
            int i = t / 6;
            off[t] = i * 40 + j * 2 + q;
        }
        return off;
    }

    @Test
    void forwardRunMatchesDoubleSums() {
        for (int taps : new int[] {1, 9, 18}) {
            int[] off = taps(taps);
            for (int f : WIDTHS) {
                for (int count : COUNTS) {
                    for (int step : new int[] {2, 4}) {
                        float[] x = uniform(taps * 100L + f, 200 + count * step);
                        float[] k = uniform(f * 7L + count, taps * f);
                        float[] bias = uniform(f, f);
                        for (boolean relu : new boolean[] {false, true}) {
                            String what = "taps " + taps + " f " + f + " count " + count + " step " + step
                                    + (relu ? " relu" : "");
                            float[] want = new float[3 + count * f];
                            for (int p = 0; p < count; p++) {
                                for (int j = 0; j < f; j++) {
                                    double s = bias[j];
                                    for (int t = 0; t < taps; t++) {
                                        s += (double) x[5 + p * step + off[t]] * k[t * f + j];
                                    }
                                    want[3 + p * f + j] = relu ? (float) Math.max(s, 0) : (float) s;
                                }
                            }
                            for (ThinConvOps ops : new ThinConvOps[] {ThinConvOps.PLAIN, VECTOR}) {
                                float[] out = new float[want.length];
                                ops.forwardRun(x, 5, step, off, k, f, bias, out, 3, count, relu, false);
                                assertClose(want, out, what + " " + ops.getClass().getSimpleName());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void registerBlockedRunsMatchDoubleSums() {
        // C = F = 16, 32 or 64, a 3x3 window over rows of 32 positions: 9C taps, windows C floats
        // apart; counts around the groups of positions (14; 7; 4 then 3).
        for (int c : new int[] {16, 32, 64}) {
            int taps = 9 * c;
            int[] off = new int[taps];
            for (int t = 0; t < taps; t++) {
                off[t] = (t / (3 * c)) * 32 * c + ((t / c) % 3) * c + t % c;
            }
            float[] x = uniform(11 + c, 6 * 32 * c + 7);
            float[] k = uniform(12 + c, taps * c);
            float[] bias = uniform(13 + c, c);
            for (int count : new int[] {1, 3, 4, 6, 7, 8, 13, 14, 15, 28, 29}) {
                for (boolean relu : new boolean[] {false, true}) {
                    float[] want = new float[5 + count * c];
                    for (int p = 0; p < count; p++) {
                        for (int j = 0; j < c; j++) {
                            double sum = bias[j];
                            for (int t = 0; t < taps; t++) {
                                sum += (double) x[7 + p * c + off[t]] * k[t * c + j];
                            }
                            want[5 + p * c + j] = relu ? (float) Math.max(sum, 0) : (float) sum;
                        }
                    }
                    for (ThinConvOps ops : new ThinConvOps[] {ThinConvOps.PLAIN, VECTOR}) {
                        // one tap at a time, and three columns a step (a 3-wide kernel)
                        for (boolean threeWide : new boolean[] {false, true}) {
                            float[] out = new float[want.length];
                            ops.forwardRun(x, 7, c, off, k, c, bias, out, 5, count, relu, threeWide);
                            assertClose(want, out, "C " + c + " count " + count + (relu ? " relu " : " ")
                                    + (threeWide ? "three-wide " : "") + ops.getClass().getSimpleName());
                        }
                    }
                }
            }
            // The kernel gradient over the same windows, one or three rows of them (rows 32 * C
            // floats apart), adding into dk; and over a tap table whose groups are not
            // consecutive (the general loops then).
            int[] shuffled = off.clone();
            shuffled[4] = off[5];
            shuffled[5] = off[4];
            for (int[] table : new int[][] {off, shuffled}) {
                for (int rows : new int[] {1, 3}) {
                    for (int count : new int[] {1, 13, 28}) {
                        float[] g = uniform(14 + count, 3 + rows * count * c);
                        float[] start = uniform(15, taps * c);
                        float[] want = new float[taps * c];
                        for (int t = 0; t < taps; t++) {
                            for (int j = 0; j < c; j++) {
                                double sum = start[t * c + j];
                                for (int r = 0; r < rows; r++) {
                                    for (int p = 0; p < count; p++) {
                                        sum += (double) x[7 + r * 32 * c + p * c + table[t]]
                                                * g[3 + (r * count + p) * c + j];
                                    }
                                }
                                want[t * c + j] = (float) sum;
                            }
                        }
                        for (ThinConvOps ops : new ThinConvOps[] {ThinConvOps.PLAIN, VECTOR}) {
                            float[] dk = start.clone();
                            ops.kernelGradRows(x, 7, c, 32 * c, rows, table, g, 3, c, dk, count);
                            assertClose(want, dk, "kernel gradient, C " + c + " rows " + rows + " count " + count
                                    + (table == off ? " " : " shuffled ") + ops.getClass().getSimpleName());
                        }
                    }
                }
            }
        }
        boolean lanes16 = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() == 16;
        for (int c : new int[] {16, 32, 64}) {
            assertEquals(lanes16, VECTOR.registerBlockedRuns(c));
            assertTrue(!ThinConvOps.PLAIN.registerBlockedRuns(c));
        }
        assertTrue(!VECTOR.registerBlockedRuns(48) && !VECTOR.registerBlockedRuns(128));
    }

    @Test
    void kernelGradRunMatchesDoubleSumsAndAddsInto() {
        for (int taps : new int[] {1, 4, 9, 18}) {
            int[] off = taps(taps);
            for (int f : WIDTHS) {
                for (int count : COUNTS) {
                    int step = 2;
                    float[] x = uniform(taps * 31L + f, 200 + count * step);
                    float[] g = uniform(f * 13L + count, 7 + count * f);
                    float[] start = uniform(99, taps * f);
                    float[] want = new float[taps * f];
                    for (int t = 0; t < taps; t++) {
                        for (int j = 0; j < f; j++) {
                            double s = start[t * f + j];
                            for (int p = 0; p < count; p++) {
                                s += (double) x[1 + p * step + off[t]] * g[7 + p * f + j];
                            }
                            want[t * f + j] = (float) s;
                        }
                    }
                    for (ThinConvOps ops : new ThinConvOps[] {ThinConvOps.PLAIN, VECTOR}) {
                        float[] dk = start.clone();
                        ops.kernelGradRun(x, 1, step, off, g, 7, f, dk, count);
                        assertClose(want, dk, "taps " + taps + " f " + f + " count " + count + " "
                                + ops.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    @Test
    void reluOfTheForwardPassKeepsNaNAndMakesMinusZeroPlus() {
        // one tap, weight 1, bias -0: the output is the input (-0 + -0 stays -0), then the ReLU
        float[] x = {-0f, Float.NaN, -2f, 3f, -0f};
        float[] k = new float[16];
        java.util.Arrays.fill(k, 1f);
        float[] bias = new float[16];
        java.util.Arrays.fill(bias, -0f);
        for (ThinConvOps ops : new ThinConvOps[] {ThinConvOps.PLAIN, VECTOR}) {
            float[] out = new float[5 * 16];
            ops.forwardRun(x, 0, 1, new int[] {0}, k, 16, bias, out, 0, 5, true, false);
            for (int j = 0; j < 16; j++) {
                assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(out[j]), "relu(-0) is +0");
                assertTrue(Float.isNaN(out[16 + j]), "relu(NaN) is NaN");
                assertEquals(0f, out[32 + j]);
                assertEquals(3f, out[48 + j]);
            }
        }
    }

    private static void assertClose(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            float tol = 1e-5f * Math.max(1f, Math.abs(want[i]));
            assertTrue(Math.abs(want[i] - got[i]) <= tol, what + ": element " + i + " expected " + want[i]
                    + " got " + got[i]);
        }
    }
}
