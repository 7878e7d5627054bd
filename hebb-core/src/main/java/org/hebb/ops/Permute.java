package org.hebb.ops;

import java.util.Arrays;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Transpose;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Permute (general transpose): output axis {@code k} is input axis {@code axes[k]}, so
 * {@code out.shape[k] = in.shape[axes[k]]} and
 * {@code out[i_0, ..., i_{r-1}] = in[j]} with {@code j[axes[k]] = i_k}. The result is a
 * contiguous copy. The gradient is the output gradient permuted back by the inverse
 * permutation.
 *
 * <p><b>How it runs.</b> Size-1 axes are dropped and input axes that stay adjacent and in order
 * are merged (NHWC to NCHW becomes {@code [N, HW, C] -> [N, C, HW]}). What remains is either
 * a copy of contiguous runs (the innermost axis stays innermost) or a 2-D transpose between
 * the input's innermost axis and the axis that becomes the output's innermost, repeated over
 * the other axes and done by the cache-blocked {@link Transpose} kernel. Large permutes are
 * cut into fixed blocks (by size only) run on the shared pool; a copy has no rounding, so the
 * result is the same for any thread count anyway.
 */
public final class Permute {
    /** Work units are grouped into chunks of about this many elements. */
    private static final int CHUNK_ELEMENTS = 1 << 15;
    /** Edge of the blocks a large 2-D transpose is cut into for the pool. */
    private static final int BLOCK = 128;

    private Permute() {}

    /**
     * {@code x} with its axes reordered: output axis {@code k} is input axis {@code axes[k]}
     * (negative axes count from the end).
     *
     * @throws IllegalArgumentException naming the axes and the shape when {@code axes} is not a
     *     permutation of {@code 0 .. rank-1}
     */
    public static Tensor permute(Tensor x, int... axes) {
        return run("permute", x, normalize("permute", axes, x.shape()));
    }

    /** All axes reversed ({@code x.T} in NumPy): a matrix {@code [m, n]} becomes {@code [n, m]}. */
    public static Tensor transpose(Tensor x) {
        int r = x.rank();
        int[] p = new int[r];
        for (int i = 0; i < r; i++) {
            p[i] = r - 1 - i;
        }
        return run("transpose", x, p);
    }

    /** Axes {@code a} and {@code b} swapped (negative axes count from the end). */
    public static Tensor transpose(Tensor x, int a, int b) {
        int[] shape = x.shape();
        int r = shape.length;
        int na = a < 0 ? a + r : a;
        int nb = b < 0 ? b + r : b;
        if (na < 0 || na >= r || nb < 0 || nb >= r) {
            throw new IllegalArgumentException("transpose: axes (" + a + ", " + b + ") out of range for shape "
                    + Shapes.str(shape) + " (rank " + r + ")");
        }
        int[] p = new int[r];
        for (int i = 0; i < r; i++) {
            p[i] = i;
        }
        p[na] = nb;
        p[nb] = na;
        return run("transpose", x, p);
    }

    private static Tensor run(String op, Tensor x, int[] perm) {
        int[] shape = x.shape();
        int r = shape.length;
        int[] outShape = new int[r];
        int[] inverse = new int[r];
        for (int k = 0; k < r; k++) {
            outShape[k] = shape[perm[k]];
            inverse[perm[k]] = k;
        }
        float[] out = permuteData(x.data(), shape, perm);
        return Tensor.fromOp(op, out, outShape, g -> new float[][] {permuteData(g, outShape, inverse)}, x);
    }

