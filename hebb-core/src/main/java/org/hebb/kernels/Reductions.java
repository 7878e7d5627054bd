package org.hebb.kernels;

/**
 * Reduction kernels whose result does not depend on the thread count: the input is cut into
 * fixed chunks of {@link #CHUNK} elements, each chunk is summed (in double) on whatever thread
 * runs it, and the chunk sums are added in chunk order.
 */
public final class Reductions {
    /** Elements per chunk: the unit of parallel work and of the fixed summation order. */
    public static final int CHUNK = 1 << 14;

    private Reductions() {}

    /** Sum of {@code x[from .. from+len)}, accumulated in double and rounded once to float. */
    public static float sum(float[] x, int from, int len) {
        int chunks = Parallel.chunkCount(len, CHUNK);
        if (chunks <= 1) {
            return (float) sumRange(x, from, from + len);
        }
        double[] partial = new double[chunks];
        Parallel.forChunks(chunks, c -> {
            int s = from + c * CHUNK;
            partial[c] = sumRange(x, s, Math.min(from + len, s + CHUNK));
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return (float) total;
    }

    private static double sumRange(float[] x, int start, int end) {
        double s = 0;
        for (int i = start; i < end; i++) {
            s += x[i];
        }
        return s;
    }
}
