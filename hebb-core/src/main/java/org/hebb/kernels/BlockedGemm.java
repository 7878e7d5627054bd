package org.hebb.kernels;

/**
 * The cache-blocked, multithreaded GEMM driver shared by the plain and the vector kernels; a
 * subclass supplies only the register-blocked micro-kernel ({@link #kernel}) and its tile size
 * {@code mr x nr}. Same arguments and meaning as {@link Gemm#gemm}.
 *
 * <h2>Blocking (Goto / BLIS)</h2>
 * <ul>
 *   <li>k is cut into {@code kBlocks = ceil(k / 256)} equal blocks of {@code kc} (the last may
 *       be shorter); C receives the block products one after the other, in increasing k.</li>
 *   <li>op(B) is packed once per call, for all k blocks, into panels of {@code kc x nr} floats
 *       (row p of a panel holds nr consecutive columns), zero-padded to a multiple of nr
 *       columns. The packed B is shared by all threads. Very wide B is handled in column
 *       slices so the packed copy stays under {@link #PACK_B_MAX} floats.</li>
 *   <li>C (inside a slice) is cut into tiles of {@code mc} rows by {@code groupPanels * nr}
 *       columns; one tile is one {@link Parallel} chunk. The thread running a tile packs its
 *       rows of op(A) into panels of {@code kc x mr} (column p holds mr consecutive rows,
 *       zero-padded) in its own reusable buffer, then calls the micro-kernel for every
 *       {@code mr x nr} sub-tile, columns outer and rows inner, so one B micro-panel stays in
 *       L1 while the A block streams from L2.</li>
 *   <li>Sub-tiles on the right or bottom edge are computed into a small scratch tile and the
 *       valid part copied, so the micro-kernel never has a scalar edge path.</li>
 * </ul>
 *
 * <h2>Determinism</h2>
 * Every size above ({@code kc}, {@code mc}, the tile grid, the slices) is a function of
 * {@code m, n, k} only, the k loop is never split across threads, and each element of C is
 * written by exactly one tile: the result is bit-identical for any thread count.
 *
 * <p>Transposed operands are handled by the packing routines: no transpose is materialized.
 */
abstract class BlockedGemm {
    /** Largest k block. */
    static final int KC_MAX = 256;
    /** Target row block of C (and of the packed A block). */
    static final int MC_MAX = 96;
    /** Upper bound, in floats, of one packed copy of op(B) (16 MB). */
    static final int PACK_B_MAX = 1 << 22;
    /** Below this many multiply-adds a call runs on the calling thread alone. */
    static final long PARALLEL_MIN_MACS = 1L << 20;
    /** Below this many floats op(B) is packed by the calling thread alone. */
    static final int PARALLEL_PACK_MIN = 1 << 16;
    /** A slice is cut into at least this many tiles when its size allows. */
    private static final int MIN_TILES = 8;

    /** Rows and columns of the micro-kernel's tile. */
    final int mr;
    final int nr;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Per-thread reusable buffers: packed A block, scratch edge tile, packed B (caller only). */
    private static final class Workspace {
        float[] packA = new float[0];
        float[] packB = new float[0];
        float[] tile = new float[0];

        float[] packA(int size) {
            if (packA.length < size) {
                packA = new float[size];
            }
            return packA;
        }

        float[] packB(int size) {
            if (packB.length < size) {
                packB = new float[size];
            }
            return packB;
        }

        float[] tile(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }
    }

    BlockedGemm(int mr, int nr) {
        this.mr = mr;
        this.nr = nr;
    }

    /** The name reported by {@link Gemm#implementation()}. */
    abstract String name();

    /**
     * The micro-kernel: {@code C[0:mr, 0:nr] (+)= Ap * Bp} for one packed A panel
     * ({@code kc x mr}, element (i, p) at {@code aOff + p*mr + i}) and one packed B panel
     * ({@code kc x nr}, element (p, j) at {@code bOff + p*nr + j}); C's element (i, j) is at
     * {@code cOff + i*ldc + j}. With {@code add} the products are added to C, otherwise they
     * overwrite it.
     */
    abstract void kernel(int kc, float[] a, int aOff, float[] b, int bOff,
                         float[] c, int cOff, int ldc, boolean add);

