package org.hebb.kernels;

/**
 * Reduction kernels whose result does not depend on the thread count.
 *
 * <p><b>Whole arrays.</b> {@link #sum(float[], int, int)} cuts the input into fixed chunks of
 * {@link #CHUNK} elements, sums each chunk (in double) on whatever thread runs it, and adds the
 * chunk sums in chunk order.
 *
 * <p><b>Over an axis.</b> The other kernels see the input as {@code [outer, n, inner]}
 * (row-major) and reduce the middle dimension, giving {@code [outer, inner]}. The order in which
 * the n values of one output are combined is fixed by the sizes alone:
 * <ul>
 *   <li>when {@code inner <= CHUNK / 16}, the n rows are cut into chunks of
 *       {@code rows = max(1, CHUNK / inner)} rows (so {@code CHUNK} rows when {@code inner == 1},
 *       exactly like the whole-array sum); each chunk is reduced in row order into its own
 *       partial, and the partials are combined in chunk order;</li>
 *   <li>when {@code inner} is larger, each output combines its n values in row order, and the
 *       work is spread over blocks of {@code CHUNK / 16} columns instead.</li>
 * </ul>
 * Threads only pick which partials they compute, never how, so 1 and 16 threads give the same
 * bits. Sums accumulate in double and are returned in double for the caller to round once.
 */
public final class Reductions {
    /** Elements per chunk: the unit of parallel work and of the fixed summation order. */
    public static final int CHUNK = 1 << 14;

    /** Widest column block; also the widest {@code inner} that is still chunked over rows. */
    private static final int COLS = CHUNK / 16;

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

    /**
     * Sums over the middle dimension of {@code x} seen as {@code [outer, n, inner]}: returns
     * {@code s[p*inner + j] = sum_i x[(p*n + i)*inner + j]} in double (0 when {@code n == 0}).
     */
    public static double[] sums(float[] x, int outer, int n, int inner) {
        return sumsOf(x, outer, n, inner, null);
    }

    /**
     * Sums of squared deviations over the middle dimension of {@code [outer, n, inner]}:
     * {@code s[p*inner + j] = sum_i (x[(p*n + i)*inner + j] - mean[p*inner + j])^2} in double.
     * With the means from {@link #sums} divided by n, {@code s / n} is the population variance.
     */
    public static double[] squaredDeviations(float[] x, int outer, int n, int inner, double[] mean) {
        if (mean.length != outer * inner) {
            throw new IllegalArgumentException("squaredDeviations: " + mean.length + " means for "
                    + outer * inner + " outputs");
        }
        return sumsOf(x, outer, n, inner, mean);
    }

