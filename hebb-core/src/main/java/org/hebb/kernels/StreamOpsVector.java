package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StreamOps} with the Vector API: whole vectors of the preferred width, then the
 * remainder with the plain loop. Loaded by name through {@link Simd#load} only when
 * {@code jdk.incubator.vector} is readable.
 */
final class StreamOpsVector implements StreamOps {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    @Override
    public void addInto(float[] dst, int dOff, float[] src, int sOff, int len) {
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector.fromArray(F, dst, dOff + i).add(FloatVector.fromArray(F, src, sOff + i))
                    .intoArray(dst, dOff + i);
        }
        PLAIN.addInto(dst, dOff + i, src, sOff + i, len - i);
    }

    @Override
    public void mulAddInto(float[] dst, int dOff, float[] a, int aOff, float[] b, int bOff, int len) {
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i),
                    FloatVector.fromArray(F, dst, dOff + i)).intoArray(dst, dOff + i);
        }
        PLAIN.mulAddInto(dst, dOff + i, a, aOff + i, b, bOff + i, len - i);
    }

    @Override
    public void affine(float[] x, int xOff, float[] s, float[] t, float[] out, int oOff, int len) {
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, s, i), FloatVector.fromArray(F, t, i))
                    .intoArray(out, oOff + i);
        }
        for (; i < len; i++) {
            out[oOff + i] = Math.fma(x[xOff + i], s[i], t[i]);
        }
    }

    @Override
    public void maskPositive(float[] g, float[] y, int from, float[] out, int oOff, int len) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector yv = FloatVector.fromArray(F, y, from + i);
            FloatVector.fromArray(F, g, from + i).blend(zero, yv.compare(VectorOperators.GT, 0f).not())
                    .intoArray(out, oOff + i);
        }
        PLAIN.maskPositive(g, y, from + i, out, oOff + i, len - i);
    }

    @Override
    public void relu(float[] x, int from, int to) {
        FloatVector zero = FloatVector.zero(F);
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            // max(v, 0) as a blend: NaN stays NaN and -0 becomes +0, as with Math.max.
            v.blend(zero, v.compare(VectorOperators.LE, 0f)).intoArray(x, i);
        }
        PLAIN.relu(x, i, to);
    }
}