    /**
     * {@code C (+)= op(A) * op(B)}, arguments as in {@link Gemm#gemm}; requires
     * {@code m, n, k >= 1} and arguments already validated.
     */
    final void gemm(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        int kBlocks = ceilDiv(k, KC_MAX);
        int kc = ceilDiv(k, kBlocks);
        int nPanels = ceilDiv(n, nr);
        int slicePanels = Math.max(1, Math.min(nPanels, PACK_B_MAX / (k * nr)));
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_MACS && Parallel.threads() > 1;
        float[] pb = WORKSPACE.get().packB(k * slicePanels * nr);
        for (int s0 = 0; s0 < nPanels; s0 += slicePanels) {
            int panels = Math.min(slicePanels, nPanels - s0);
            int j0 = s0 * nr;
            int width = Math.min(n - j0, panels * nr);
            packB(transB, b, bOff, ldb, k, kc, j0, width, panels, pb, parallel);
            Slice slice = new Slice(transA, m, width, k, kc, panels, a, aOff, lda, pb,
                    c, cOff + j0, ldc, accumulate);
            if (parallel) {
                Parallel.forChunks(slice.tiles, slice::run);
            } else {
                for (int t = 0; t < slice.tiles; t++) {
                    slice.run(t);
                }
            }
        }
    }

    /** One column slice of C: its tile grid and the work of one tile. */
    private final class Slice {
        final boolean transA;
        final int m;
        final int n;
        final int k;
        final int kc;
        final int panels;
        final float[] a;
        final int aOff;
        final int lda;
        final float[] pb;
        final float[] c;
        final int cOff;
        final int ldc;
        final boolean accumulate;
        final int mc;
        final int mBlocks;
        final int groupPanels;
        final int nGroups;
        final int tiles;

        Slice(boolean transA, int m, int n, int k, int kc, int panels, float[] a, int aOff, int lda,
              float[] pb, float[] c, int cOff, int ldc, boolean accumulate) {
            this.transA = transA;
            this.m = m;
            this.n = n;
            this.k = k;
            this.kc = kc;
            this.panels = panels;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.pb = pb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.accumulate = accumulate;
            // Row blocks: about MC_MAX rows, their count rounded up to a multiple of 4 so two
            // or four threads get even shares; then column groups if that gives too few tiles.
            int blocks = ceilDiv(m, MC_MAX);
            if (blocks > 1) {
                blocks = ceilDiv(blocks, 4) * 4;
            }
            this.mc = ceilDiv(ceilDiv(m, blocks), mr) * mr;
            this.mBlocks = ceilDiv(m, mc);
            int groups = mBlocks >= MIN_TILES ? 1 : Math.min(panels, ceilDiv(MIN_TILES, mBlocks));
            this.groupPanels = ceilDiv(panels, groups);
            this.nGroups = ceilDiv(panels, groupPanels);
            this.tiles = mBlocks * nGroups;
        }

