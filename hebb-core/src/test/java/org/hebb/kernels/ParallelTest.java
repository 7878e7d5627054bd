package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared pool: every chunk exactly once, failures propagate, nested calls run inline, parked
 * workers wake, concurrent callers and a changed thread count are safe.
 */
class ParallelTest {
    private int saved;

    @BeforeEach
    void twoThreads() {
        saved = Parallel.threads();
        Parallel.setThreads(2);
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void everyChunkRunsExactlyOnce() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            for (int chunks : new int[] {0, 1, 2, 7, 1000}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                Parallel.forChunks(chunks, runs::incrementAndGet);
                for (int c = 0; c < chunks; c++) {
                    assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void workIsSharedByTwoThreads() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        // The chunks wait (10 s in all at most) until a second thread has shown up.
        long end = System.nanoTime() + 10_000_000_000L;
        Parallel.forChunks(64, c -> {
            seen.add(Thread.currentThread());
            while (seen.size() < 2 && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        assertEquals(2, seen.size(), "threads that ran chunks: " + seen);
    }

    @Test
    void forRangeCutsFixedChunksCoveringTheRange() {
        AtomicIntegerArray covered = new AtomicIntegerArray(103);
        AtomicIntegerArray starts = new AtomicIntegerArray(103);
        Parallel.forRange(103, 10, (s, e) -> {
            starts.incrementAndGet(s);
            assertEquals(Math.min(103, s + 10), e);
            for (int i = s; i < e; i++) {
                covered.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 103; i++) {
            assertEquals(1, covered.get(i), "index " + i);
            assertEquals(i % 10 == 0 ? 1 : 0, starts.get(i), "start " + i);
        }
        assertEquals(11, Parallel.chunkCount(103, 10));
        assertEquals(0, Parallel.chunkCount(0, 10));
    }

    @Test
    void anExceptionInAChunkPropagatesToTheCaller() {
        IllegalStateException boom = new IllegalStateException("chunk 37 failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forChunks(100, c -> {
            if (c == 37) {
                throw boom;
            }
        }));
        assertSame(boom, e);
        AssertionError err = assertThrows(AssertionError.class, () -> Parallel.forChunks(5, c -> {
            throw new AssertionError("error in chunk " + c);
        }));
        assertTrue(err.getMessage().startsWith("error in chunk"), err.getMessage());
        // The pool still works afterwards.
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        Parallel.forChunks(10, runs::incrementAndGet);
        for (int c = 0; c < 10; c++) {
            assertEquals(1, runs.get(c));
        }
    }

    @Test
    void aNestedCallRunsInlineOnTheChunksThread() {
        AtomicIntegerArray inner = new AtomicIntegerArray(8 * 5);
        AtomicIntegerArray sameThread = new AtomicIntegerArray(8 * 5);
        Parallel.forChunks(8, outer -> {
            Thread t = Thread.currentThread();
            Parallel.forChunks(5, c -> {
                inner.incrementAndGet(outer * 5 + c);
                if (Thread.currentThread() == t) {
                    sameThread.incrementAndGet(outer * 5 + c);
                }
            });
        });
        for (int i = 0; i < 40; i++) {
            assertEquals(1, inner.get(i), "inner chunk " + i);
            assertEquals(1, sameThread.get(i), "inner chunk " + i + " ran on its outer chunk's thread");
        }
    }

    @Test
    void noChunkRunsOnceTheCallHasReturnedOrThrown() {
        for (int rep = 0; rep < 200; rep++) {
            java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
            boolean fail = rep % 2 == 0;
            try {
                Parallel.forChunks(32, c -> {
                    running.incrementAndGet();
                    started.incrementAndGet();
                    try {
                        if (fail && c == 3) {
                            throw new IllegalStateException("chunk 3");
                        }
                        long end = System.nanoTime() + 20_000;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (IllegalStateException e) {
                assertTrue(fail, "only the failing runs throw");
            }
            assertEquals(0, running.get(), "chunks still running after the call");
            int seen = started.get();
            long end = System.nanoTime() + 100_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertEquals(seen, started.get(), "a chunk started after the call");
            if (!fail) {
                assertEquals(32, seen);
            }
        }
    }

    @Test
    void aFinishedCallIsNotKeptAliveByThePool() throws InterruptedException {
        java.lang.ref.WeakReference<float[]> ref = fillInParallel();
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(ref.get() == null, "the last call's array is still reachable");
    }

    private static java.lang.ref.WeakReference<float[]> fillInParallel() {
        float[] big = new float[1 << 20];
        Parallel.forChunks(64, c -> big[c] = c);
        return new java.lang.ref.WeakReference<>(big);
    }

    @Test
    void parkedWorkersAreWokenForTheNextCall() throws InterruptedException {
        Parallel.forChunks(4, c -> { });
        Thread.sleep(20); // far longer than the workers spin: they park
        assertEquals(2, threadsThatRan(64), "a parked worker took part");
        // Back to back, the worker is still spinning.
        assertEquals(2, threadsThatRan(64));
    }

    @Test
    void callersInSeveralThreadsAtOnceEachGetEveryChunkOnce() throws Exception {
        int callers = 4;
        int calls = 200;
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                done.add(ex.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        int chunks = 1 + i % 13;
                        AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                        Parallel.forChunks(chunks, runs::incrementAndGet);
                        for (int c = 0; c < chunks; c++) {
                            assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void changingTheThreadCountReplacesTheWorkers() throws InterruptedException {
        Parallel.setThreads(3);
        assertEquals(3, threadsThatRan(300));
        Parallel.setThreads(2);
        assertEquals(2, threadsThatRan(64));
        // The two workers of the 3-thread pool end; one worker of the 2-thread pool remains.
        long end = System.nanoTime() + 10_000_000_000L;
        while (liveWorkers() != 1 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(1, liveWorkers(), "live hebb-worker threads");
    }

    /** Runs chunks that wait (10 s in all at most) until every pool thread has shown up; returns how many did. */
    private static int threadsThatRan(int chunks) {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        int want = Parallel.threads();
        long end = System.nanoTime() + 10_000_000_000L;
        Parallel.forChunks(chunks, c -> {
            seen.add(Thread.currentThread());
            while (seen.size() < want && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        return seen.size();
    }

    private static long liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("hebb-worker-")).count();
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(10, 0, (s, e) -> { }));
    }
}
