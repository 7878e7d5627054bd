package org.hebb.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The cache-blocked, multithreaded GEMM driver shared by the plain and the vector kernels; a
 * subclass supplies only the register-blocked micro-kernels ({@link #kernel}, {@code mr x nr},
 * and {@link #kernelRows}, {@code mrRows x nr}). Same arguments and meaning as {@link Gemm#gemm}.
 *
 * <h2>Blocking (after Goto and BLIS)</h2>
 * <ul>
 *   <li>k is cut into {@code ceil(k / 256)} equal blocks of {@code kc} (the last may be
 *       shorter), or {@code ceil(k / 512)} when A is packed ({@link #kBlock}); C receives the
 *       block products one after the other, in increasing k.</li>
 *   <li>op(B) is packed into panels of {@code kc x nr} floats (row p of a panel holds nr
 *       consecutive columns), zero-padded to a multiple of nr columns. The packed B is shared
 *       by all threads and packed lazily: a tile packs the panels it needs, if no other thread
 *       has claimed them, right before using them (while they are hot in cache); a panel another
 *       thread is still packing is left to the end of the k block. So a call is one fork-join,
 *       with no barrier between packing and computing. A tile with a packed A claims all the
 *       unclaimed panels of a chunk (below) at once and copies them in one sweep over B's rows,
 *       2 KB of each row in a run rather than 128 bytes per panel, which the hardware prefetcher
 *       follows (5% faster at n = 1024). Very wide B is handled in column slices so the
 *       packed copy stays under {@link #PACK_B_MAX} floats.</li>
 *   <li>C (inside a slice) is cut into tiles of about {@link #MC_MAX} rows ({@link #MC_MAX_TRANS}
 *       when A is transposed; their count rounded
 *       up to an even number and the rows dealt out evenly, so two threads get equal shares),
 *       and into column groups only when there are fewer than {@link #MIN_TILES} row blocks.
 *       One tile is one {@link Parallel} chunk.</li>
 *   <li>For each k block, the thread running a tile packs its rows of op(A) into panels of
 *       {@code kc x mr} (column p holds mr consecutive rows) in its own reusable buffer, then
 *       calls the micro-kernel for every sub-tile: B's panels in chunks of about
 *       {@link #B_CHUNK_FLOATS} floats (half of L2), and within a chunk rows outer and
 *       columns inner, so one A panel stays in L1 while the chunk's B panels stream from L2 and
 *       C is walked along its rows. (Columns outer, with a B panel held in L1, was 5-10% slower:
 *       each sub-tile then started with C's rows, 4 KB apart, missing in cache.) A tile at most
 *       {@link #DIRECT_A_MAX_COLS} wide reads A in place instead, with {@link #kernelRows} for a
 *       row-major A and {@link #kernelCols} for a transposed one: each A panel meets so few B
 *       panels that packing would cost more than it saves (the im2col GEMMs of a CNN, with
 *       n = channels, forward and weight gradient); only a last partial panel of rows is packed
 *       then, and the sub-tiles go columns outer, rows inner.</li>
 *   <li>Packing with scalar copies took a tenth of the time at n = 1024; the vector GEMMs
 *       override {@link #copyRows} (B) and {@link #packRows} (A) with vector copies and
 *       gathers, which pack 1.5-2.5x faster.</li>
 *   <li>Sub-tiles on the right or bottom edge are computed into a small scratch tile and the
 *       valid part is copied, so the micro-kernels never have a scalar edge path.</li>
 * </ul>
 *
 * <h2>Determinism</h2>
 * Every size above ({@code kc}, the row blocks, the tile grid, the slices) is a function of
 * {@code m, n, k} only, the k loop is never split across threads, each element of C is written
 * by exactly one tile, and a packed panel is the same whoever packs it: the result is
 * bit-identical for any thread count.
 *
 * <p>Transposed operands are handled by the packing routines (and a row-major A read in place
 * needs no packing at all): no transpose is ever materialized.
 */
abstract class BlockedGemm {
    /** Largest k block of a product at most {@link #directMaxCols} wide (its A read in place). */
    static final int KC_MAX = 256;
    /**
     * Largest k block of a wider product, whose A is packed: half as many passes over C as with
     * 256 (the accumulate kernels load and store C once per k block). n = 1024 and 2048 on two
     * threads: 2-3.5% faster. The narrow products keep 256, where 384 made the convolution
     * weight gradient ({@code 288x64x21632:TN}) 10% slower.
     */
    static final int KC_MAX_PACKED = 512;
    /** Target row block of C (and of the packed A block). */
    static final int MC_MAX = 96;
    /**
     * Target row block when op(B) holds at least {@link #LARGE_B} floats: B's chunks then come
     * from memory rather than L3, and a taller tile uses each chunk for more A panels
     * (n = 2048: 3-5% faster on one and two threads; at n = 1024 it was 4% slower, with fewer
     * tiles to share between two threads).
     */
    static final int MC_MAX_LARGE_B = 144;
    /** Floats of op(B) from which {@link #MC_MAX_LARGE_B} applies (16 MB). */
    static final long LARGE_B = 1L << 22;
    /**
     * Target row block when A is transposed: A's rows then run along m, and a tile reads
     * as many contiguous floats of each as the block has rows; longer runs stream better.
     */
    static final int MC_MAX_TRANS = 160;
    /** Upper bound, in floats, of one packed copy of op(B) (16 MB). */
    static final int PACK_B_MAX = 1 << 22;
    /** Below this many multiply-adds a call runs on the calling thread alone. */
    static final long PARALLEL_MIN_MACS = 1L << 20;
    /**
     * A slice with fewer row blocks than this is also cut into column groups (each of which
     * packs the same A block again), so that two threads have work.
     */
    static final int MIN_TILES = 2;
    /**
     * A product with at most this many elements of C and at least {@link #SPLIT_K_MIN} terms
     * per element is cut along k (see {@link #gemm}); it would otherwise be one tile, one thread.
     */
    static final int SPLIT_K_MAX_C = 8192;
    /** Least k of a product cut along k. */
    static final int SPLIT_K_MIN = 16384;
    /** Terms per part of a product cut along k (the last part takes the remainder). */
    static final int SPLIT_K_PART = 8192;
    /**
     * Floats of packed B that a tile with a packed A walks through for each row panel: 1 MB,
     * half of a 2 MB L2, so the chunk stays there while A's panels pass (512 columns with
     * k blocks of 512; with 256-float blocks, 512 KB to 4 MB were alike, and with 512, 1 MB
     * was 0.5-3.5% faster than 512 KB and 2 MB 2-4% slower).
     */
    static final int B_CHUNK_FLOATS = 1 << 18;
    /**
     * Row blocks at the end of a slice that are cut in half (when there are at least four; the
     * last two halves are cut again), so the last tiles the threads take are short and neither
     * waits long for the other. n = 1024 on two threads: halves 3-6% faster, the quarters
     * another 2.5-3.4%.
     */
    static final int TAIL_BLOCKS = 4;
    /** Default widest tile, in columns, that reads op(A) in place rather than packing it. */
    static final int DIRECT_A_MAX_COLS = 128;

    /** Rows and columns of {@link #kernel}'s tile, and rows of {@link #kernelRows}'s (at most mr). */
    final int mr;
    final int nr;
    final int mrRows;
    /** The widest tile that reads op(A) in place, for this instance (tests vary it). */
    final int directMaxCols;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * Per-thread reusable buffers: the packed A block and the scratch edge tile of the tiles a
     * thread runs, and the packed B of the calls it makes. They grow to the largest size used
     * and are kept.
     */
    private static final class Workspace {
        float[] packA = new float[0];
        float[] packB = new float[0];
        float[] tile = new float[0];
        int[] later = new int[0];

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

        int[] later(int size) {
            if (later.length < size) {
                later = Arrays.copyOf(later, Math.max(size, 2 * later.length));
            }
            return later;
        }

        float[] tile(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }
    }

    BlockedGemm(int mr, int mrRows, int nr, int directMaxCols) {
        if (mrRows > mr) {
            throw new IllegalArgumentException("row kernel height " + mrRows + " exceeds " + mr);
        }
        this.mr = mr;
        this.mrRows = mrRows;
        this.nr = nr;
        this.directMaxCols = directMaxCols;
    }

    /** The name reported by {@link Gemm#implementation()}. */
    abstract String name();

    /**
     * The micro-kernel: {@code C[0:mr, 0:nr] (+)= Ap * Bp} for one packed A panel
     * ({@code kc x mr}, element (i, p) at {@code aOff + p*mr + i}) and one packed B panel
     * ({@code kc x nr}, element (p, j) at {@code bOff + p*nr + j}); C's element (i, j) is at
     * {@code cOff + i*ldc + j}. With {@code add} the products are added to C, otherwise they
     * overwrite it. (The strides are constants so that C2 hoists the bounds checks.)
     */
    abstract void kernel(int kc, float[] a, int aOff, float[] b, int bOff,
                         float[] c, int cOff, int ldc, boolean add);

    /**
     * The micro-kernel for an A panel read in place from row-major A: element (i, p) at
     * {@code aOff + i*lda + p}; otherwise as {@link #kernel}.
     */
    abstract void kernelRows(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                             float[] c, int cOff, int ldc, boolean add);

    /**
     * The micro-kernel ({@code mr x nr}) for an A panel read in place from a transposed A, stored
     * {@code [k, m]}: element (i, p) at {@code aOff + p*lda + i}, so each k step reads mr
     * consecutive floats; otherwise as {@link #kernel}.
     */
    abstract void kernelCols(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                             float[] c, int cOff, int ldc, boolean add);

    /**
     * Packs {@code panels} adjacent full-width panels of a row-major B in one sweep over its
     * rows: the {@code nr} floats of panel q in row p, at {@code b[src + p*ldb + q*nr]}, go to
     * {@code pb[dst + q*panelStride + p*nr]}. Reading whole runs of a row keeps the hardware
     * prefetcher on B, where one panel at a time touches only two cache lines of each row. The
     * vector GEMMs override it with vector loads and stores; a {@link System#arraycopy} of
     * {@code nr} floats per row costs more than twice as much.
     */
    void copyRows(int rows, int panels, float[] b, int src, int ldb, float[] pb, int dst, int panelStride) {
        for (int p = 0; p < rows; p++) {
            for (int q = 0; q < panels; q++) {
                System.arraycopy(b, src + p * ldb + q * nr, pb, dst + q * panelStride + p * nr, nr);
            }
        }
    }

    /**
     * Packs {@code panels * mr} full rows of a row-major A into {@code panels} panels: element
     * (i, p) of panel q, at {@code a[src + (q*mr + i)*lda + p]} for p below {@code kc}, goes to
     * {@code pa[dst + q*mr*kc + p*mr + i]}. The vector GEMMs override it with gathers.
     */
    void packRows(int panels, int kc, float[] a, int src, int lda, float[] pa, int dst) {
        for (int q = 0; q < panels; q++) {
            for (int i = 0; i < mr; i++) {
                int s = src + (q * mr + i) * lda;
                int t = dst + q * mr * kc + i;
                for (int p = 0; p < kc; p++) {
                    pa[t + p * mr] = a[s + p];
                }
            }
        }
    }

    /**
     * {@code C (+)= op(A) * op(B)}, arguments as in {@link Gemm#gemm}; requires
     * {@code m, n, k >= 1} and arguments already validated.
     *
     * <p>A small C over a long k (a convolution's weight gradient with few input channels:
     * {@code [9, 32]} summed over 86,528 rows) would be a single tile on a single thread; it is
     * cut into parts of {@link #SPLIT_K_PART} terms, each part's product computed into a
     * partial C of its own (the parts in parallel), and the partials added into C in part
     * order. The parts depend on {@code m, n, k} only, so the result is still bit-identical for
     * any thread count.
     */
    final void gemm(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean accumulate) {
        if ((long) m * n <= SPLIT_K_MAX_C && k >= SPLIT_K_MIN) {
            gemmSplitK(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        gemmBlocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** The k-split form of {@link #gemm}; see there. */
    private void gemmSplitK(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        int parts = k / SPLIT_K_PART;
        float[][] partial = new float[parts][m * n];
        Parallel.forChunks(parts, s -> {
            int p0 = s * SPLIT_K_PART;
            int kk = s == parts - 1 ? k - p0 : SPLIT_K_PART;
            gemmBlocked(transA, transB, m, n, kk, a, aOff + (transA ? p0 * lda : p0), lda,
                    b, bOff + (transB ? p0 : p0 * ldb), ldb, partial[s], 0, n, false);
        });
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            int pi = i * n;
            for (int j = 0; j < n; j++) {
                float sum = partial[0][pi + j];
                for (int s = 1; s < parts; s++) {
                    sum += partial[s][pi + j];
                }
                c[ci + j] = accumulate ? c[ci + j] + sum : sum;
            }
        }
    }

    /** The blocked product (no k split); arguments as {@link #gemm}. */
    private void gemmBlocked(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        int kc = kBlock(n, k);
        int kBlocks = ceilDiv(k, kc);
        int nPanels = ceilDiv(n, nr);
        int slicePanels = (int) Math.max(1, Math.min(nPanels, PACK_B_MAX / ((long) k * nr)));
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_MACS && Parallel.threads() > 1;
        float[] pb = WORKSPACE.get().packB(k * slicePanels * nr);
        for (int s0 = 0; s0 < nPanels; s0 += slicePanels) {
            int panels = Math.min(slicePanels, nPanels - s0);
            int j0 = s0 * nr;
            Slice slice = new Slice(transA, transB, m, Math.min(n - j0, panels * nr), k, kc, kBlocks, panels,
                    a, aOff, lda, b, bOff + (transB ? j0 * ldb : j0), ldb, pb, c, cOff + j0, ldc, accumulate);
            if (parallel) {
                Parallel.forChunks(slice.tiles, slice::run);
            } else {
                for (int t = 0; t < slice.tiles; t++) {
                    slice.run(t);
                }
            }
        }
    }

    /** One column slice of C: its tile grid, its shared packed B, and the work of one tile. */
    private final class Slice {
        private static final int UNPACKED = 0;
        private static final int PACKING = 1;
        private static final int READY = 2;
        private static final int FAILED = 3;

        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final int kc;
        final int panels;
        final float[] a;
        final int aOff;
        final int lda;
        final float[] b;
        final int bOff;
        final int ldb;
        final float[] pb;
        final float[] c;
        final int cOff;
        final int ldc;
        final boolean accumulate;
        final int align;
        final int mBlocks;
        /** First unit (of {@code align} rows) of each row block, and the end after the last. */
        final int[] rowStart;
        final int groupPanels;
        final int nGroups;
        final int tiles;
        final boolean direct;
        /**
         * True when op(B) is one whole panel already laid out as packed ({@code nr} columns,
         * row-major, {@code ldb == nr}): the kernels then read B itself and nothing is packed.
         */
        final boolean bInPlace;
        /** State of each packed B panel, index {@code kBlock * panels + panel}. */
        final AtomicIntegerArray packed;

        Slice(boolean transA, boolean transB, int m, int n, int k, int kc, int kBlocks, int panels,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] pb,
              float[] c, int cOff, int ldc, boolean accumulate) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.kc = kc;
            this.panels = panels;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.pb = pb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.accumulate = accumulate;
            // Row blocks: about MC rows each, their count rounded up to an even number so two
            // threads get equal shares; rows are dealt out in units of the panel heights, so
            // block sizes differ by at most one unit.
            this.align = lcm(mr, mrRows);
            int units = ceilDiv(m, align);
            int blocks = ceilDiv(m, transA ? MC_MAX_TRANS : (long) k * n >= LARGE_B ? MC_MAX_LARGE_B : MC_MAX);
            if (blocks > 1) {
                blocks = ceilDiv(blocks, 2) * 2;
            }
            this.rowStart = rowBlocks(units, Math.min(units, blocks));
            this.mBlocks = rowStart.length - 1;
            int groups = mBlocks >= MIN_TILES ? 1 : Math.min(panels, ceilDiv(MIN_TILES, mBlocks));
            this.groupPanels = ceilDiv(panels, groups);
            this.nGroups = ceilDiv(panels, groupPanels);
            this.tiles = mBlocks * nGroups;
            this.direct = groupPanels * nr <= directMaxCols;
            this.bInPlace = !transB && n == nr && ldb == nr;
            this.packed = new AtomicIntegerArray(kBlocks * panels);
        }

        /**
         * Makes panel {@code jp} of k block {@code kb} (rows {@code [p0, p0+kcb)}) ready if it
         * can without waiting: true when it was ready or this thread claimed and packed it,
         * false when another thread is packing it.
         */
        boolean tryPack(int kb, int p0, int kcb, int jp) {
            return packRun(kb, p0, kcb, jp, jp + 1) > jp || isReady(kb, jp);
        }

        /** True when panel {@code jp} of k block {@code kb} can be read. */
        boolean isReady(int kb, int jp) {
            return bInPlace || packed.get(kb * panels + jp) == READY;
        }

        /**
         * Claims panels {@code jp, jp+1, ...} of k block {@code kb}, up to {@code limit}, while no
         * other thread has claimed them, and packs the claimed run in one sweep over B's rows;
         * returns the end of the run ({@code jp} when panel jp was already claimed or ready).
         */
        int packRun(int kb, int p0, int kcb, int jp, int limit) {
            if (bInPlace) {
                return jp;
            }
            int base = kb * panels;
            int end = jp;
            while (end < limit && packed.get(base + end) == UNPACKED
                    && packed.compareAndSet(base + end, UNPACKED, PACKING)) {
                end++;
            }
            if (end == jp) {
                return jp;
            }
            try {
                int j0 = jp * nr;
                int full = transB ? 0 : Math.min(end, n / nr) - jp;
                int dst = p0 * panels * nr + jp * kcb * nr;
                if (full > 0) {
                    copyRows(kcb, full, b, bOff + p0 * ldb + j0, ldb, pb, dst, kcb * nr);
                }
                for (int q = jp + Math.max(full, 0); q < end; q++) {
                    int jq = q * nr;
                    packB(transB, b, bOff, ldb, p0, kcb, jq, Math.min(nr, n - jq), pb, p0 * panels * nr + q * kcb * nr);
                }
            } catch (RuntimeException | Error e) {
                for (int q = jp; q < end; q++) {
                    packed.set(base + q, FAILED);
                }
                throw e;
            }
            for (int q = jp; q < end; q++) {
                packed.set(base + q, READY);
            }
            return end;
        }

        /** Waits until another thread has packed panel {@code jp} of k block {@code kb}. */
        void awaitPacked(int kb, int jp) {
            int state;
            while ((state = packed.get(kb * panels + jp)) != READY) {
                if (state == FAILED) {
                    throw new IllegalStateException("gemm: packing a panel of B failed in another thread");
                }
                Thread.onSpinWait();
            }
        }

        /** Computes tile {@code t}: row block {@code t / nGroups}, column group {@code t % nGroups}. */
        void run(int t) {
            int ib = t / nGroups;
            int jg = t % nGroups;
            int i0 = rowStart[ib] * align;
            int rows = Math.min(m, rowStart[ib + 1] * align) - i0;
            // Panel height: the row kernel's when reading a row-major A in place, else mr.
            int ph = direct && !transA ? mrRows : mr;
            int mPanels = ceilDiv(rows, ph);
            int edge = rows % ph;
            int jp0 = jg * groupPanels;
            int jp1 = Math.min(panels, jp0 + groupPanels);
            Workspace ws = WORKSPACE.get();
            float[] pa = ws.packA((direct ? 1 : mPanels) * mr * kc);
            float[] tile = ws.tile(mr * nr);
            int[] later = ws.later(0);
            int nPad = panels * nr;
            for (int p0 = 0, kb = 0; p0 < k; p0 += kc, kb++) {
                int kcb = Math.min(kc, k - p0);
                if (!direct) {
                    packA(transA, a, aOff, lda, i0, rows, p0, kcb, pa);
                } else if (edge != 0) {
                    packA(transA, a, aOff, lda, i0 + rows - edge, edge, p0, kcb, pa);
                }
                boolean add = accumulate || p0 > 0;
                if (direct) {
                    // Columns outer, rows inner: one B panel stays in L1 while the rows of A
                    // pass. A panel that another thread is still packing is left for a second pass.
                    int deferred = 0;
                    for (int jp = jp0; jp < jp1; jp++) {
                        if (tryPack(kb, p0, kcb, jp)) {
                            for (int ip = 0; ip < mPanels; ip++) {
                                subTile(ip, jp, ph, i0, rows, p0, kcb, nPad, pa, tile, add);
                            }
                        } else {
                            later = ws.later(deferred + 1);
                            later[deferred++] = jp;
                        }
                    }
                    for (int d = 0; d < deferred; d++) {
                        int jp = later[d];
                        awaitPacked(kb, jp);
                        for (int ip = 0; ip < mPanels; ip++) {
                            subTile(ip, jp, ph, i0, rows, p0, kcb, nPad, pa, tile, add);
                        }
                    }
                    continue;
                }
                // Rows outer, columns inner, over chunks of B panels that fit in L2 together:
                // one packed A panel stays in L1 while the chunk's B panels stream from L2, and
                // C is walked along its rows, which the hardware prefetcher follows. The first
                // row panel packs the chunk's B panels, all that no other thread has claimed in
                // one run (or leaves one another thread is still packing to the end of its
                // pass); the later ones find them all ready.
                int chunk = Math.max(1, B_CHUNK_FLOATS / (kcb * nr));
                for (int jc = jp0; jc < jp1; jc += chunk) {
                    int jc1 = Math.min(jp1, jc + chunk);
                    int deferred = 0;
                    for (int jp = jc; jp < jc1; ) {
                        int end = packRun(kb, p0, kcb, jp, transB ? jp + 1 : jc1);
                        if (end > jp) {
                            for (; jp < end; jp++) {
                                subTile(0, jp, ph, i0, rows, p0, kcb, nPad, pa, tile, add);
                            }
                        } else if (isReady(kb, jp)) {
                            subTile(0, jp++, ph, i0, rows, p0, kcb, nPad, pa, tile, add);
                        } else {
                            later = ws.later(deferred + 1);
                            later[deferred++] = jp++;
                        }
                    }
                    for (int d = 0; d < deferred; d++) {
                        awaitPacked(kb, later[d]);
                        subTile(0, later[d], ph, i0, rows, p0, kcb, nPad, pa, tile, add);
                    }
                    for (int ip = 1; ip < mPanels; ip++) {
                        for (int jp = jc; jp < jc1; jp++) {
                            subTile(ip, jp, ph, i0, rows, p0, kcb, nPad, pa, tile, add);
                        }
                    }
                }
            }
        }

        /** One {@code ph x nr} sub-tile of C: row panel {@code ip}, column panel {@code jp}, one k block. */
        private void subTile(int ip, int jp, int ph, int i0, int rows, int p0, int kcb, int nPad,
                             float[] pa, float[] tile, boolean add) {
            int j0 = jp * nr;
            int w = Math.min(nr, n - j0);
            float[] bp = bInPlace ? b : pb;
            int bo = bInPlace ? bOff + p0 * nr : p0 * nPad + jp * kcb * nr;
            int r0 = ip * ph;
            int h = Math.min(ph, rows - r0);
            int co = cOff + (i0 + r0) * ldc + j0;
            boolean full = h == ph && w == nr;
            float[] cc = full ? c : tile;
            int cco = full ? co : 0;
            int ccl = full ? ldc : nr;
            boolean cadd = full && add;
            if (!direct) {
                kernel(kcb, pa, ip * kcb * mr, bp, bo, cc, cco, ccl, cadd);
            } else if (h < ph) {
                kernel(kcb, pa, 0, bp, bo, cc, cco, ccl, cadd);
            } else if (transA) {
                kernelCols(kcb, a, aOff + p0 * lda + i0 + r0, lda, bp, bo, cc, cco, ccl, cadd);
            } else {
                kernelRows(kcb, a, aOff + (i0 + r0) * lda + p0, lda, bp, bo, cc, cco, ccl, cadd);
            }
            if (!full) {
                mergeTile(tile, h, w, c, co, ldc, add);
            }
        }
    }

    /** Copies (or adds, with {@code add}) the top-left {@code h x w} of the scratch tile into C. */
    private void mergeTile(float[] tile, int h, int w, float[] c, int co, int ldc, boolean add) {
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

    /**
     * Packs rows {@code [i0, i0+rows)} and columns {@code [p0, p0+kcb)} of op(A) into
     * {@code ceil(rows/mr)} panels of {@code kcb x mr} at the start of {@code pa}, zero-padding
     * the last panel's rows.
     */
    private void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int p0, int kcb,
                       float[] pa) {
        int mr = this.mr;
        if (transA) {
            // A is stored [k, m]: row p0+p of A holds column p of every panel, one contiguous
            // run per panel; read each row of A once, left to right.
            for (int p = 0; p < kcb; p++) {
                int s = aOff + (p0 + p) * lda + i0;
                for (int r0 = 0; r0 < rows; r0 += mr) {
                    int h = Math.min(mr, rows - r0);
                    int t = r0 * kcb + p * mr;
                    int sr = s + r0;
                    for (int i = 0; i < h; i++) {
                        pa[t + i] = a[sr + i];
                    }
                    for (int i = h; i < mr; i++) {
                        pa[t + i] = 0f;
                    }
                }
            }
            return;
        }
        // A is stored [m, k]: row i of a panel is a contiguous run of a row of A. Full panels go
        // through packRows in one call; a last partial panel is packed here, zero-padded.
        int full = rows / mr;
        packRows(full, kcb, a, aOff + i0 * lda + p0, lda, pa, 0);
        int r0 = full * mr;
        int h = rows - r0;
        if (h == 0) {
            return;
        }
        int d = r0 * kcb;
        for (int i = 0; i < h; i++) {
            int s = aOff + (i0 + r0 + i) * lda + p0;
            int t = d + i;
            for (int p = 0; p < kcb; p++) {
                pa[t + p * mr] = a[s + p];
            }
        }
        for (int i = h; i < mr; i++) {
            int t = d + i;
            for (int p = 0; p < kcb; p++) {
                pa[t + p * mr] = 0f;
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0+kcb)} and columns {@code [j, j+w)} of op(B) as one
     * {@code kcb x nr} panel at {@code dst}, zero-padding columns past {@code w}.
     */
    private void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kcb, int j, int w,
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
        } else if (w == nr) {
            copyRows(kcb, 1, b, bOff + p0 * ldb + j, ldb, pb, dst, kcb * nr);
        } else {
            int src = bOff + p0 * ldb + j;
            for (int p = 0; p < kcb; p++) {
                System.arraycopy(b, src + p * ldb, pb, dst + p * nr, w);
            }
        }
        if (w < nr) {
            for (int p = 0; p < kcb; p++) {
                Arrays.fill(pb, dst + p * nr + w, dst + (p + 1) * nr, 0f);
            }
        }
    }

    /**
     * The k block of a product with {@code n} columns and {@code k} terms: k cut into
     * {@code ceil(k / max)} equal blocks, max being {@link #KC_MAX_PACKED} for a product wider
     * than {@link #directMaxCols} and {@link #KC_MAX} otherwise.
     */
    int kBlock(int n, int k) {
        int max = n > directMaxCols ? KC_MAX_PACKED : KC_MAX;
        return ceilDiv(k, ceilDiv(k, max));
    }

    /**
     * The row blocks of a slice, as their first units and the end after the last: {@code even}
     * blocks of equal size (within one unit), then, when there are at least four, the last
     * {@link #TAIL_BLOCKS} cut in half and the last two of those in half again, so the tiles
     * the threads take last are short and neither waits long for the other.
     */
    static int[] rowBlocks(int units, int even) {
        int[] starts = new int[even + 1];
        for (int ib = 1; ib <= even; ib++) {
            starts[ib] = (int) ((long) ib * units / even);
        }
        if (even >= 4) {
            starts = halveLast(starts, TAIL_BLOCKS);
            starts = halveLast(starts, 2);
        }
        return starts;
    }

    /** Cuts the last {@code count} blocks in half, if each has two units or more. */
    private static int[] halveLast(int[] starts, int count) {
        int blocks = starts.length - 1;
        int from = Math.max(0, blocks - count);
        for (int ib = from; ib < blocks; ib++) {
            if (starts[ib + 1] - starts[ib] < 2) {
                return starts;
            }
        }
        int[] out = new int[starts.length + blocks - from];
        System.arraycopy(starts, 0, out, 0, from + 1);
        for (int ib = from, j = from; ib < blocks; ib++, j += 2) {
            out[j + 1] = starts[ib] + (starts[ib + 1] - starts[ib]) / 2;
            out[j + 2] = starts[ib + 1];
        }
        return out;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