    /** Checks that {@code axes} is a permutation of {@code 0 .. rank-1}, allowing negative axes. */
    static int[] normalize(String op, int[] axes, int[] shape) {
        int r = shape.length;
        if (axes.length != r) {
            throw new IllegalArgumentException(op + ": axes " + Arrays.toString(axes) + " do not match shape "
                    + Shapes.str(shape) + ": expected a permutation of " + r + " axes, got " + axes.length);
        }
        int[] p = new int[r];
        boolean[] seen = new boolean[r];
        for (int k = 0; k < r; k++) {
            int a = axes[k] < 0 ? axes[k] + r : axes[k];
            if (a < 0 || a >= r || seen[a]) {
                throw new IllegalArgumentException(op + ": axes " + Arrays.toString(axes)
                        + " are not a permutation of 0.." + (r - 1) + " for shape " + Shapes.str(shape)
                        + (a >= 0 && a < r ? " (axis " + axes[k] + " repeated)" : " (axis " + axes[k] + " out of range)"));
            }
            seen[a] = true;
            p[k] = a;
        }
        return p;
    }

    /**
     * The permuted copy of row-major {@code src} of shape {@code shape}: output axis {@code k}
     * is input axis {@code perm[k]} (already validated).
     */
    public static float[] permuteData(float[] src, int[] shape, int[] perm) {
        float[] dst = new float[src.length];
        if (src.length == 0) {
            return dst;
        }
        // Drop size-1 axes, then merge runs of input axes that stay adjacent and in order.
        int r0 = shape.length;
        int[] keptIndex = new int[r0];
        int kept = 0;
        for (int a = 0; a < r0; a++) {
            keptIndex[a] = shape[a] == 1 ? -1 : kept++;
        }
        int[] p1 = new int[kept];
        int n1 = 0;
        for (int k = 0; k < r0; k++) {
            if (keptIndex[perm[k]] >= 0) {
                p1[n1++] = keptIndex[perm[k]];
            }
        }
        int[] d1 = new int[kept];
        for (int a = 0; a < r0; a++) {
            if (keptIndex[a] >= 0) {
                d1[keptIndex[a]] = shape[a];
            }
        }
        // Groups in output order: each is a run [first, last] of input axes.
        int[] groupFirst = new int[kept];
        int[] groupLast = new int[kept];
        int groups = 0;
        for (int k = 0; k < kept; k++) {
            if (groups > 0 && p1[k] == groupLast[groups - 1] + 1) {
                groupLast[groups - 1] = p1[k];
            } else {
                groupFirst[groups] = p1[k];
                groupLast[groups] = p1[k];
                groups++;
            }
        }
        if (groups <= 1) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return dst;
        }
        // Number the groups by input position: the coalesced input axis of each group.
        int[] dims = new int[groups];
        int[] p = new int[groups];
        for (int g = 0; g < groups; g++) {
            int rank = 0;
            for (int h = 0; h < groups; h++) {
                if (groupFirst[h] < groupFirst[g]) {
                    rank++;
                }
            }
            p[g] = rank;
            int size = 1;
            for (int a = groupFirst[g]; a <= groupLast[g]; a++) {
                size *= d1[a];
            }
            dims[rank] = size;
        }
        permuteCoalesced(src, dst, dims, p);
        return dst;
    }

    /** Permutes with no size-1 axes and no mergeable axes left ({@code dims.length >= 2}). */
    private static void permuteCoalesced(float[] src, float[] dst, int[] dims, int[] p) {
        int r = dims.length;
        int[] inStride = Shapes.strides(dims);
        int[] outDims = new int[r];
        for (int k = 0; k < r; k++) {
            outDims[k] = dims[p[k]];
        }
        int[] outStride = Shapes.strides(outDims);
        if (p[r - 1] == r - 1) {
            // The innermost axis stays innermost: copy contiguous runs, output in order.
            int len = dims[r - 1];
            Walk outer = Walk.over(outDims, inStride, outStride, p, r - 1, -1);
            int perChunk = Math.max(1, CHUNK_ELEMENTS / len);
            Parallel.forRange(outer.count, perChunk, (start, end) -> {
                int[] pos = outer.start(start);
                for (int u = start; u < end; u++) {
                    System.arraycopy(src, pos[0], dst, pos[1], len);
                    outer.next(pos);
                }
            });
            return;
        }
        // 2-D transpose between input axis `rowAxis` (the output's innermost) and the input's
        // innermost axis (at output position `colPos`), repeated over the remaining axes.
        int rowAxis = p[r - 1];
        int colPos = 0;
        while (p[colPos] != r - 1) {
            colPos++;
        }
        int rows = dims[rowAxis];
        int cols = dims[r - 1];
        int ldSrc = inStride[rowAxis];
        int ldDst = outStride[colPos];
        Walk outer = Walk.over(outDims, inStride, outStride, p, r - 1, colPos);
        int rowBlocks = (rows + BLOCK - 1) / BLOCK;
        int colBlocks = (cols + BLOCK - 1) / BLOCK;
        int blocksPerOuter = rowBlocks * colBlocks;
        int blockElements = Math.min(rows, BLOCK) * Math.min(cols, BLOCK);
        int perChunk = Math.max(1, CHUNK_ELEMENTS / blockElements);
        long units = (long) outer.count * blocksPerOuter;
        Parallel.forRange((int) units, perChunk, (start, end) -> {
            int o = start / blocksPerOuter;
            int[] pos = outer.start(o);
            for (int u = start; u < end; u++) {
                int uo = u / blocksPerOuter;
                while (o < uo) {
                    outer.next(pos);
                    o++;
                }
                int b = u - uo * blocksPerOuter;
                int i0 = (b / colBlocks) * BLOCK;
                int j0 = (b % colBlocks) * BLOCK;
                Transpose.tiled(src, pos[0], ldSrc, dst, pos[1], ldDst,
                        i0, Math.min(rows, i0 + BLOCK), j0, Math.min(cols, j0 + BLOCK));
            }
        });
    }

    /**
     * An odometer over the output positions other than up to two excluded ones, tracking the
     * matching input offset ({@code pos[0]}) and output offset ({@code pos[1]}).
     */
    private static final class Walk {
        final int[] dims;
        final int[] inStride;
        final int[] outStride;
        final int count;

        private Walk(int[] dims, int[] inStride, int[] outStride) {
            this.dims = dims;
            this.inStride = inStride;
            this.outStride = outStride;
            int c = 1;
            for (int d : dims) {
                c *= d;
            }
            this.count = c;
        }

        static Walk over(int[] outDims, int[] inStride, int[] outStride, int[] p, int skipA, int skipB) {
            int r = outDims.length;
            int n = 0;
            int[] d = new int[r];
            int[] si = new int[r];
            int[] so = new int[r];
            for (int k = 0; k < r; k++) {
                if (k != skipA && k != skipB) {
                    d[n] = outDims[k];
                    si[n] = inStride[p[k]];
                    so[n] = outStride[k];
                    n++;
                }
            }
            return new Walk(Arrays.copyOf(d, n), Arrays.copyOf(si, n), Arrays.copyOf(so, n));
        }

        /** State for the flat position {@code flat}: {@code [inOffset, outOffset, idx...]}. */
        int[] start(int flat) {
            int n = dims.length;
            int[] pos = new int[2 + n];
            for (int k = n - 1; k >= 0; k--) {
                int i = flat % dims[k];
                flat /= dims[k];
                pos[2 + k] = i;
                pos[0] += i * inStride[k];
                pos[1] += i * outStride[k];
            }
            return pos;
        }

        /** Advances {@code pos} to the next position, last axis fastest. */
        void next(int[] pos) {
            for (int k = dims.length - 1; k >= 0; k--) {
                pos[0] += inStride[k];
                pos[1] += outStride[k];
                if (++pos[2 + k] < dims[k]) {
                    return;
                }
                pos[0] -= inStride[k] * dims[k];
                pos[1] -= outStride[k] * dims[k];
                pos[2 + k] = 0;
            }
        }
    }
}
