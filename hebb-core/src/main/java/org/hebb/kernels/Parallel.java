package org.hebb.kernels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 * chunks on the calling thread, so the pool can never deadlock on itself.
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
    private static volatile ExecutorService pool;

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
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            boolean outer = IN_CHUNK.get();
            IN_CHUNK.set(Boolean.TRUE);
            try {
                int c;
                while (failure.get() == null && (c = next.getAndIncrement()) < nChunks) {
                    body.run(c);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                IN_CHUNK.set(outer);
            }
        };
        int helpers = Math.min(t, nChunks) - 1;
        ExecutorService p = pool(t);
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[helpers];
        for (int i = 0; i < helpers; i++) {
            futures[i] = p.submit(worker);
        }
        worker.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for parallel work", e);
            } catch (java.util.concurrent.ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
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

    private static synchronized ExecutorService pool(int t) {
        // The pool keeps t-1 daemon workers; the caller is the t-th thread.
        if (pool == null || poolSize < t - 1) {
            ExecutorService old = pool;
            AtomicInteger id = new AtomicInteger();
            pool = Executors.newFixedThreadPool(Math.max(1, t - 1), r -> {
                Thread th = new Thread(r, "hebb-worker-" + id.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
            poolSize = Math.max(1, t - 1);
            if (old != null) {
                old.shutdown();
            }
        }
        return pool;
    }

    private static int poolSize;

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
