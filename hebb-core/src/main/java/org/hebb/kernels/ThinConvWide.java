package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ThinConvVector}'s register-blocked runs for convolutions of 16, 32 or 64 input channels
 * into as many filters at stride 1 across (the three stages of a CIFAR-style ResNet), with
 * 16-lane vectors: windows are then exactly {@code channels} floats apart, so every read of x is
 * a tap's offset plus a constant, and no column matrix is written or read. Forward: a group of
 * positions keeps its accumulators in registers over all taps (groups of 14, 7, and 4 then 3
 * positions: rows of 28, 14 and 7 split evenly). Kernel gradient: a group of taps keeps its rows
 * of dk in registers over all positions of an image, row after row (16, 8 or 4 taps: sixteen
 * vectors each), and adds them into dk once. Written by
 * {@code scripts/gen_thin_conv_wide.py}; change the script, not this file.
 *
 * <p>Loaded only through {@link ThinConvVector}, itself loaded by name when
 * {@code jdk.incubator.vector} is readable.
 */
final class ThinConvWide {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ThinConvWide() {}

    /** True for the channel counts these runs cover, with 16-lane vectors. */
    static boolean covers(int channels) {
        return S.length() == 16 && (channels == 16 || channels == 32 || channels == 64);
    }

    /**
     * {@code forward16/32/64} for {@code f} channels (one of {@link #covers}). {@code threeWide}:
     * the taps are those of a kernel three columns wide at dilation 1 across (each kernel row's
     * taps are its columns 0, 1, 2 of f channels each, column dx at {@code dx * f} from column 0),
     * so each input value under a group is broadcast once for all three columns.
     */
    static void forward(int f, float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out, int oBase,
            int count, boolean relu, boolean threeWide) {
        switch (f) {
            case 16 -> forward16(x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            case 32 -> forward32(x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            case 64 -> forward64(x, xBase, tapOff, k, bias, out, oBase, count, relu, threeWide);
            default -> throw new IllegalArgumentException("ThinConvWide: no runs for " + f + " channels");
        }
    }

    /** {@code kernelGrad16/32/64} for {@code f} channels (one of {@link #covers}). */
    static boolean kernelGrad(int f, float[] x, int xBase, int rowStep, int rows, int[] tapOff, float[] g, int gBase,
            float[] dk, int count) {
        return switch (f) {
            case 16 -> kernelGrad16(x, xBase, rowStep, rows, tapOff, g, gBase, dk, count);
            case 32 -> kernelGrad32(x, xBase, rowStep, rows, tapOff, g, gBase, dk, count);
            case 64 -> kernelGrad64(x, xBase, rowStep, rows, tapOff, g, gBase, dk, count);
            default -> throw new IllegalArgumentException("ThinConvWide: no runs for " + f + " channels");
        };
    }

    /** True when {@code tapOff} comes in groups of {@code n} consecutive offsets. */
    static boolean consecutiveGroups(int[] tapOff, int n) {
        if (tapOff.length % n != 0) {
            return false;
        }
        for (int t = 0; t < tapOff.length; t++) {
            if (tapOff[t] != tapOff[t - t % n] + t % n) {
                return false;
            }
        }
        return true;
    }

    /** {@link ThinConvOps#forwardRun} for 16 channels into 16 filters, windows 16 floats apart. */
    static void forward16(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out, int oBase,
            int count, boolean relu, boolean threeWide) {
        final int taps = tapOff.length;
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        final FloatVector b0 = FloatVector.fromArray(S, bias, 0);
        int p = 0;
        if (threeWide) {
            p = triples16(x, xBase, tapOff, k, bias, out, oBase, count, relu);
        }
        for (; p <= count - 14; p += 14) {
            int xb = xBase + p * 16;
            int o = oBase + p * 16;
            FloatVector a0_0 = b0, a1_0 = b0, a2_0 = b0, a3_0 = b0, a4_0 = b0, a5_0 = b0, a6_0 = b0, a7_0 = b0;
            FloatVector a8_0 = b0, a9_0 = b0, a10_0 = b0, a11_0 = b0, a12_0 = b0, a13_0 = b0;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 16);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 16]);
                a1_0 = x1.fma(k0, a1_0);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 32]);
                a2_0 = x2.fma(k0, a2_0);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 48]);
                a3_0 = x3.fma(k0, a3_0);
                FloatVector x4 = FloatVector.broadcast(S, x[xt + 64]);
                a4_0 = x4.fma(k0, a4_0);
                FloatVector x5 = FloatVector.broadcast(S, x[xt + 80]);
                a5_0 = x5.fma(k0, a5_0);
                FloatVector x6 = FloatVector.broadcast(S, x[xt + 96]);
                a6_0 = x6.fma(k0, a6_0);
                FloatVector x7 = FloatVector.broadcast(S, x[xt + 112]);
                a7_0 = x7.fma(k0, a7_0);
                FloatVector x8 = FloatVector.broadcast(S, x[xt + 128]);
                a8_0 = x8.fma(k0, a8_0);
                FloatVector x9 = FloatVector.broadcast(S, x[xt + 144]);
                a9_0 = x9.fma(k0, a9_0);
                FloatVector x10 = FloatVector.broadcast(S, x[xt + 160]);
                a10_0 = x10.fma(k0, a10_0);
                FloatVector x11 = FloatVector.broadcast(S, x[xt + 176]);
                a11_0 = x11.fma(k0, a11_0);
                FloatVector x12 = FloatVector.broadcast(S, x[xt + 192]);
                a12_0 = x12.fma(k0, a12_0);
                FloatVector x13 = FloatVector.broadcast(S, x[xt + 208]);
                a13_0 = x13.fma(k0, a13_0);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a3_0.blend(floorV, a3_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a4_0.blend(floorV, a4_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a5_0.blend(floorV, a5_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a6_0.blend(floorV, a6_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a7_0.blend(floorV, a7_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a8_0.blend(floorV, a8_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a9_0.blend(floorV, a9_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a10_0.blend(floorV, a10_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a11_0.blend(floorV, a11_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a12_0.blend(floorV, a12_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a13_0.blend(floorV, a13_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
        }
        for (; p <= count - 1; p += 1) {
            int xb = xBase + p * 16;
            int o = oBase + p * 16;
            FloatVector a0_0 = b0;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 16);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
        }
    }

    /**
     * The whole groups of {@link #forward16} over windows three taps wide (see {@link #forward}):
     * returns the number of positions written.
     */
    private static int triples16(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out,
            int oBase, int count, boolean relu) {
        final int rowTaps = tapOff.length / 3;
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        final FloatVector b0 = FloatVector.fromArray(S, bias, 0);
        int p = 0;
        for (; p <= count - 14; p += 14) {
            int xb = xBase + p * 16;
            int o = oBase + p * 16;
            FloatVector a0_0 = b0, a1_0 = b0, a2_0 = b0, a3_0 = b0, a4_0 = b0, a5_0 = b0, a6_0 = b0, a7_0 = b0;
            FloatVector a8_0 = b0, a9_0 = b0, a10_0 = b0, a11_0 = b0, a12_0 = b0, a13_0 = b0;
            for (int r = 0; r < rowTaps; r++) {
                int t = r + (r >> 4 << 5);
                int xt = xb + tapOff[t];
                int kt = t * 16;
                FloatVector k0_0 = FloatVector.fromArray(S, k, kt);
                FloatVector k1_0 = FloatVector.fromArray(S, k, kt + 256);
                FloatVector k2_0 = FloatVector.fromArray(S, k, kt + 512);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0_0, a0_0);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 16]);
                a1_0 = x1.fma(k0_0, a1_0);
                a0_0 = x1.fma(k1_0, a0_0);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 32]);
                a2_0 = x2.fma(k0_0, a2_0);
                a1_0 = x2.fma(k1_0, a1_0);
                a0_0 = x2.fma(k2_0, a0_0);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 48]);
                a3_0 = x3.fma(k0_0, a3_0);
                a2_0 = x3.fma(k1_0, a2_0);
                a1_0 = x3.fma(k2_0, a1_0);
                FloatVector x4 = FloatVector.broadcast(S, x[xt + 64]);
                a4_0 = x4.fma(k0_0, a4_0);
                a3_0 = x4.fma(k1_0, a3_0);
                a2_0 = x4.fma(k2_0, a2_0);
                FloatVector x5 = FloatVector.broadcast(S, x[xt + 80]);
                a5_0 = x5.fma(k0_0, a5_0);
                a4_0 = x5.fma(k1_0, a4_0);
                a3_0 = x5.fma(k2_0, a3_0);
                FloatVector x6 = FloatVector.broadcast(S, x[xt + 96]);
                a6_0 = x6.fma(k0_0, a6_0);
                a5_0 = x6.fma(k1_0, a5_0);
                a4_0 = x6.fma(k2_0, a4_0);
                FloatVector x7 = FloatVector.broadcast(S, x[xt + 112]);
                a7_0 = x7.fma(k0_0, a7_0);
                a6_0 = x7.fma(k1_0, a6_0);
                a5_0 = x7.fma(k2_0, a5_0);
                FloatVector x8 = FloatVector.broadcast(S, x[xt + 128]);
                a8_0 = x8.fma(k0_0, a8_0);
                a7_0 = x8.fma(k1_0, a7_0);
                a6_0 = x8.fma(k2_0, a6_0);
                FloatVector x9 = FloatVector.broadcast(S, x[xt + 144]);
                a9_0 = x9.fma(k0_0, a9_0);
                a8_0 = x9.fma(k1_0, a8_0);
                a7_0 = x9.fma(k2_0, a7_0);
                FloatVector x10 = FloatVector.broadcast(S, x[xt + 160]);
                a10_0 = x10.fma(k0_0, a10_0);
                a9_0 = x10.fma(k1_0, a9_0);
                a8_0 = x10.fma(k2_0, a8_0);
                FloatVector x11 = FloatVector.broadcast(S, x[xt + 176]);
                a11_0 = x11.fma(k0_0, a11_0);
                a10_0 = x11.fma(k1_0, a10_0);
                a9_0 = x11.fma(k2_0, a9_0);
                FloatVector x12 = FloatVector.broadcast(S, x[xt + 192]);
                a12_0 = x12.fma(k0_0, a12_0);
                a11_0 = x12.fma(k1_0, a11_0);
                a10_0 = x12.fma(k2_0, a10_0);
                FloatVector x13 = FloatVector.broadcast(S, x[xt + 208]);
                a13_0 = x13.fma(k0_0, a13_0);
                a12_0 = x13.fma(k1_0, a12_0);
                a11_0 = x13.fma(k2_0, a11_0);
                FloatVector x14 = FloatVector.broadcast(S, x[xt + 224]);
                a13_0 = x14.fma(k1_0, a13_0);
                a12_0 = x14.fma(k2_0, a12_0);
                FloatVector x15 = FloatVector.broadcast(S, x[xt + 240]);
                a13_0 = x15.fma(k2_0, a13_0);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a3_0.blend(floorV, a3_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a4_0.blend(floorV, a4_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a5_0.blend(floorV, a5_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a6_0.blend(floorV, a6_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a7_0.blend(floorV, a7_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a8_0.blend(floorV, a8_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a9_0.blend(floorV, a9_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a10_0.blend(floorV, a10_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a11_0.blend(floorV, a11_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a12_0.blend(floorV, a12_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a13_0.blend(floorV, a13_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
        }
        return p;
    }

    /**
     * {@link ThinConvOps#kernelGradRows} for 16 channels into 16 filters, windows 16 floats apart, when
     * the taps come in groups of 16 consecutive offsets; false, touching nothing, when they do not.
     */
    static boolean kernelGrad16(float[] x, int xBase, int rowStep, int rows, int[] tapOff, float[] g, int gBase,
            float[] dk, int count) {
        if (!consecutiveGroups(tapOff, 16)) {
            return false;
        }
        for (int t0 = 0; t0 < tapOff.length; t0 += 16) {
            final int xt = xBase + tapOff[t0];
            final FloatVector z = FloatVector.zero(S);
            FloatVector s0_0 = z, s1_0 = z, s2_0 = z, s3_0 = z, s4_0 = z, s5_0 = z, s6_0 = z, s7_0 = z;
            FloatVector s8_0 = z, s9_0 = z, s10_0 = z, s11_0 = z, s12_0 = z, s13_0 = z, s14_0 = z, s15_0 = z;
            final int rowSkip = rowStep - count * 16;
            int xp = xt;
            int gp = gBase;
            int p = 0;
            for (int q = rows * count; q > 0; q--) {
                FloatVector g0 = FloatVector.fromArray(S, g, gp);
                FloatVector x0 = FloatVector.broadcast(S, x[xp]);
                s0_0 = x0.fma(g0, s0_0);
                FloatVector x1 = FloatVector.broadcast(S, x[xp + 1]);
                s1_0 = x1.fma(g0, s1_0);
                FloatVector x2 = FloatVector.broadcast(S, x[xp + 2]);
                s2_0 = x2.fma(g0, s2_0);
                FloatVector x3 = FloatVector.broadcast(S, x[xp + 3]);
                s3_0 = x3.fma(g0, s3_0);
                FloatVector x4 = FloatVector.broadcast(S, x[xp + 4]);
                s4_0 = x4.fma(g0, s4_0);
                FloatVector x5 = FloatVector.broadcast(S, x[xp + 5]);
                s5_0 = x5.fma(g0, s5_0);
                FloatVector x6 = FloatVector.broadcast(S, x[xp + 6]);
                s6_0 = x6.fma(g0, s6_0);
                FloatVector x7 = FloatVector.broadcast(S, x[xp + 7]);
                s7_0 = x7.fma(g0, s7_0);
                FloatVector x8 = FloatVector.broadcast(S, x[xp + 8]);
                s8_0 = x8.fma(g0, s8_0);
                FloatVector x9 = FloatVector.broadcast(S, x[xp + 9]);
                s9_0 = x9.fma(g0, s9_0);
                FloatVector x10 = FloatVector.broadcast(S, x[xp + 10]);
                s10_0 = x10.fma(g0, s10_0);
                FloatVector x11 = FloatVector.broadcast(S, x[xp + 11]);
                s11_0 = x11.fma(g0, s11_0);
                FloatVector x12 = FloatVector.broadcast(S, x[xp + 12]);
                s12_0 = x12.fma(g0, s12_0);
                FloatVector x13 = FloatVector.broadcast(S, x[xp + 13]);
                s13_0 = x13.fma(g0, s13_0);
                FloatVector x14 = FloatVector.broadcast(S, x[xp + 14]);
                s14_0 = x14.fma(g0, s14_0);
                FloatVector x15 = FloatVector.broadcast(S, x[xp + 15]);
                s15_0 = x15.fma(g0, s15_0);
                xp += 16;
                gp += 16;
                if (++p == count) {
                    p = 0;
                    xp += rowSkip;
                }
            }
            int kb = t0 * 16;
            FloatVector.fromArray(S, dk, kb).add(s0_0).intoArray(dk, kb);
            FloatVector.fromArray(S, dk, kb + 16).add(s1_0).intoArray(dk, kb + 16);
            FloatVector.fromArray(S, dk, kb + 32).add(s2_0).intoArray(dk, kb + 32);
            FloatVector.fromArray(S, dk, kb + 48).add(s3_0).intoArray(dk, kb + 48);
            FloatVector.fromArray(S, dk, kb + 64).add(s4_0).intoArray(dk, kb + 64);
            FloatVector.fromArray(S, dk, kb + 80).add(s5_0).intoArray(dk, kb + 80);
            FloatVector.fromArray(S, dk, kb + 96).add(s6_0).intoArray(dk, kb + 96);
            FloatVector.fromArray(S, dk, kb + 112).add(s7_0).intoArray(dk, kb + 112);
            FloatVector.fromArray(S, dk, kb + 128).add(s8_0).intoArray(dk, kb + 128);
            FloatVector.fromArray(S, dk, kb + 144).add(s9_0).intoArray(dk, kb + 144);
            FloatVector.fromArray(S, dk, kb + 160).add(s10_0).intoArray(dk, kb + 160);
            FloatVector.fromArray(S, dk, kb + 176).add(s11_0).intoArray(dk, kb + 176);
            FloatVector.fromArray(S, dk, kb + 192).add(s12_0).intoArray(dk, kb + 192);
            FloatVector.fromArray(S, dk, kb + 208).add(s13_0).intoArray(dk, kb + 208);
            FloatVector.fromArray(S, dk, kb + 224).add(s14_0).intoArray(dk, kb + 224);
            FloatVector.fromArray(S, dk, kb + 240).add(s15_0).intoArray(dk, kb + 240);
        }
        return true;
    }

    /** {@link ThinConvOps#forwardRun} for 32 channels into 32 filters, windows 32 floats apart. */
    static void forward32(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out, int oBase,
            int count, boolean relu, boolean threeWide) {
        final int taps = tapOff.length;
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        final FloatVector b0 = FloatVector.fromArray(S, bias, 0);
        final FloatVector b1 = FloatVector.fromArray(S, bias, 16);
        int p = 0;
        if (threeWide) {
            p = triples32(x, xBase, tapOff, k, bias, out, oBase, count, relu);
        }
        for (; p <= count - 7; p += 7) {
            int xb = xBase + p * 32;
            int o = oBase + p * 32;
            FloatVector a0_0 = b0, a0_1 = b1, a1_0 = b0, a1_1 = b1, a2_0 = b0, a2_1 = b1, a3_0 = b0, a3_1 = b1;
            FloatVector a4_0 = b0, a4_1 = b1, a5_0 = b0, a5_1 = b1, a6_0 = b0, a6_1 = b1;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 32);
                FloatVector k1 = FloatVector.fromArray(S, k, t * 32 + 16);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
                a0_1 = x0.fma(k1, a0_1);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 32]);
                a1_0 = x1.fma(k0, a1_0);
                a1_1 = x1.fma(k1, a1_1);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 64]);
                a2_0 = x2.fma(k0, a2_0);
                a2_1 = x2.fma(k1, a2_1);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 96]);
                a3_0 = x3.fma(k0, a3_0);
                a3_1 = x3.fma(k1, a3_1);
                FloatVector x4 = FloatVector.broadcast(S, x[xt + 128]);
                a4_0 = x4.fma(k0, a4_0);
                a4_1 = x4.fma(k1, a4_1);
                FloatVector x5 = FloatVector.broadcast(S, x[xt + 160]);
                a5_0 = x5.fma(k0, a5_0);
                a5_1 = x5.fma(k1, a5_1);
                FloatVector x6 = FloatVector.broadcast(S, x[xt + 192]);
                a6_0 = x6.fma(k0, a6_0);
                a6_1 = x6.fma(k1, a6_1);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a1_1.blend(floorV, a1_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a2_1.blend(floorV, a2_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a3_0.blend(floorV, a3_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a3_1.blend(floorV, a3_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a4_0.blend(floorV, a4_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a4_1.blend(floorV, a4_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a5_0.blend(floorV, a5_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a5_1.blend(floorV, a5_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a6_0.blend(floorV, a6_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a6_1.blend(floorV, a6_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
        }
        for (; p <= count - 1; p += 1) {
            int xb = xBase + p * 32;
            int o = oBase + p * 32;
            FloatVector a0_0 = b0, a0_1 = b1;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 32);
                FloatVector k1 = FloatVector.fromArray(S, k, t * 32 + 16);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
                a0_1 = x0.fma(k1, a0_1);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
        }
    }

    /**
     * The whole groups of {@link #forward32} over windows three taps wide (see {@link #forward}):
     * returns the number of positions written.
     */
    private static int triples32(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out,
            int oBase, int count, boolean relu) {
        final int rowTaps = tapOff.length / 3;
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        final FloatVector b0 = FloatVector.fromArray(S, bias, 0);
        final FloatVector b1 = FloatVector.fromArray(S, bias, 16);
        int p = 0;
        for (; p <= count - 7; p += 7) {
            int xb = xBase + p * 32;
            int o = oBase + p * 32;
            FloatVector a0_0 = b0, a0_1 = b1, a1_0 = b0, a1_1 = b1, a2_0 = b0, a2_1 = b1, a3_0 = b0, a3_1 = b1;
            FloatVector a4_0 = b0, a4_1 = b1, a5_0 = b0, a5_1 = b1, a6_0 = b0, a6_1 = b1;
            for (int r = 0; r < rowTaps; r++) {
                int t = r + (r >> 5 << 6);
                int xt = xb + tapOff[t];
                int kt = t * 32;
                FloatVector k0_0 = FloatVector.fromArray(S, k, kt);
                FloatVector k0_1 = FloatVector.fromArray(S, k, kt + 16);
                FloatVector k1_0 = FloatVector.fromArray(S, k, kt + 1024);
                FloatVector k1_1 = FloatVector.fromArray(S, k, kt + 1040);
                FloatVector k2_0 = FloatVector.fromArray(S, k, kt + 2048);
                FloatVector k2_1 = FloatVector.fromArray(S, k, kt + 2064);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0_0, a0_0);
                a0_1 = x0.fma(k0_1, a0_1);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 32]);
                a1_0 = x1.fma(k0_0, a1_0);
                a1_1 = x1.fma(k0_1, a1_1);
                a0_0 = x1.fma(k1_0, a0_0);
                a0_1 = x1.fma(k1_1, a0_1);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 64]);
                a2_0 = x2.fma(k0_0, a2_0);
                a2_1 = x2.fma(k0_1, a2_1);
                a1_0 = x2.fma(k1_0, a1_0);
                a1_1 = x2.fma(k1_1, a1_1);
                a0_0 = x2.fma(k2_0, a0_0);
                a0_1 = x2.fma(k2_1, a0_1);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 96]);
                a3_0 = x3.fma(k0_0, a3_0);
                a3_1 = x3.fma(k0_1, a3_1);
                a2_0 = x3.fma(k1_0, a2_0);
                a2_1 = x3.fma(k1_1, a2_1);
                a1_0 = x3.fma(k2_0, a1_0);
                a1_1 = x3.fma(k2_1, a1_1);
                FloatVector x4 = FloatVector.broadcast(S, x[xt + 128]);
                a4_0 = x4.fma(k0_0, a4_0);
                a4_1 = x4.fma(k0_1, a4_1);
                a3_0 = x4.fma(k1_0, a3_0);
                a3_1 = x4.fma(k1_1, a3_1);
                a2_0 = x4.fma(k2_0, a2_0);
                a2_1 = x4.fma(k2_1, a2_1);
                FloatVector x5 = FloatVector.broadcast(S, x[xt + 160]);
                a5_0 = x5.fma(k0_0, a5_0);
                a5_1 = x5.fma(k0_1, a5_1);
                a4_0 = x5.fma(k1_0, a4_0);
                a4_1 = x5.fma(k1_1, a4_1);
                a3_0 = x5.fma(k2_0, a3_0);
                a3_1 = x5.fma(k2_1, a3_1);
                FloatVector x6 = FloatVector.broadcast(S, x[xt + 192]);
                a6_0 = x6.fma(k0_0, a6_0);
                a6_1 = x6.fma(k0_1, a6_1);
                a5_0 = x6.fma(k1_0, a5_0);
                a5_1 = x6.fma(k1_1, a5_1);
                a4_0 = x6.fma(k2_0, a4_0);
                a4_1 = x6.fma(k2_1, a4_1);
                FloatVector x7 = FloatVector.broadcast(S, x[xt + 224]);
                a6_0 = x7.fma(k1_0, a6_0);
                a6_1 = x7.fma(k1_1, a6_1);
                a5_0 = x7.fma(k2_0, a5_0);
                a5_1 = x7.fma(k2_1, a5_1);
                FloatVector x8 = FloatVector.broadcast(S, x[xt + 256]);
                a6_0 = x8.fma(k2_0, a6_0);
                a6_1 = x8.fma(k2_1, a6_1);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a1_1.blend(floorV, a1_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a2_1.blend(floorV, a2_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a3_0.blend(floorV, a3_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a3_1.blend(floorV, a3_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a4_0.blend(floorV, a4_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a4_1.blend(floorV, a4_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a5_0.blend(floorV, a5_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a5_1.blend(floorV, a5_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a6_0.blend(floorV, a6_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a6_1.blend(floorV, a6_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
        }
        return p;
    }

    /**
     * {@link ThinConvOps#kernelGradRows} for 32 channels into 32 filters, windows 32 floats apart, when
     * the taps come in groups of 8 consecutive offsets; false, touching nothing, when they do not.
     */
    static boolean kernelGrad32(float[] x, int xBase, int rowStep, int rows, int[] tapOff, float[] g, int gBase,
            float[] dk, int count) {
        if (!consecutiveGroups(tapOff, 8)) {
            return false;
        }
        for (int t0 = 0; t0 < tapOff.length; t0 += 8) {
            final int xt = xBase + tapOff[t0];
            final FloatVector z = FloatVector.zero(S);
            FloatVector s0_0 = z, s0_1 = z, s1_0 = z, s1_1 = z, s2_0 = z, s2_1 = z, s3_0 = z, s3_1 = z;
            FloatVector s4_0 = z, s4_1 = z, s5_0 = z, s5_1 = z, s6_0 = z, s6_1 = z, s7_0 = z, s7_1 = z;
            final int rowSkip = rowStep - count * 32;
            int xp = xt;
            int gp = gBase;
            int p = 0;
            for (int q = rows * count; q > 0; q--) {
                FloatVector g0 = FloatVector.fromArray(S, g, gp);
                FloatVector g1 = FloatVector.fromArray(S, g, gp + 16);
                FloatVector x0 = FloatVector.broadcast(S, x[xp]);
                s0_0 = x0.fma(g0, s0_0);
                s0_1 = x0.fma(g1, s0_1);
                FloatVector x1 = FloatVector.broadcast(S, x[xp + 1]);
                s1_0 = x1.fma(g0, s1_0);
                s1_1 = x1.fma(g1, s1_1);
                FloatVector x2 = FloatVector.broadcast(S, x[xp + 2]);
                s2_0 = x2.fma(g0, s2_0);
                s2_1 = x2.fma(g1, s2_1);
                FloatVector x3 = FloatVector.broadcast(S, x[xp + 3]);
                s3_0 = x3.fma(g0, s3_0);
                s3_1 = x3.fma(g1, s3_1);
                FloatVector x4 = FloatVector.broadcast(S, x[xp + 4]);
                s4_0 = x4.fma(g0, s4_0);
                s4_1 = x4.fma(g1, s4_1);
                FloatVector x5 = FloatVector.broadcast(S, x[xp + 5]);
                s5_0 = x5.fma(g0, s5_0);
                s5_1 = x5.fma(g1, s5_1);
                FloatVector x6 = FloatVector.broadcast(S, x[xp + 6]);
                s6_0 = x6.fma(g0, s6_0);
                s6_1 = x6.fma(g1, s6_1);
                FloatVector x7 = FloatVector.broadcast(S, x[xp + 7]);
                s7_0 = x7.fma(g0, s7_0);
                s7_1 = x7.fma(g1, s7_1);
                xp += 32;
                gp += 32;
                if (++p == count) {
                    p = 0;
                    xp += rowSkip;
                }
            }
            int kb = t0 * 32;
            FloatVector.fromArray(S, dk, kb).add(s0_0).intoArray(dk, kb);
            FloatVector.fromArray(S, dk, kb + 16).add(s0_1).intoArray(dk, kb + 16);
            FloatVector.fromArray(S, dk, kb + 32).add(s1_0).intoArray(dk, kb + 32);
            FloatVector.fromArray(S, dk, kb + 48).add(s1_1).intoArray(dk, kb + 48);
            FloatVector.fromArray(S, dk, kb + 64).add(s2_0).intoArray(dk, kb + 64);
            FloatVector.fromArray(S, dk, kb + 80).add(s2_1).intoArray(dk, kb + 80);
            FloatVector.fromArray(S, dk, kb + 96).add(s3_0).intoArray(dk, kb + 96);
            FloatVector.fromArray(S, dk, kb + 112).add(s3_1).intoArray(dk, kb + 112);
            FloatVector.fromArray(S, dk, kb + 128).add(s4_0).intoArray(dk, kb + 128);
            FloatVector.fromArray(S, dk, kb + 144).add(s4_1).intoArray(dk, kb + 144);
            FloatVector.fromArray(S, dk, kb + 160).add(s5_0).intoArray(dk, kb + 160);
            FloatVector.fromArray(S, dk, kb + 176).add(s5_1).intoArray(dk, kb + 176);
            FloatVector.fromArray(S, dk, kb + 192).add(s6_0).intoArray(dk, kb + 192);
            FloatVector.fromArray(S, dk, kb + 208).add(s6_1).intoArray(dk, kb + 208);
            FloatVector.fromArray(S, dk, kb + 224).add(s7_0).intoArray(dk, kb + 224);
            FloatVector.fromArray(S, dk, kb + 240).add(s7_1).intoArray(dk, kb + 240);
        }
        return true;
    }

    /** {@link ThinConvOps#forwardRun} for 64 channels into 64 filters, windows 64 floats apart. */
    static void forward64(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out, int oBase,
            int count, boolean relu, boolean threeWide) {
        final int taps = tapOff.length;
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        final FloatVector b0 = FloatVector.fromArray(S, bias, 0);
        final FloatVector b1 = FloatVector.fromArray(S, bias, 16);
        final FloatVector b2 = FloatVector.fromArray(S, bias, 32);
        final FloatVector b3 = FloatVector.fromArray(S, bias, 48);
        int p = 0;
        if (threeWide) {
            p = triples64(x, xBase, tapOff, k, bias, out, oBase, count, relu);
        }
        for (; p <= count - 4; p += 4) {
            int xb = xBase + p * 64;
            int o = oBase + p * 64;
            FloatVector a0_0 = b0, a0_1 = b1, a0_2 = b2, a0_3 = b3, a1_0 = b0, a1_1 = b1, a1_2 = b2, a1_3 = b3;
            FloatVector a2_0 = b0, a2_1 = b1, a2_2 = b2, a2_3 = b3, a3_0 = b0, a3_1 = b1, a3_2 = b2, a3_3 = b3;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 64);
                FloatVector k1 = FloatVector.fromArray(S, k, t * 64 + 16);
                FloatVector k2 = FloatVector.fromArray(S, k, t * 64 + 32);
                FloatVector k3 = FloatVector.fromArray(S, k, t * 64 + 48);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
                a0_1 = x0.fma(k1, a0_1);
                a0_2 = x0.fma(k2, a0_2);
                a0_3 = x0.fma(k3, a0_3);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 64]);
                a1_0 = x1.fma(k0, a1_0);
                a1_1 = x1.fma(k1, a1_1);
                a1_2 = x1.fma(k2, a1_2);
                a1_3 = x1.fma(k3, a1_3);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 128]);
                a2_0 = x2.fma(k0, a2_0);
                a2_1 = x2.fma(k1, a2_1);
                a2_2 = x2.fma(k2, a2_2);
                a2_3 = x2.fma(k3, a2_3);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 192]);
                a3_0 = x3.fma(k0, a3_0);
                a3_1 = x3.fma(k1, a3_1);
                a3_2 = x3.fma(k2, a3_2);
                a3_3 = x3.fma(k3, a3_3);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a0_2.blend(floorV, a0_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a0_3.blend(floorV, a0_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a1_1.blend(floorV, a1_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a1_2.blend(floorV, a1_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a1_3.blend(floorV, a1_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a2_1.blend(floorV, a2_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a2_2.blend(floorV, a2_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a2_3.blend(floorV, a2_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a3_0.blend(floorV, a3_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a3_1.blend(floorV, a3_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
            a3_2.blend(floorV, a3_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 224);
            a3_3.blend(floorV, a3_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 240);
        }
        for (; p <= count - 3; p += 3) {
            int xb = xBase + p * 64;
            int o = oBase + p * 64;
            FloatVector a0_0 = b0, a0_1 = b1, a0_2 = b2, a0_3 = b3, a1_0 = b0, a1_1 = b1, a1_2 = b2, a1_3 = b3;
            FloatVector a2_0 = b0, a2_1 = b1, a2_2 = b2, a2_3 = b3;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 64);
                FloatVector k1 = FloatVector.fromArray(S, k, t * 64 + 16);
                FloatVector k2 = FloatVector.fromArray(S, k, t * 64 + 32);
                FloatVector k3 = FloatVector.fromArray(S, k, t * 64 + 48);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
                a0_1 = x0.fma(k1, a0_1);
                a0_2 = x0.fma(k2, a0_2);
                a0_3 = x0.fma(k3, a0_3);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 64]);
                a1_0 = x1.fma(k0, a1_0);
                a1_1 = x1.fma(k1, a1_1);
                a1_2 = x1.fma(k2, a1_2);
                a1_3 = x1.fma(k3, a1_3);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 128]);
                a2_0 = x2.fma(k0, a2_0);
                a2_1 = x2.fma(k1, a2_1);
                a2_2 = x2.fma(k2, a2_2);
                a2_3 = x2.fma(k3, a2_3);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a0_2.blend(floorV, a0_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a0_3.blend(floorV, a0_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a1_1.blend(floorV, a1_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a1_2.blend(floorV, a1_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a1_3.blend(floorV, a1_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a2_1.blend(floorV, a2_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a2_2.blend(floorV, a2_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a2_3.blend(floorV, a2_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
        }
        for (; p <= count - 1; p += 1) {
            int xb = xBase + p * 64;
            int o = oBase + p * 64;
            FloatVector a0_0 = b0, a0_1 = b1, a0_2 = b2, a0_3 = b3;
            for (int t = 0; t < taps; t++) {
                int xt = xb + tapOff[t];
                FloatVector k0 = FloatVector.fromArray(S, k, t * 64);
                FloatVector k1 = FloatVector.fromArray(S, k, t * 64 + 16);
                FloatVector k2 = FloatVector.fromArray(S, k, t * 64 + 32);
                FloatVector k3 = FloatVector.fromArray(S, k, t * 64 + 48);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0, a0_0);
                a0_1 = x0.fma(k1, a0_1);
                a0_2 = x0.fma(k2, a0_2);
                a0_3 = x0.fma(k3, a0_3);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a0_2.blend(floorV, a0_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a0_3.blend(floorV, a0_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
        }
    }

    /**
     * The whole groups of {@link #forward64} over windows three taps wide (see {@link #forward}):
     * returns the number of positions written.
     */
    private static int triples64(float[] x, int xBase, int[] tapOff, float[] k, float[] bias, float[] out,
            int oBase, int count, boolean relu) {
        final int rowTaps = tapOff.length / 3;
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        final FloatVector floorV = FloatVector.broadcast(S, floor);
        final FloatVector b0 = FloatVector.fromArray(S, bias, 0);
        final FloatVector b1 = FloatVector.fromArray(S, bias, 16);
        final FloatVector b2 = FloatVector.fromArray(S, bias, 32);
        final FloatVector b3 = FloatVector.fromArray(S, bias, 48);
        int p = 0;
        for (; p <= count - 7; p += 7) {
            int xb = xBase + p * 64;
            int o = oBase + p * 64;
            FloatVector a0_0 = b0, a0_1 = b1, a1_0 = b0, a1_1 = b1, a2_0 = b0, a2_1 = b1, a3_0 = b0, a3_1 = b1;
            FloatVector a4_0 = b0, a4_1 = b1, a5_0 = b0, a5_1 = b1, a6_0 = b0, a6_1 = b1;
            for (int r = 0; r < rowTaps; r++) {
                int t = r + (r >> 6 << 7);
                int xt = xb + tapOff[t];
                int kt = t * 64;
                FloatVector k0_0 = FloatVector.fromArray(S, k, kt);
                FloatVector k0_1 = FloatVector.fromArray(S, k, kt + 16);
                FloatVector k1_0 = FloatVector.fromArray(S, k, kt + 4096);
                FloatVector k1_1 = FloatVector.fromArray(S, k, kt + 4112);
                FloatVector k2_0 = FloatVector.fromArray(S, k, kt + 8192);
                FloatVector k2_1 = FloatVector.fromArray(S, k, kt + 8208);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_0 = x0.fma(k0_0, a0_0);
                a0_1 = x0.fma(k0_1, a0_1);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 64]);
                a1_0 = x1.fma(k0_0, a1_0);
                a1_1 = x1.fma(k0_1, a1_1);
                a0_0 = x1.fma(k1_0, a0_0);
                a0_1 = x1.fma(k1_1, a0_1);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 128]);
                a2_0 = x2.fma(k0_0, a2_0);
                a2_1 = x2.fma(k0_1, a2_1);
                a1_0 = x2.fma(k1_0, a1_0);
                a1_1 = x2.fma(k1_1, a1_1);
                a0_0 = x2.fma(k2_0, a0_0);
                a0_1 = x2.fma(k2_1, a0_1);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 192]);
                a3_0 = x3.fma(k0_0, a3_0);
                a3_1 = x3.fma(k0_1, a3_1);
                a2_0 = x3.fma(k1_0, a2_0);
                a2_1 = x3.fma(k1_1, a2_1);
                a1_0 = x3.fma(k2_0, a1_0);
                a1_1 = x3.fma(k2_1, a1_1);
                FloatVector x4 = FloatVector.broadcast(S, x[xt + 256]);
                a4_0 = x4.fma(k0_0, a4_0);
                a4_1 = x4.fma(k0_1, a4_1);
                a3_0 = x4.fma(k1_0, a3_0);
                a3_1 = x4.fma(k1_1, a3_1);
                a2_0 = x4.fma(k2_0, a2_0);
                a2_1 = x4.fma(k2_1, a2_1);
                FloatVector x5 = FloatVector.broadcast(S, x[xt + 320]);
                a5_0 = x5.fma(k0_0, a5_0);
                a5_1 = x5.fma(k0_1, a5_1);
                a4_0 = x5.fma(k1_0, a4_0);
                a4_1 = x5.fma(k1_1, a4_1);
                a3_0 = x5.fma(k2_0, a3_0);
                a3_1 = x5.fma(k2_1, a3_1);
                FloatVector x6 = FloatVector.broadcast(S, x[xt + 384]);
                a6_0 = x6.fma(k0_0, a6_0);
                a6_1 = x6.fma(k0_1, a6_1);
                a5_0 = x6.fma(k1_0, a5_0);
                a5_1 = x6.fma(k1_1, a5_1);
                a4_0 = x6.fma(k2_0, a4_0);
                a4_1 = x6.fma(k2_1, a4_1);
                FloatVector x7 = FloatVector.broadcast(S, x[xt + 448]);
                a6_0 = x7.fma(k1_0, a6_0);
                a6_1 = x7.fma(k1_1, a6_1);
                a5_0 = x7.fma(k2_0, a5_0);
                a5_1 = x7.fma(k2_1, a5_1);
                FloatVector x8 = FloatVector.broadcast(S, x[xt + 512]);
                a6_0 = x8.fma(k2_0, a6_0);
                a6_1 = x8.fma(k2_1, a6_1);
            }
            a0_0.blend(floorV, a0_0.compare(VectorOperators.LE, floor)).intoArray(out, o);
            a0_1.blend(floorV, a0_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 16);
            a1_0.blend(floorV, a1_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 64);
            a1_1.blend(floorV, a1_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 80);
            a2_0.blend(floorV, a2_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 128);
            a2_1.blend(floorV, a2_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 144);
            a3_0.blend(floorV, a3_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 192);
            a3_1.blend(floorV, a3_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 208);
            a4_0.blend(floorV, a4_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 256);
            a4_1.blend(floorV, a4_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 272);
            a5_0.blend(floorV, a5_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 320);
            a5_1.blend(floorV, a5_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 336);
            a6_0.blend(floorV, a6_0.compare(VectorOperators.LE, floor)).intoArray(out, o + 384);
            a6_1.blend(floorV, a6_1.compare(VectorOperators.LE, floor)).intoArray(out, o + 400);
            FloatVector a0_2 = b2, a0_3 = b3, a1_2 = b2, a1_3 = b3, a2_2 = b2, a2_3 = b3, a3_2 = b2, a3_3 = b3;
            FloatVector a4_2 = b2, a4_3 = b3, a5_2 = b2, a5_3 = b3, a6_2 = b2, a6_3 = b3;
            for (int r = 0; r < rowTaps; r++) {
                int t = r + (r >> 6 << 7);
                int xt = xb + tapOff[t];
                int kt = t * 64;
                FloatVector k0_2 = FloatVector.fromArray(S, k, kt + 32);
                FloatVector k0_3 = FloatVector.fromArray(S, k, kt + 48);
                FloatVector k1_2 = FloatVector.fromArray(S, k, kt + 4128);
                FloatVector k1_3 = FloatVector.fromArray(S, k, kt + 4144);
                FloatVector k2_2 = FloatVector.fromArray(S, k, kt + 8224);
                FloatVector k2_3 = FloatVector.fromArray(S, k, kt + 8240);
                FloatVector x0 = FloatVector.broadcast(S, x[xt]);
                a0_2 = x0.fma(k0_2, a0_2);
                a0_3 = x0.fma(k0_3, a0_3);
                FloatVector x1 = FloatVector.broadcast(S, x[xt + 64]);
                a1_2 = x1.fma(k0_2, a1_2);
                a1_3 = x1.fma(k0_3, a1_3);
                a0_2 = x1.fma(k1_2, a0_2);
                a0_3 = x1.fma(k1_3, a0_3);
                FloatVector x2 = FloatVector.broadcast(S, x[xt + 128]);
                a2_2 = x2.fma(k0_2, a2_2);
                a2_3 = x2.fma(k0_3, a2_3);
                a1_2 = x2.fma(k1_2, a1_2);
                a1_3 = x2.fma(k1_3, a1_3);
                a0_2 = x2.fma(k2_2, a0_2);
                a0_3 = x2.fma(k2_3, a0_3);
                FloatVector x3 = FloatVector.broadcast(S, x[xt + 192]);
                a3_2 = x3.fma(k0_2, a3_2);
                a3_3 = x3.fma(k0_3, a3_3);
                a2_2 = x3.fma(k1_2, a2_2);
                a2_3 = x3.fma(k1_3, a2_3);
                a1_2 = x3.fma(k2_2, a1_2);
                a1_3 = x3.fma(k2_3, a1_3);
                FloatVector x4 = FloatVector.broadcast(S, x[xt + 256]);
                a4_2 = x4.fma(k0_2, a4_2);
                a4_3 = x4.fma(k0_3, a4_3);
                a3_2 = x4.fma(k1_2, a3_2);
                a3_3 = x4.fma(k1_3, a3_3);
                a2_2 = x4.fma(k2_2, a2_2);
                a2_3 = x4.fma(k2_3, a2_3);
                FloatVector x5 = FloatVector.broadcast(S, x[xt + 320]);
                a5_2 = x5.fma(k0_2, a5_2);
                a5_3 = x5.fma(k0_3, a5_3);
                a4_2 = x5.fma(k1_2, a4_2);
                a4_3 = x5.fma(k1_3, a4_3);
                a3_2 = x5.fma(k2_2, a3_2);
                a3_3 = x5.fma(k2_3, a3_3);
                FloatVector x6 = FloatVector.broadcast(S, x[xt + 384]);
                a6_2 = x6.fma(k0_2, a6_2);
                a6_3 = x6.fma(k0_3, a6_3);
                a5_2 = x6.fma(k1_2, a5_2);
                a5_3 = x6.fma(k1_3, a5_3);
                a4_2 = x6.fma(k2_2, a4_2);
                a4_3 = x6.fma(k2_3, a4_3);
                FloatVector x7 = FloatVector.broadcast(S, x[xt + 448]);
                a6_2 = x7.fma(k1_2, a6_2);
                a6_3 = x7.fma(k1_3, a6_3);
                a5_2 = x7.fma(k2_2, a5_2);
                a5_3 = x7.fma(k2_3, a5_3);
                FloatVector x8 = FloatVector.broadcast(S, x[xt + 512]);
                a6_2 = x8.fma(k2_2, a6_2);
                a6_3 = x8.fma(k2_3, a6_3);
            }
            a0_2.blend(floorV, a0_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 32);
            a0_3.blend(floorV, a0_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 48);
            a1_2.blend(floorV, a1_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 96);
            a1_3.blend(floorV, a1_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 112);
            a2_2.blend(floorV, a2_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 160);
            a2_3.blend(floorV, a2_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 176);
            a3_2.blend(floorV, a3_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 224);
            a3_3.blend(floorV, a3_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 240);
            a4_2.blend(floorV, a4_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 288);
            a4_3.blend(floorV, a4_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 304);
            a5_2.blend(floorV, a5_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 352);
            a5_3.blend(floorV, a5_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 368);
            a6_2.blend(floorV, a6_2.compare(VectorOperators.LE, floor)).intoArray(out, o + 416);
            a6_3.blend(floorV, a6_3.compare(VectorOperators.LE, floor)).intoArray(out, o + 432);
        }
        return p;
    }

    /**
     * {@link ThinConvOps#kernelGradRows} for 64 channels into 64 filters, windows 64 floats apart, when
     * the taps come in groups of 4 consecutive offsets; false, touching nothing, when they do not.
     */
    static boolean kernelGrad64(float[] x, int xBase, int rowStep, int rows, int[] tapOff, float[] g, int gBase,
            float[] dk, int count) {
        if (!consecutiveGroups(tapOff, 4)) {
            return false;
        }
        for (int t0 = 0; t0 < tapOff.length; t0 += 4) {
            final int xt = xBase + tapOff[t0];
            final FloatVector z = FloatVector.zero(S);
            FloatVector s0_0 = z, s0_1 = z, s0_2 = z, s0_3 = z, s1_0 = z, s1_1 = z, s1_2 = z, s1_3 = z;
            FloatVector s2_0 = z, s2_1 = z, s2_2 = z, s2_3 = z, s3_0 = z, s3_1 = z, s3_2 = z, s3_3 = z;
            final int rowSkip = rowStep - count * 64;
            int xp = xt;
            int gp = gBase;
            int p = 0;
            for (int q = rows * count; q > 0; q--) {
                FloatVector g0 = FloatVector.fromArray(S, g, gp);
                FloatVector g1 = FloatVector.fromArray(S, g, gp + 16);
                FloatVector g2 = FloatVector.fromArray(S, g, gp + 32);
                FloatVector g3 = FloatVector.fromArray(S, g, gp + 48);
                FloatVector x0 = FloatVector.broadcast(S, x[xp]);
                s0_0 = x0.fma(g0, s0_0);
                s0_1 = x0.fma(g1, s0_1);
                s0_2 = x0.fma(g2, s0_2);
                s0_3 = x0.fma(g3, s0_3);
                FloatVector x1 = FloatVector.broadcast(S, x[xp + 1]);
                s1_0 = x1.fma(g0, s1_0);
                s1_1 = x1.fma(g1, s1_1);
                s1_2 = x1.fma(g2, s1_2);
                s1_3 = x1.fma(g3, s1_3);
                FloatVector x2 = FloatVector.broadcast(S, x[xp + 2]);
                s2_0 = x2.fma(g0, s2_0);
                s2_1 = x2.fma(g1, s2_1);
                s2_2 = x2.fma(g2, s2_2);
                s2_3 = x2.fma(g3, s2_3);
                FloatVector x3 = FloatVector.broadcast(S, x[xp + 3]);
                s3_0 = x3.fma(g0, s3_0);
                s3_1 = x3.fma(g1, s3_1);
                s3_2 = x3.fma(g2, s3_2);
                s3_3 = x3.fma(g3, s3_3);
                xp += 64;
                gp += 64;
                if (++p == count) {
                    p = 0;
                    xp += rowSkip;
                }
            }
            int kb = t0 * 64;
            FloatVector.fromArray(S, dk, kb).add(s0_0).intoArray(dk, kb);
            FloatVector.fromArray(S, dk, kb + 16).add(s0_1).intoArray(dk, kb + 16);
            FloatVector.fromArray(S, dk, kb + 32).add(s0_2).intoArray(dk, kb + 32);
            FloatVector.fromArray(S, dk, kb + 48).add(s0_3).intoArray(dk, kb + 48);
            FloatVector.fromArray(S, dk, kb + 64).add(s1_0).intoArray(dk, kb + 64);
            FloatVector.fromArray(S, dk, kb + 80).add(s1_1).intoArray(dk, kb + 80);
            FloatVector.fromArray(S, dk, kb + 96).add(s1_2).intoArray(dk, kb + 96);
            FloatVector.fromArray(S, dk, kb + 112).add(s1_3).intoArray(dk, kb + 112);
            FloatVector.fromArray(S, dk, kb + 128).add(s2_0).intoArray(dk, kb + 128);
            FloatVector.fromArray(S, dk, kb + 144).add(s2_1).intoArray(dk, kb + 144);
            FloatVector.fromArray(S, dk, kb + 160).add(s2_2).intoArray(dk, kb + 160);
            FloatVector.fromArray(S, dk, kb + 176).add(s2_3).intoArray(dk, kb + 176);
            FloatVector.fromArray(S, dk, kb + 192).add(s3_0).intoArray(dk, kb + 192);
            FloatVector.fromArray(S, dk, kb + 208).add(s3_1).intoArray(dk, kb + 208);
            FloatVector.fromArray(S, dk, kb + 224).add(s3_2).intoArray(dk, kb + 224);
            FloatVector.fromArray(S, dk, kb + 240).add(s3_3).intoArray(dk, kb + 240);
        }
        return true;
    }
}