        /** Computes tile {@code t}: row block {@code t / nGroups}, column group {@code t % nGroups}. */
        void run(int t) {
            int ib = t / nGroups;
            int jg = t % nGroups;
            int i0 = ib * mc;
            int rows = Math.min(mc, m - i0);
            int mPanels = ceilDiv(rows, mr);
            int jp0 = jg * groupPanels;
            int jp1 = Math.min(panels, jp0 + groupPanels);
            Workspace ws = WORKSPACE.get();
            float[] pa = ws.packA(mPanels * mr * kc);
            float[] tile = ws.tile(mr * nr);
            int nPad = panels * nr;
            for (int p0 = 0; p0 < k; p0 += kc) {
                int kcb = Math.min(kc, k - p0);
                packA(transA, a, aOff, lda, i0, rows, p0, kcb, pa);
                boolean add = accumulate || p0 > 0;
                int bBlock = p0 * nPad;
                for (int jp = jp0; jp < jp1; jp++) {
                    int j0 = jp * nr;
                    int w = Math.min(nr, n - j0);
                    int bo = bBlock + jp * kcb * nr;
                    for (int ip = 0; ip < mPanels; ip++) {
                        int r0 = ip * mr;
                        int h = Math.min(mr, rows - r0);
                        int ao = ip * kcb * mr;
                        int co = cOff + (i0 + r0) * ldc + j0;
                        if (h == mr && w == nr) {
                            kernel(kcb, pa, ao, pb, bo, c, co, ldc, add);
                        } else {
                            kernel(kcb, pa, ao, pb, bo, tile, 0, nr, false);
                            for (int i = 0; i < h; i++) {
                                int ci = co + i * ldc;
                                int ti = i * nr;
                                if (add) {
                                    for (int j = 0; j < w; j++) {
                                        c[ci + j] += tile[ti + j];
                                    }
                                } else {
                                    System.arraycopy(tile, ti, c, ci, w);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [i0, i0+rows)} and columns {@code [p0, p0+kcb)} of op(A) into
     * {@code ceil(rows/mr)} panels of {@code kcb x mr}, zero-padding the last panel's rows.
     */
    private void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int p0, int kcb,
                       float[] pa) {
        int mr = this.mr;
        for (int r0 = 0; r0 < rows; r0 += mr) {
            int h = Math.min(mr, rows - r0);
            int dst = r0 * kcb;
            if (transA) {
                // A is stored [k, m]: column p of the panel is a contiguous run of row p0+p.
                int src = aOff + p0 * lda + i0 + r0;
                for (int p = 0; p < kcb; p++) {
                    System.arraycopy(a, src + p * lda, pa, dst + p * mr, h);
                }
                if (h < mr) {
                    for (int p = 0; p < kcb; p++) {
                        java.util.Arrays.fill(pa, dst + p * mr + h, dst + (p + 1) * mr, 0f);
                    }
                }
            } else {
                // A is stored [m, k]: row i of the panel is a contiguous run of row i0+r0+i.
                for (int i = 0; i < h; i++) {
                    int src = aOff + (i0 + r0 + i) * lda + p0;
                    int d = dst + i;
                    for (int p = 0; p < kcb; p++) {
                        pa[d + p * mr] = a[src + p];
                    }
                }
                for (int i = h; i < mr; i++) {
                    int d = dst + i;
                    for (int p = 0; p < kcb; p++) {
                        pa[d + p * mr] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs columns {@code [j0, j0+width)} of op(B), all k rows, into {@code pb}: k block
     * {@code kb} (rows {@code [p0, p0+kcb)}) starts at {@code p0 * panels * nr} and holds
     * {@code panels} panels of {@code kcb x nr}, zero-padded past {@code width}.
     */
    private void packB(boolean transB, float[] b, int bOff, int ldb, int k, int kc, int j0, int width,
                       int panels, float[] pb, boolean parallel) {
        int kBlocks = ceilDiv(k, kc);
        int chunks = kBlocks * panels;
        Parallel.ChunkBody body = t -> {
            int p0 = (t / panels) * kc;
            int jp = t % panels;
            int kcb = Math.min(kc, k - p0);
            packBPanel(transB, b, bOff, ldb, p0, kcb, j0 + jp * nr, Math.min(nr, width - jp * nr),
                    pb, p0 * panels * nr + jp * kcb * nr);
        };
        if (parallel && (long) k * width >= PARALLEL_PACK_MIN) {
            Parallel.forChunks(chunks, body);
        } else {
            for (int t = 0; t < chunks; t++) {
                body.run(t);
            }
        }
    }

    /** Packs rows {@code [p0, p0+kcb)}, columns {@code [j, j+w)} of op(B) as one {@code kcb x nr} panel. */
    private void packBPanel(boolean transB, float[] b, int bOff, int ldb, int p0, int kcb, int j, int w,
                            float[] pb, int dst) {
        int nr = this.nr;
        if (transB) {
            // B is stored [n, k]: column jj of the panel is a contiguous run of row j+jj.
            for (int jj = 0; jj < w; jj++) {
                int src = bOff + (j + jj) * ldb + p0;
                int d = dst + jj;
                for (int p = 0; p < kcb; p++) {
                    pb[d + p * nr] = b[src + p];
                }
            }
        } else {
            int src = bOff + p0 * ldb + j;
            for (int p = 0; p < kcb; p++) {
                System.arraycopy(b, src + p * ldb, pb, dst + p * nr, w);
            }
        }
        if (w < nr) {
            for (int p = 0; p < kcb; p++) {
                java.util.Arrays.fill(pb, dst + p * nr + w, dst + (p + 1) * nr, 0f);
            }
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
