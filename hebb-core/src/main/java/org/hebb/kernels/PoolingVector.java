package org.hebb.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PoolingOps} with the Vector API: the channel run in vectors of the preferred width
 * (16 floats with AVX-512), the maximum and its index kept with lane-wise compares and blends,
 * a masked last vector when the channel count is not a multiple of the width. Loaded by name
 * through {@link Simd#load} only when {@code jdk.incubator.vector} is readable.
 */
final class PoolingVector implements PoolingOps {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    @Override
    public void maxWindow(float[] x, int corner, int[] tapOff, int taps, float[] out, int[] argmax, int o, int c) {
        final int lanes = F.length();
        int q = 0;
        for (; q + lanes <= c; q += lanes) {
            FloatVector m = FloatVector.fromArray(F, x, corner + q);
            IntVector idx = IOTA.add(corner + q);
            for (int t = 1; t < taps; t++) {
                final int at = corner + tapOff[t] + q;
                FloatVector v = FloatVector.fromArray(F, x, at);
                VectorMask<Float> take = v.compare(VectorOperators.GT, m)
                        .or(v.test(VectorOperators.IS_NAN).andNot(m.test(VectorOperators.IS_NAN)));
                m = m.blend(v, take);
                if (argmax != null) {
                    idx = idx.blend(IOTA.add(at), take.cast(I));
                }
            }
            m.intoArray(out, o + q);
            if (argmax != null) {
                idx.intoArray(argmax, o + q);
            }
        }
        if (q < c) {
            VectorMask<Float> live = F.indexInRange(q, c);
            VectorMask<Integer> liveI = live.cast(I);
            FloatVector m = FloatVector.fromArray(F, x, corner + q, live);
            IntVector idx = IOTA.add(corner + q);
            for (int t = 1; t < taps; t++) {
                final int at = corner + tapOff[t] + q;
                FloatVector v = FloatVector.fromArray(F, x, at, live);
                VectorMask<Float> take = v.compare(VectorOperators.GT, m)
                        .or(v.test(VectorOperators.IS_NAN).andNot(m.test(VectorOperators.IS_NAN)));
                m = m.blend(v, take);
                idx = idx.blend(IOTA.add(at), take.cast(I));
            }
            m.intoArray(out, o + q, live);
            if (argmax != null) {
                idx.intoArray(argmax, o + q, liveI);
            }
        }
    }
}
