package org.hebb.ops;

import org.hebb.kernels.Parallel;
import org.hebb.kernels.Unary;
import org.hebb.tensor.Shapes;

/**
 * {@link Broadcast#forEachRun} spread over the thread pool: the output is cut along its first
 * dimension larger than 1 into fixed blocks of about {@link Unary#CHUNK} elements (a cut that
 * depends on the shapes only), and each block is walked by {@code Broadcast.forEachRun} on
 * the matching slices of the operands. Outputs up to {@code CHUNK} elements are walked on the
 * calling thread.
 *
 * <p>The body must only write output positions of its own run (every run is visited exactly
 * once, by one thread); an elementwise result is then the same whichever thread computed it.
 */
final class ParallelBroadcast {
    private ParallelBroadcast() {}

    /** Same contract as {@link Broadcast#forEachRun}, with runs visited in parallel. */
    static void forEachRun(int[] aShape, int[] bShape, int[] out, Broadcast.RunBody body) {
        int total = Shapes.size(out);
        if (total <= Unary.CHUNK) {
            Broadcast.forEachRun(aShape, bShape, out, body);
            return;
        }
        int r = out.length;
        int[] ap = pad(aShape, r);
        int[] bp = pad(bShape, r);
        int d = 0;
        while (out[d] == 1) {
            d++;
        }
        int axis = d;
        int rows = out[axis];
        int rowSize = total / rows;
        int aRow = ap[axis] == 1 ? 0 : Shapes.prod(ap, axis + 1, r);
        int bRow = bp[axis] == 1 ? 0 : Shapes.prod(bp, axis + 1, r);
        int rowsPerBlock = Math.max(1, Unary.CHUNK / rowSize);
        Parallel.forRange(rows, rowsPerBlock, (r0, r1) -> {
            int[] os = out.clone();
            int[] as = ap.clone();
            int[] bs = bp.clone();
            os[axis] = r1 - r0;
            if (as[axis] != 1) {
                as[axis] = r1 - r0;
            }
            if (bs[axis] != 1) {
                bs[axis] = r1 - r0;
            }
            int aOff = r0 * aRow;
            int bOff = r0 * bRow;
            int oOff = r0 * rowSize;
            Broadcast.forEachRun(as, bs, os, (ai, aInc, bi, bInc, o, len) ->
                    body.run(ai + aOff, aInc, bi + bOff, bInc, o + oOff, len));
        });
    }

    /** {@code shape} with leading 1s up to rank {@code r}. */
    private static int[] pad(int[] shape, int r) {
        int[] p = new int[r];
        java.util.Arrays.fill(p, 1);
        System.arraycopy(shape, 0, p, r - shape.length, shape.length);
        return p;
    }
}