    private static double[] sumsOf(float[] x, int outer, int n, int inner, double[] mean) {
        checkLayout(x, outer, n, inner);
        Plan plan = new Plan(outer, n, inner);
        double[] part = new double[outer * plan.chunks * inner];
        plan.run((p, c, i0, i1, j0, j1) -> {
            int pb = (p * plan.chunks + c) * inner;
            int xb = p * n * inner;
            if (inner == 1) {
                double s = 0;
                if (mean == null) {
                    for (int i = i0; i < i1; i++) s += x[xb + i];
                } else {
                    double m = mean[p];
                    for (int i = i0; i < i1; i++) {
                        double d = x[xb + i] - m;
                        s += d * d;
                    }
                }
                part[pb] = s;
            } else if (mean == null) {
                for (int i = i0; i < i1; i++) {
                    int r = xb + i * inner;
                    for (int j = j0; j < j1; j++) part[pb + j] += x[r + j];
                }
            } else {
                int mb = p * inner;
                for (int i = i0; i < i1; i++) {
                    int r = xb + i * inner;
                    for (int j = j0; j < j1; j++) {
                        double d = x[r + j] - mean[mb + j];
                        part[pb + j] += d * d;
                    }
                }
            }
        });
        if (plan.chunks == 1) {
            return part;
        }
        double[] out = new double[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int c = 0; c < plan.chunks; c++) {
                int pb = (p * plan.chunks + c) * inner;
                for (int j = 0; j < inner; j++) out[p * inner + j] += part[pb + j];
            }
        }
        return out;
    }

    /**
     * Index along the middle dimension of {@code [outer, n, inner]} of the first largest
     * ({@code max}) or smallest value of each output, length {@code outer * inner}. A NaN counts
     * as more extreme than any number, so the first NaN wins (as in NumPy).
     *
     * @throws IllegalArgumentException if {@code n == 0} while there are outputs
     */
    public static int[] argExtreme(float[] x, int outer, int n, int inner, boolean max) {
        checkLayout(x, outer, n, inner);
        if (n == 0 && outer * inner > 0) {
            throw new IllegalArgumentException("argExtreme: cannot reduce over a dimension of size 0");
        }
        Plan plan = new Plan(outer, n, inner);
        int slots = outer * plan.chunks * inner;
        float[] best = new float[slots];
        int[] at = new int[slots];
        plan.run((p, c, i0, i1, j0, j1) -> {
            int pb = (p * plan.chunks + c) * inner;
            int xb = p * n * inner;
            if (inner == 1) {
                float b = x[xb + i0];
                int a = i0;
                for (int i = i0 + 1; i < i1; i++) {
                    float v = x[xb + i];
                    if (better(v, b, max)) {
                        b = v;
                        a = i;
                    }
                }
                best[pb] = b;
                at[pb] = a;
                return;
            }
            for (int j = j0; j < j1; j++) {
                best[pb + j] = x[xb + i0 * inner + j];
                at[pb + j] = i0;
            }
            for (int i = i0 + 1; i < i1; i++) {
                int r = xb + i * inner;
                for (int j = j0; j < j1; j++) {
                    float v = x[r + j];
                    if (better(v, best[pb + j], max)) {
                        best[pb + j] = v;
                        at[pb + j] = i;
                    }
                }
            }
        });
        if (plan.chunks == 1) {
            return at;
        }
        int[] out = new int[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < inner; j++) {
                int first = (p * plan.chunks) * inner + j;
                float b = best[first];
                int a = at[first];
                for (int c = 1; c < plan.chunks; c++) {
                    int k = (p * plan.chunks + c) * inner + j;
                    if (better(best[k], b, max)) {
                        b = best[k];
                        a = at[k];
                    }
                }
                out[p * inner + j] = a;
            }
        }
        return out;
    }

    /** Strictly more extreme, with NaN above every number; ties keep the earlier value. */
    private static boolean better(float v, float best, boolean max) {
        // !(v <= best) is "v > best, or v or best is NaN"; a NaN best is never replaced.
        return (max ? !(v <= best) : !(v >= best)) && best == best;
    }

    private static void checkLayout(float[] x, int outer, int n, int inner) {
        if (outer < 0 || n < 0 || inner < 0 || (long) outer * n * inner != x.length) {
            throw new IllegalArgumentException("reduction: layout [" + outer + ", " + n + ", " + inner
                    + "] does not match " + x.length + " elements");
        }
    }

    /** Visits one segment: rows {@code [i0, i1)} of chunk c of outer index p, columns {@code [j0, j1)}. */
    @FunctionalInterface
    private interface SegmentBody {
        void run(int p, int c, int i0, int i1, int j0, int j1);
    }

    /**
     * How an {@code [outer, n, inner]} reduction is cut: row chunks (which fix the combination
     * order), column blocks (which only spread work), and groups of segments per parallel task
     * (about CHUNK elements each). All of it follows from the three sizes.
     */
    private static final class Plan {
        final int outer;
        final int inner;
        final int n;
        final int rowsPerChunk;
        final int chunks;
        final int colBlock;
        final int blocks;

        Plan(int outer, int n, int inner) {
            this.outer = outer;
            this.n = n;
            this.inner = inner;
            this.rowsPerChunk = inner <= COLS ? Math.max(1, CHUNK / Math.max(1, inner)) : Math.max(1, n);
            this.chunks = Math.max(1, Parallel.chunkCount(n, rowsPerChunk));
            this.colBlock = Math.max(1, Math.min(inner, COLS));
            this.blocks = Parallel.chunkCount(inner, colBlock);
        }

        void run(SegmentBody body) {
            long segments = (long) outer * chunks * blocks;
            if (segments == 0 || n == 0) {
                return;
            }
            long segElems = (long) Math.min(n, rowsPerChunk) * colBlock;
            int perTask = (int) Math.max(1, CHUNK / Math.max(1, segElems));
            int tasks = (int) ((segments + perTask - 1) / perTask);
            Parallel.forChunks(tasks, t -> {
                long start = (long) t * perTask;
                int count = (int) (Math.min(segments, start + perTask) - start);
                // Segment s is (p, c, b) with s = (p * chunks + c) * blocks + b; step through them in order.
                int b = (int) (start % blocks);
                long pc = start / blocks;
                int c = (int) (pc % chunks);
                int p = (int) (pc / chunks);
                for (int k = 0; k < count; k++) {
                    int i0 = c * rowsPerChunk;
                    int j0 = b * colBlock;
                    body.run(p, c, i0, Math.min(n, i0 + rowsPerChunk), j0, Math.min(inner, j0 + colBlock));
                    if (++b == blocks) {
                        b = 0;
                        if (++c == chunks) {
                            c = 0;
                            p++;
                        }
                    }
                }
            });
        }
    }

    /**
     * Per-column sums over rows {@code [r0, r1)} of {@code a} viewed as {@code [rows, c]}, added
     * into {@code sum[j]}; when {@code dot} is given, also the sums of {@code a*b} (of {@code a*a}
     * when {@code b} is null) into {@code dot[j]}. On the calling thread. A loop over only c
     * channels (16-64 in a CNN) is too short to vectorize, so a sweep adds a band of
     * {@link Streams#bandRows} consecutive rows at once into a float accumulator of that many
     * rows ({@link Streams}), and every 16 sweeps the band is folded into the double sums.
     */
    public static void columnSums(float[] a, float[] b, int r0, int r1, int c, double[] sum, double[] dot) {
        final int band = Streams.bandRows(c);
        final int len = band * c;
        final float[] accA = new float[len];
        final float[] accD = dot == null ? null : new float[len];
        final float[] other = b == null ? a : b;
        int sweeps = 0;
        int r = r0;
        for (; r + band <= r1; r += band) {
            int o = r * c;
            Streams.addInto(accA, 0, a, o, len);
            if (dot != null) {
                Streams.mulAddInto(accD, 0, a, o, other, o, len);
            }
            if (++sweeps == 16) {
                foldBand(accA, sum, c);
                foldBand(accD, dot, c);
                sweeps = 0;
            }
        }
        for (; r < r1; r++) {
            int o = r * c;
            Streams.addInto(accA, 0, a, o, c);
            if (dot != null) {
                Streams.mulAddInto(accD, 0, a, o, other, o, c);
            }
        }
        foldBand(accA, sum, c);
        foldBand(accD, dot, c);
    }

    /** Adds each row of the band accumulator into {@code p} and clears it (nothing when acc is null). */
    private static void foldBand(float[] acc, double[] p, int c) {
        if (acc == null) {
            return;
        }
        for (int e0 = 0; e0 < acc.length; e0 += c) {
            for (int j = 0; j < c; j++) {
                p[j] += acc[e0 + j];
            }
        }
        java.util.Arrays.fill(acc, 0f);
    }
}
