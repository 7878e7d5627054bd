package org.hebb.tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.hebb.kernels.Parallel;

/**
 * A pool of large float arrays, recycled from one training step to the next instead of
 * allocated afresh: the outputs and gradients of ops (6.4 MB each for a 28 x 28 x 16 activation
 * at batch 128). The JVM zeroes every new array on the allocating thread, in memory the cache
 * has not seen; measured here, a fresh 6.4 MB output made a ReLU cost 1.4-2.6 ms instead of
 * 0.35, and a ResNet-20 step allocated about 680 MB. The pool is the caching allocator of
 * PyTorch in small: arrays come back when the autograd engine drops an intermediate gradient
 * ({@link Autograd}) and when a training step drops its graph ({@link Autograd#releaseGraph}).
 *
 * <p>Arrays below {@link #MIN_FLOATS} are left to the JVM. An array taken with {@link #take}
 * holds whatever its last user wrote: only a caller that writes every element may use it; the
 * others use {@link #takeZeroed}. An array given back must not be used again by anyone. The
 * pool keeps at most a quarter of the maximum heap. Set the system property
 * {@code hebb.buffers=off} to allocate every array afresh (the results are the same: tests
 * compare both), and {@code hebb.buffers=poison} to fill each array given back, and each
 * recycled array {@link #take} hands out, with NaN, so that code reading an array after giving
 * it back, or reading an element before writing it, fails loudly.
 */
public final class Buffers {
    /** Arrays shorter than this (128 KB) are not pooled. */
    public static final int MIN_FLOATS = 1 << 15;

    private static final Map<Integer, ArrayDeque<float[]>> FREE = new HashMap<>();
    private static final Map<float[], Boolean> POOLED = new IdentityHashMap<>();
    /** Requests per size since the last {@link #trim}. */
    private static final Map<Integer, int[]> REQUESTS = new HashMap<>();
    private static final long CAP_FLOATS = Runtime.getRuntime().maxMemory() / 4 / Float.BYTES;
    private static final int ZERO_CHUNK = 1 << 16;
    private static long pooledFloats;
    private static long misses;
    private static volatile String mode = checked(System.getProperty("hebb.buffers", "on"));

    private Buffers() {}

    /**
     * An array of {@code n} floats with unspecified contents (recycled) or zeros (new): for a
     * caller that writes every element before reading any.
     */
    public static float[] take(int n) {
        float[] a = poll(n);
        if (a == null) {
            return new float[n];
        }
        if ("poison".equals(mode)) {
            Arrays.fill(a, Float.NaN);
        }
        return a;
    }

    /** An array of {@code n} zeros (a recycled one is cleared in parallel chunks). */
    public static float[] takeZeroed(int n) {
        float[] a = poll(n);
        if (a == null) {
            return new float[n];
        }
        Parallel.forRange(n, ZERO_CHUNK, (i0, i1) -> Arrays.fill(a, i0, i1, 0f));
        return a;
    }

    /**
     * Gives {@code a} back for reuse; nothing may read or write it afterwards. Short arrays,
     * arrays already in the pool, and arrays beyond the pool's cap are left to the collector.
     */
    public static synchronized void give(float[] a) {
        if (a == null || a.length < MIN_FLOATS || "off".equals(mode) || pooledFloats + a.length > CAP_FLOATS
                || POOLED.containsKey(a)) {
            return;
        }
        if ("poison".equals(mode)) {
            Arrays.fill(a, Float.NaN); // whoever still reads it after giving it back reads NaN
        }
        POOLED.put(a, Boolean.TRUE);
        FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        pooledFloats += a.length;
    }

    /** Requests for a poolable size (at least {@link #MIN_FLOATS}) the pool could not serve. */
    public static synchronized long misses() {
        return misses;
    }

    /**
     * Keeps, of each size, at most as many arrays as were requested since the last trim, and
     * drops the rest: arrays of a size nobody takes (allocated with {@code new} elsewhere and
     * given back) would otherwise pile up step after step. Called when a training step releases
     * its graph, so the pool holds about one step's worth of arrays.
     */
    public static synchronized void trim() {
        for (Map.Entry<Integer, ArrayDeque<float[]>> e : FREE.entrySet()) {
            int[] r = REQUESTS.get(e.getKey());
            int keep = r == null ? 0 : r[0];
            ArrayDeque<float[]> q = e.getValue();
            while (q.size() > keep) {
                float[] a = q.pollLast();
                POOLED.remove(a);
                pooledFloats -= a.length;
            }
        }
        FREE.values().removeIf(ArrayDeque::isEmpty);
        REQUESTS.clear();
    }

    /** Floats held by the pool now. */
    public static synchronized long pooledFloats() {
        return pooledFloats;
    }

    /** Empties the pool (the arrays go to the collector). */
    public static synchronized void clear() {
        FREE.clear();
        POOLED.clear();
        REQUESTS.clear();
        pooledFloats = 0;
        misses = 0;
    }

    /**
     * Sets the mode for tests and benchmarks: "on" (the default), "off" (no recycling) or
     * "poison" (arrays given back, and recycled arrays from {@link #take}, are filled with NaN);
     * clears the pool.
     */
    public static void setMode(String m) {
        mode = checked(m);
        clear();
    }

    /** {@code m} if it names a mode (also for the system property hebb.buffers). */
    private static String checked(String m) {
        if (!m.equals("on") && !m.equals("off") && !m.equals("poison")) {
            throw new IllegalArgumentException("Buffers mode (system property hebb.buffers) must be on, off or poison,"
                    + " got '" + m + "'");
        }
        return m;
    }

    private static synchronized float[] poll(int n) {
        if (n < MIN_FLOATS || "off".equals(mode)) {
            return null;
        }
        REQUESTS.computeIfAbsent(n, k -> new int[1])[0]++;
        ArrayDeque<float[]> q = FREE.get(n);
        float[] a = q == null ? null : q.poll();
        if (a != null) {
            POOLED.remove(a);
            pooledFloats -= n;
        } else {
            misses++;
        }
        return a;
    }
}
