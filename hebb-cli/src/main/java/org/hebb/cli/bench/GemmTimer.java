package org.hebb.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hebb.kernels.Gemm;
import org.hebb.kernels.Parallel;

/**
 * Times hebb's GEMM on one shape: a warm-up until the speed settles, then {@code reps} timed
 * repetitions of enough calls to last {@code minSeconds} each; reports the median in GFLOP/s.
 */
final class GemmTimer {
    private GemmTimer() {}

    /**
     * Runs GEMMs that take every kernel path (packed, A read in place, transposed operands) for
     * about {@code seconds}, so C2 compiles the kernels before anything is timed: until then the
     * Vector API runs in the interpreter, hundreds of times slower.
     */
    static void warmUpJit(double seconds) {
        if (seconds <= 0) {
            return;
        }
        List<Operands> work = new ArrayList<>();
        for (String s : List.of("384x384x384:NN", "1536x64x384:NN", "384x64x1536:TN", "1536x288x64:NT", "96x96x96:TT")) {
            work.add(new Operands(GemmShape.parse(s)));
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            for (Operands x : work) {
                x.run();
            }
        } while (System.nanoTime() < end);
    }

    /**
     * Median GFLOP/s of {@code shape} with {@code threads} threads (restored afterwards), after a
     * warm-up of at most {@code maxWarmUp} seconds.
     */
    static double measure(GemmShape shape, int threads, int reps, double minSeconds, double maxWarmUp) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Operands x = new Operands(shape);
            int inner = warmUp(x, Math.max(minSeconds, 0.05), maxWarmUp);
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

    /**
     * Runs rounds of at least {@code round} seconds until the JIT has settled: a round during
     * which the JIT compiled nothing, within 10% of the speed of the round before. Gives up
     * after {@code maxSeconds}. Returns how many calls make a round.
     */
    private static int warmUp(Operands x, double round, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        double previous = 0;
        while (true) {
            long compiled = jitTimed ? jit.getTotalCompilationTime() : 0;
            long s = System.nanoTime();
            int calls = 0;
            do {
                x.run();
                calls++;
            } while (System.nanoTime() - s < round * 1e9);
            double seconds = (System.nanoTime() - s) / 1e9;
            double rate = calls / seconds;
            boolean quietJit = !jitTimed || jit.getTotalCompilationTime() == compiled;
            boolean settled = quietJit && previous > 0 && Math.abs(rate - previous) <= 0.1 * previous;
            if (settled || System.nanoTime() - start > maxSeconds * 1e9) {
                return (int) Math.max(1, Math.min(1_000_000, Math.round(round * rate)));
            }
            previous = rate;
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
