package org.hebb.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads behind {@link Parallel}: {@code size} daemon threads that run the chunks of
 * one job at a time together with the calling thread.
 *
 * <p>A worker that has finished a job keeps looking for the next one for {@code spinNanos}
 * (spinning with {@link Thread#onSpinWait}) before it parks. Waking a parked thread costs about
 * 40 µs here (median; 65-95 µs at the 90th percentile), which a 1 ms GEMM or a layer's
 * elementwise pass would otherwise pay at every call; back-to-back jobs find the worker still
 * spinning. The caller likewise spins while it waits for the workers' last chunks, then yields.
 *
 * <p>One job at a time: a second thread that calls while a job runs gets {@code false} from
 * {@link #tryRun} and runs its chunks itself (the results do not depend on who runs a chunk).
 */
final class SpinPool {
    /** One call's work: chunks handed out in order, and the threads still working on them. */
    private static final class Job {
        final long id;
        final int nChunks;
        final Parallel.ChunkBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger active = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(long id, int nChunks, Parallel.ChunkBody body) {
            this.id = id;
            this.nChunks = nChunks;
            this.body = body;
        }

        /** Runs chunks until none is left or one has failed. */
        void work() {
            active.incrementAndGet();
            try {
                int c;
                while (failure.get() == null && (c = next.getAndIncrement()) < nChunks) {
                    try {
                        body.run(c);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            } finally {
                active.decrementAndGet();
            }
        }

        /**
         * True when no thread is inside {@link #work}. Called once the caller's own
         * {@code work()} has returned: every chunk is then handed out (or one has failed), so a
         * worker that arrives later finds nothing to do.
         */
        boolean finished() {
            return active.get() == 0;
        }
    }

    private final Worker[] workers;
    private final long spinNanos;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Job job;
    /** Jobs started so far (written only by the thread holding {@link #running}). */
    private long jobs;
    private volatile boolean stopped;

    /** Starts {@code size} workers named {@code hebb-worker-N}. */
    SpinPool(int size, long spinNanos) {
        this.spinNanos = spinNanos;
        this.workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker("hebb-worker-" + (i + 1));
            workers[i].start();
        }
    }

    /** Number of worker threads (the caller is one more). */
    int size() {
        return workers.length;
    }

    /**
     * Runs chunks {@code 0 .. nChunks-1} of {@code body} on the calling thread and the workers,
     * and returns when all are done; a chunk's exception is thrown here after the others have
     * stopped. Returns false, having run nothing, when another thread's job is running.
     */
    boolean tryRun(int nChunks, Parallel.ChunkBody body) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        Job j = new Job(++jobs, nChunks, body);
        try {
            job = j;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            j.work();
            long start = System.nanoTime();
            while (!j.finished()) {
                if (System.nanoTime() - start < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        } finally {
            job = null;
            running.set(false);
        }
        Throwable e = j.failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    /** Lets the workers end once they are idle; a job already running completes. */
    void stop() {
        stopped = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            Parallel.markWorker();
            // The last job's number, not the job: holding it would keep its arrays alive.
            long last = 0;
            long idleSince = System.nanoTime();
            while (!stopped) {
                Job j = job;
                if (j != null && j.id != last) {
                    last = j.id;
                    j.work();
                    j = null;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    // Announce the park, then look once more: a caller that published a job
                    // before seeing the flag is seen here; one that published after unparks us.
                    parked = true;
                    j = job;
                    if (j == null || j.id == last) {
                        j = null;
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
