package org.hebb.cli.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hebb.kernels.Gemm;
import org.hebb.kernels.Parallel;

/**
 * Times hebb's GEMM on one shape: a warm-up, then {@code reps} timed repetitions of enough
 * calls to last {@code minSeconds} each; reports the median in GFLOP/s.
 */
final class GemmTimer {
    private GemmTimer() {}

    /** Runs the GEMM for about {@code seconds} on a mid-sized problem, so C2 compiles the kernels. */
    static void warmUpJit(double seconds) {
        if (seconds <= 0) {
            return;
        }
        GemmShape s = GemmShape.square(384);
        Operands x = new Operands(s);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            x.run();
        } while (System.nanoTime() < end);
    }

    /** Median GFLOP/s of {@code shape} with {@code threads} threads (restored afterwards). */
    static double measure(GemmShape shape, int threads, int reps, double minSeconds) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Operands x = new Operands(shape);
            long t0 = System.nanoTime();
            int calls = 0;
            while (calls < 2 || System.nanoTime() - t0 < 200_000_000L) {
                x.run();
                calls++;
            }
            double perCall = (System.nanoTime() - t0) / 1e9 / calls;
            int inner = (int) Math.max(1, Math.min(1_000_000, minSeconds / perCall));
            double[] gflops = new double[Math.max(1, reps)];
            for (int r = 0; r < gflops.length; r++) {
                long s = System.nanoTime();
                for (int i = 0; i < inner; i++) {
                    x.run();
                }
                gflops[r] = shape.flop() * inner / (System.nanoTime() - s);
            }
            Arrays.sort(gflops);
            return gflops[gflops.length / 2];
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** Random operands of one shape and the call that multiplies them. */
    private static final class Operands {
        final GemmShape s;
        final float[] a;
        final float[] b;
        final float[] c;

        Operands(GemmShape s) {
            this.s = s;
            SplittableRandom r = new SplittableRandom(1);
            a = new float[s.m() * s.k()];
            b = new float[s.k() * s.n()];
            c = new float[s.m() * s.n()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextDouble(-1, 1);
            }
        }

        void run() {
            Gemm.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, 0, b, 0, c, 0, false);
        }
    }
}
