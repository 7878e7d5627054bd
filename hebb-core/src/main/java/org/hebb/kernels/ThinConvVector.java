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
 * Loaded by name through {@link Simd#load} only when {@code jdk.incubator.vector} is readable.
 */
final class ThinConvVector implements ThinConvOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public boolean sixteenChannelRuns() {
        return L == 16;
    }

    @Override
    public void forwardRun(float[] x, int xBase, int step, int[] tapOff, float[] k, int f, float[] bias,
                           float[] out, int oBase, int count, boolean relu) {
        final int taps = tapOff.length;
        // max(v, floor) as a blend, no vector flowing out of an if: NaN stays NaN, -0 becomes +0
        // with the ReLU (as Math.max); with floor -inf it changes nothing.
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        if (L == 16 && f == L && step == L) {
            forwardRunOneVector(x, xBase, tapOff, k, bias, out, oBase, count, floor, floorV);
            return;
        }
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

    /**
     * {@link #forwardRun} for one vector of output channels ({@code f == L}) over windows
     * {@code step == L} floats apart (16 input channels, stride 1, with 16 lanes): fourteen
     * positions' accumulators stay in registers over all taps, and every read of x is the tap's
     * offset plus a constant, so one address register serves a whole group of fourteen (the
     * layers of a CIFAR-style ResNet's first stage, forward and input gradient).
     */
    private static void forwardRunOneVector(float[] x, int xBase, int[] tapOff, float[] k, float[] bias,
                                            float[] out, int oBase, int count, float floor, FloatVector floorV) {
        final int taps = tapOff.length;
        final FloatVector b = FloatVector.fromArray(S, bias, 0);
        int p = 0;
        for (; p <= count - 14; p += 14) {
            int xb = xBase + p * L;
            FloatVector a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b, a8 = b, a9 = b, a10 = b, a11 = b, a12 = b, a13 = b;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector kv = FloatVector.fromArray(S, k, t * L);
                a0 = FloatVector.broadcast(S, x[xt]).fma(kv, a0);
                a1 = FloatVector.broadcast(S, x[xt + 16]).fma(kv, a1);
                a2 = FloatVector.broadcast(S, x[xt + 32]).fma(kv, a2);
                a3 = FloatVector.broadcast(S, x[xt + 48]).fma(kv, a3);
                a4 = FloatVector.broadcast(S, x[xt + 64]).fma(kv, a4);
                a5 = FloatVector.broadcast(S, x[xt + 80]).fma(kv, a5);
                a6 = FloatVector.broadcast(S, x[xt + 96]).fma(kv, a6);
                a7 = FloatVector.broadcast(S, x[xt + 112]).fma(kv, a7);
                a8 = FloatVector.broadcast(S, x[xt + 128]).fma(kv, a8);
                a9 = FloatVector.broadcast(S, x[xt + 144]).fma(kv, a9);
                a10 = FloatVector.broadcast(S, x[xt + 160]).fma(kv, a10);
                a11 = FloatVector.broadcast(S, x[xt + 176]).fma(kv, a11);
                a12 = FloatVector.broadcast(S, x[xt + 192]).fma(kv, a12);
                a13 = FloatVector.broadcast(S, x[xt + 208]).fma(kv, a13);
            }
            int o = oBase + p * L;
            a0.blend(floorV, a0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a1.blend(floorV, a1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a2.blend(floorV, a2.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a3.blend(floorV, a3.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a4.blend(floorV, a4.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a5.blend(floorV, a5.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a6.blend(floorV, a6.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a7.blend(floorV, a7.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a8.blend(floorV, a8.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a9.blend(floorV, a9.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a10.blend(floorV, a10.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a11.blend(floorV, a11.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a12.blend(floorV, a12.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a13.blend(floorV, a13.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
        }
        for (; p < count; p++) {
            int xb = xBase + p * L;
            FloatVector acc = b;
            for (int t = 0; t < taps; t++) {
                acc = FloatVector.broadcast(S, x[xb + tapOff[t]]).fma(FloatVector.fromArray(S, k, t * L), acc);
            }
            acc.blend(floorV, acc.compare(VectorOperators.LE, floor)).intoArray(out, oBase + p * L);
        }
    }

    /**
     * {@link #kernelGradRun} for one vector of output channels ({@code f == L == 16}) over windows
     * 16 floats apart, when the taps come in groups of 16 consecutive offsets (16 input
     * channels: one group per kernel position): a group's sixteen rows of dk stay in registers
     * over the whole run, each position loading its gradient row once for sixteen broadcast
     * multiply-adds. Returns false, touching nothing, when the taps are not so grouped.
     */
    private static boolean kernelGradRunOneVector(float[] x, int xBase, int[] tapOff, float[] g, int gBase,
                                                  float[] dk, int count) {
        final int taps = tapOff.length;
        if (taps % 16 != 0) {
            return false;
        }
        for (int t = 0; t < taps; t++) {
            if (tapOff[t] != tapOff[t - t % 16] + t % 16) {
                return false;
            }
        }
        for (int t0 = 0; t0 < taps; t0 += 16) {
            final int xt = xBase + tapOff[t0];
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
            for (int p = 0; p < count; p++) {
                int xp = xt + p * 16;
                FloatVector gv = FloatVector.fromArray(S, g, gBase + p * 16);
                s0 = FloatVector.broadcast(S, x[xp]).fma(gv, s0);
                s1 = FloatVector.broadcast(S, x[xp + 1]).fma(gv, s1);
                s2 = FloatVector.broadcast(S, x[xp + 2]).fma(gv, s2);
                s3 = FloatVector.broadcast(S, x[xp + 3]).fma(gv, s3);
                s4 = FloatVector.broadcast(S, x[xp + 4]).fma(gv, s4);
                s5 = FloatVector.broadcast(S, x[xp + 5]).fma(gv, s5);
                s6 = FloatVector.broadcast(S, x[xp + 6]).fma(gv, s6);
                s7 = FloatVector.broadcast(S, x[xp + 7]).fma(gv, s7);
                s8 = FloatVector.broadcast(S, x[xp + 8]).fma(gv, s8);
                s9 = FloatVector.broadcast(S, x[xp + 9]).fma(gv, s9);
                s10 = FloatVector.broadcast(S, x[xp + 10]).fma(gv, s10);
                s11 = FloatVector.broadcast(S, x[xp + 11]).fma(gv, s11);
                s12 = FloatVector.broadcast(S, x[xp + 12]).fma(gv, s12);
                s13 = FloatVector.broadcast(S, x[xp + 13]).fma(gv, s13);
                s14 = FloatVector.broadcast(S, x[xp + 14]).fma(gv, s14);
                s15 = FloatVector.broadcast(S, x[xp + 15]).fma(gv, s15);
            }
            int kb = t0 * 16;
            FloatVector.fromArray(S, dk, kb).add(s0).intoArray(dk, kb);
            FloatVector.fromArray(S, dk, kb + 16).add(s1).intoArray(dk, kb + 16);
            FloatVector.fromArray(S, dk, kb + 32).add(s2).intoArray(dk, kb + 32);
            FloatVector.fromArray(S, dk, kb + 48).add(s3).intoArray(dk, kb + 48);
            FloatVector.fromArray(S, dk, kb + 64).add(s4).intoArray(dk, kb + 64);
            FloatVector.fromArray(S, dk, kb + 80).add(s5).intoArray(dk, kb + 80);
            FloatVector.fromArray(S, dk, kb + 96).add(s6).intoArray(dk, kb + 96);
            FloatVector.fromArray(S, dk, kb + 112).add(s7).intoArray(dk, kb + 112);
            FloatVector.fromArray(S, dk, kb + 128).add(s8).intoArray(dk, kb + 128);
            FloatVector.fromArray(S, dk, kb + 144).add(s9).intoArray(dk, kb + 144);
            FloatVector.fromArray(S, dk, kb + 160).add(s10).intoArray(dk, kb + 160);
            FloatVector.fromArray(S, dk, kb + 176).add(s11).intoArray(dk, kb + 176);
            FloatVector.fromArray(S, dk, kb + 192).add(s12).intoArray(dk, kb + 192);
            FloatVector.fromArray(S, dk, kb + 208).add(s13).intoArray(dk, kb + 208);
            FloatVector.fromArray(S, dk, kb + 224).add(s14).intoArray(dk, kb + 224);
            FloatVector.fromArray(S, dk, kb + 240).add(s15).intoArray(dk, kb + 240);
        }
        return true;
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
    public void kernelGradRun(float[] x, int xBase, int step, int[] tapOff, float[] g, int gBase, int f,
                              float[] dk, int count) {
        if (L == 16 && f == L && step == L && kernelGradRunOneVector(x, xBase, tapOff, g, gBase, dk, count)) {
            return;
        }
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
