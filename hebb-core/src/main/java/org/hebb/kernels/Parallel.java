package org.hebb.kernels;

/**
 * The one shared thread pool of hebb, and the rule that keeps results bit-identical whatever
 * the thread count.
 *
 * <p>Work is described as {@code nChunks} independent chunks numbered {@code 0 .. nChunks-1}.
 * How the work is cut into chunks is decided by the caller from the problem size alone (never
 * from the thread count), and threads only decide <em>who</em> runs a chunk, not <em>what</em>
 * a chunk computes. A reduction therefore writes one partial result per chunk and the caller
 * combines the partials in chunk order: the same floats are added in the same order with 1 or
 * 16 threads.
 *
 * <p>The pool size is read once from the environment variable {@code HEBB_THREADS} (or the
 * system property {@code hebb.threads}); the default is all available cores. Tests may change
 * it with {@link #setThreads(int)}. A call from inside a chunk (nested parallelism) runs its
 * chunks on the calling thread, so the pool can never deadlock on itself. The workers
 * ({@link SpinPool}) spin for a moment between jobs instead of parking at once, so back-to-back
 * calls (the layers of a training step) do not each pay a thread wake-up; while one thread's
 * call holds the workers, a call from another thread runs on that thread alone.
 */
public final class Parallel {

    /** Runs one chunk of work. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk);
    }

    /** Runs the half-open index range {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    private static final ThreadLocal<Boolean> IN_CHUNK = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile int threads = initialThreads();
    /**
     * How long an idle worker (and a caller waiting for the workers) spins before it parks or
     * yields: long enough to span the gap between one layer's parallel loop and the next.
     */
    private static final long SPIN_NANOS = 200_000;
    private static volatile SpinPool pool;

    private Parallel() {}

    /** The number of threads (including the caller) that parallel work is spread over. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the thread count; results do not change, only speed. Meant for tests and benchmarks.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        threads = n;
    }

    /** Number of chunks of size {@code chunkSize} needed to cover {@code n} items. */
    public static int chunkCount(int n, int chunkSize) {
        return n == 0 ? 0 : (n + chunkSize - 1) / chunkSize;
    }

    /**
     * Runs {@code body} on the fixed chunks {@code [c*chunkSize, min(n, (c+1)*chunkSize))}.
     * The cut depends only on {@code n} and {@code chunkSize}.
     */
    public static void forRange(int n, int chunkSize, RangeBody body) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
        }
        int chunks = chunkCount(n, chunkSize);
        forChunks(chunks, c -> {
            int start = c * chunkSize;
            body.run(start, Math.min(n, start + chunkSize));
        });
    }

    /** Runs chunks {@code 0 .. nChunks-1}, spread over the pool; returns when all are done. */
    public static void forChunks(int nChunks, ChunkBody body) {
        int t = threads;
        if (nChunks <= 0) {
            return;
        }
        if (nChunks == 1 || t == 1 || IN_CHUNK.get()) {
            runInline(nChunks, body);
            return;
        }
        SpinPool p = pool;
        if (p == null || p.size() != t - 1) {
            p = pool(t);
        }
        boolean ran;
        IN_CHUNK.set(Boolean.TRUE);
        try {
            ran = p.tryRun(nChunks, body);
        } finally {
            IN_CHUNK.set(Boolean.FALSE);
        }
        if (!ran) {
            // Another thread's job holds the pool: run this one here (same results).
            runInline(nChunks, body);
        }
    }

    /** Marks the calling thread as a pool worker: calls it makes run inline. */
    static void markWorker() {
        IN_CHUNK.set(Boolean.TRUE);
    }

    private static void runInline(int nChunks, ChunkBody body) {
        boolean outer = IN_CHUNK.get();
        IN_CHUNK.set(Boolean.TRUE);
        try {
            for (int c = 0; c < nChunks; c++) {
                body.run(c);
            }
        } finally {
            IN_CHUNK.set(outer);
        }
    }

    private static synchronized SpinPool pool(int t) {
        // The pool keeps t-1 daemon workers; the caller is the t-th thread.
        if (pool == null || pool.size() != t - 1) {
            if (pool != null) {
                pool.stop();
            }
            pool = new SpinPool(t - 1, SPIN_NANOS);
        }
        return pool;
    }

    private static int initialThreads() {
        String v = System.getenv("HEBB_THREADS");
        String p = System.getProperty("hebb.threads");
        if (p != null && !p.isBlank()) {
            v = p;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (v == null || v.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HEBB_THREADS must be a whole number >= 1, got '" + v + "'");
        }
    }
}
