package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ThinConvOps} with the Vector API: the output channels in pairs of vectors, then one
 * vector, then a plain remainder. The forward pass keeps four positions' accumulators in
 * registers over all taps (eight independent chains of fused multiply-adds, no read-modify-write
 * of the output; the kernel rows are loaded once per four positions); the kernel gradient runs
 * three taps at a time over the run (six chains, each gradient row loaded once per three taps).
 * As many input channels as filters (16, 32 or 64) at stride 1 go to {@link ThinConvWide}'s
 * register-blocked runs instead. Loaded by name through {@link Simd#load} only when
 * {@code jdk.incubator.vector} is readable.
 */
final class ThinConvVector implements ThinConvOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public boolean registerBlockedRuns(int channels) {
        return ThinConvWide.covers(channels);
    }

    @Override
    public void forwardRun(float[] x, int xBase, int step, int[] tapOff, float[] k, int f, float[] bias,
                           float[] out, int oBase, int count, boolean relu, boolean threeWide) {
        if (f == step && ThinConvWide.covers(f)) {
            ThinConvWide.forward(f, x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            return;
        }
        final int taps = tapOff.length;
        // max(v, floor) as a blend, no vector flowing out of an if: NaN stays NaN, -0 becomes +0
        // with the ReLU (as Math.max); with floor -inf it changes nothing.
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        int j = 0;
        for (; j <= f - 2 * L; j += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bias, j);
            FloatVector b1 = FloatVector.fromArray(S, bias, j + L);
            int p = 0;
            for (; p <= count - 4; p += 4) {
                // four positions at once: eight independent chains of multiply-adds
                int xb = xBase + p * step;
                FloatVector a0 = b0, a1 = b1, c0 = b0, c1 = b1, d0 = b0, d1 = b1, e0 = b0, e1 = b1;
                for (int t = 0; t < taps; t++) {
                    int xt = xb + tapOff[t];
                    FloatVector k0 = FloatVector.fromArray(S, k, t * f + j);
                    FloatVector k1 = FloatVector.fromArray(S, k, t * f + j + L);
                    FloatVector v = FloatVector.broadcast(S, x[xt]);
                    a0 = v.fma(k0, a0);
                    a1 = v.fma(k1, a1);
                    v = FloatVector.broadcast(S, x[xt + step]);
                    c0 = v.fma(k0, c0);
                    c1 = v.fma(k1, c1);
                    v = FloatVector.broadcast(S, x[xt + 2 * step]);
                    d0 = v.fma(k0, d0);
                    d1 = v.fma(k1, d1);
                    v = FloatVector.broadcast(S, x[xt + 3 * step]);
                    e0 = v.fma(k0, e0);
                    e1 = v.fma(k1, e1);
                }
                int o = oBase + p * f + j;
                a0.blend(floorV, a0.compare(VectorOperators.LE, floor)).intoArray(out, o);
                a1.blend(floorV, a1.compare(VectorOperators.LE, floor)).intoArray(out, o + L);
                c0.blend(floorV, c0.compare(VectorOperators.LE, floor)).intoArray(out, o + f);
                c1.blend(floorV, c1.compare(VectorOperators.LE, floor)).intoArray(out, o + f + L);
                d0.blend(floorV, d0.compare(VectorOperators.LE, floor)).intoArray(out, o + 2 * f);
                d1.blend(floorV, d1.compare(VectorOperators.LE, floor)).intoArray(out, o + 2 * f + L);
                e0.blend(floorV, e0.compare(VectorOperators.LE, floor)).intoArray(out, o + 3 * f);
                e1.blend(floorV, e1.compare(VectorOperators.LE, floor)).intoArray(out, o + 3 * f + L);
            }
            for (; p < count; p++) {
                int xb = xBase + p * step;
                FloatVector acc0 = b0;
                FloatVector acc1 = b1;
                for (int t = 0; t < taps; t++) {
                    FloatVector a = FloatVector.broadcast(S, x[xb + tapOff[t]]);
                    acc0 = a.fma(FloatVector.fromArray(S, k, t * f + j), acc0);
                    acc1 = a.fma(FloatVector.fromArray(S, k, t * f + j + L), acc1);
                }
                acc0.blend(floorV, acc0.compare(VectorOperators.LE, floor)).intoArray(out, oBase + p * f + j);
                acc1.blend(floorV, acc1.compare(VectorOperators.LE, floor)).intoArray(out, oBase + p * f + j + L);
            }
        }
        for (; j <= f - L; j += L) {
            FloatVector b0 = FloatVector.fromArray(S, bias, j);
            for (int p = 0; p < count; p++) {
                int xb = xBase + p * step;
                FloatVector acc0 = b0;
                for (int t = 0; t < taps; t++) {
                    acc0 = FloatVector.broadcast(S, x[xb + tapOff[t]]).fma(FloatVector.fromArray(S, k, t * f + j), acc0);
                }
                acc0 = acc0.blend(floorV, acc0.compare(VectorOperators.LE, floor));
                acc0.intoArray(out, oBase + p * f + j);
            }
        }
        if (j < f) {
            forwardColumns(x, xBase, step, tapOff, k, f, bias, out, oBase, count, relu, j);
        }
    }

    /** The plain loop for output channels {@code [j0, f)}. */
    private static void forwardColumns(float[] x, int xBase, int step, int[] tapOff, float[] k, int f, float[] bias,
                                       float[] out, int oBase, int count, boolean relu, int j0) {
        for (int p = 0; p < count; p++) {
            int xb = xBase + p * step;
            for (int j = j0; j < f; j++) {
                float acc = bias[j];
                for (int t = 0; t < tapOff.length; t++) {
                    acc = Math.fma(x[xb + tapOff[t]], k[t * f + j], acc);
                }
                out[oBase + p * f + j] = relu ? Math.max(acc, 0f) : acc;
            }
        }
    }

    @Override
    public void kernelGradRows(float[] x, int xBase, int step, int rowStep, int rows, int[] tapOff, float[] g,
                               int gBase, int f, float[] dk, int count) {
        if (f == step && ThinConvWide.covers(f)
                && ThinConvWide.kernelGrad(f, x, xBase, rowStep, rows, tapOff, g, gBase, dk, count)) {
            return;
        }
        ThinConvOps.super.kernelGradRows(x, xBase, step, rowStep, rows, tapOff, g, gBase, f, dk, count);
    }

    @Override
    public void kernelGradRun(float[] x, int xBase, int step, int[] tapOff, float[] g, int gBase, int f,
                              float[] dk, int count) {
        final int taps = tapOff.length;
                int j = 0;
        for (; j <= f - 2 * L; j += 2 * L) {
            int t = 0;
            for (; t <= taps - 3; t += 3) {
                // three taps at once: each gradient row loaded once for six accumulators
                int x0 = xBase + tapOff[t];
                int x1 = xBase + tapOff[t + 1];
                int x2 = xBase + tapOff[t + 2];
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00;
                for (int p = 0; p < count; p++) {
                    int gb = gBase + p * f + j;
                    int xo = p * step;
                    FloatVector g0 = FloatVector.fromArray(S, g, gb);
                    FloatVector g1 = FloatVector.fromArray(S, g, gb + L);
                    FloatVector v = FloatVector.broadcast(S, x[x0 + xo]);
                    s00 = v.fma(g0, s00);
                    s01 = v.fma(g1, s01);
                    v = FloatVector.broadcast(S, x[x1 + xo]);
                    s10 = v.fma(g0, s10);
                    s11 = v.fma(g1, s11);
                    v = FloatVector.broadcast(S, x[x2 + xo]);
                    s20 = v.fma(g0, s20);
                    s21 = v.fma(g1, s21);
                }
                int kb = t * f + j;
                FloatVector.fromArray(S, dk, kb).add(s00).intoArray(dk, kb);
                FloatVector.fromArray(S, dk, kb + L).add(s01).intoArray(dk, kb + L);
                FloatVector.fromArray(S, dk, kb + f).add(s10).intoArray(dk, kb + f);
                FloatVector.fromArray(S, dk, kb + f + L).add(s11).intoArray(dk, kb + f + L);
                FloatVector.fromArray(S, dk, kb + 2 * f).add(s20).intoArray(dk, kb + 2 * f);
                FloatVector.fromArray(S, dk, kb + 2 * f + L).add(s21).intoArray(dk, kb + 2 * f + L);
            }
            for (; t < taps; t++) {
                int xt = xBase + tapOff[t];
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = s00;
                for (int p = 0; p < count; p++) {
                    int gb = gBase + p * f + j;
                    FloatVector v = FloatVector.broadcast(S, x[xt + p * step]);
                    s00 = v.fma(FloatVector.fromArray(S, g, gb), s00);
                    s01 = v.fma(FloatVector.fromArray(S, g, gb + L), s01);
                }
                int kb = t * f + j;
                FloatVector.fromArray(S, dk, kb).add(s00).intoArray(dk, kb);
                FloatVector.fromArray(S, dk, kb + L).add(s01).intoArray(dk, kb + L);
            }
        }
        for (; j <= f - L; j += L) {
            for (int t = 0; t < taps; t++) {
                int xt = xBase + tapOff[t];
                FloatVector e0 = FloatVector.zero(S);
                for (int p = 0; p < count; p++) {
                    e0 = FloatVector.broadcast(S, x[xt + p * step]).fma(FloatVector.fromArray(S, g, gBase + p * f + j), e0);
                }
                int kb = t * f + j;
                FloatVector.fromArray(S, dk, kb).add(e0).intoArray(dk, kb);
            }
        }
        for (; j < f; j++) {
            for (int t = 0; t < taps; t++) {
                int xt = xBase + tapOff[t];
                float acc = 0f;
                for (int p = 0; p < count; p++) {
                    acc = Math.fma(x[xt + p * step], g[gBase + p * f + j], acc);
                }
                dk[t * f + j] += acc;
            }
        }
    }
}
