package org.hebb.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hebb.kernels.Gemm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hebb bench gemm}: GFLOP/s of hebb's float32 GEMM on square sizes and a few shapes from
 * CNN training, for each thread count, beside NumPy's (its BLAS) when a {@code python3} with
 * NumPy is on the PATH. One line per shape and thread count:
 * <pre>gemm n=1024 threads=2 hebb=123.4 GFLOP/s numpy=110.2 GFLOP/s ratio=1.12</pre>
 * Each figure is the median of {@code --reps} timed repetitions after a warm-up; hebb and NumPy
 * take turns {@code --rounds} times, and the line gives the medians over the rounds (the ratio:
 * the median of the rounds' ratios).
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"GFLOP/s of hebb's GEMM (C = op(A) op(B), float32), side by side with NumPy when installed.",
            "Each figure is the median of --reps repetitions of at least --min-time seconds, after a warm-up."})
public final class BenchGemm implements Callable<Integer> {
    /** The extra shapes measured by default: a conv layer forward and backward, and a small dense one. */
    static final String DEFAULT_SHAPES = "128x64x576:NN,21632x64x288:NN,288x64x21632:TN,21632x288x64:NT";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "256,512,1024,2048",
            description = "Square sizes n (C[n, n] = A[n, n] B[n, n]); default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--shapes", split = ",", paramLabel = "MxNxK[:OP]", defaultValue = DEFAULT_SHAPES,
            description = {"Extra shapes, OP = NN, NT, TN or TT (T: that operand stored transposed); "
                    + "'none' for none.", "Default: ${DEFAULT-VALUE} (conv 3x3 32->64 on 13x13, batch 128: "
                    + "forward, weight gradient, input gradient; and a dense layer)."})
    List<String> shapes;

    @Option(names = "--threads", split = ",", paramLabel = "T", defaultValue = "1,2",
            description = "Thread counts; default: ${DEFAULT-VALUE}.")
    List<Integer> threads;

    @Option(names = "--reps", paramLabel = "R", defaultValue = "5",
            description = "Timed repetitions per figure (the median is shown); default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = {"hebb and NumPy are timed in turn N times per figure; hebb= and numpy= are the medians "
                    + "of the rounds, ratio= the median of the rounds' ratios (listed after rounds=); default: "
                    + "${DEFAULT-VALUE}."})
    int rounds;

    @Option(names = "--min-time", paramLabel = "SECONDS", defaultValue = "0.1",
            description = "Least duration of one repetition; default: ${DEFAULT-VALUE}.")
    double minTime;

    @Option(names = "--max-warmup", paramLabel = "SECONDS", defaultValue = "20",
            description = "Longest warm-up per figure; it ends earlier once the JIT is quiet and the speed "
                    + "steady; default: ${DEFAULT-VALUE}.")
    double maxWarmUp;

    @Option(names = "--no-numpy", description = "Do not run NumPy beside hebb.")
    boolean noNumpy;

    @Option(names = "--python", paramLabel = "CMD", defaultValue = "python3",
            description = "Python to run NumPy with; default: ${DEFAULT-VALUE}.")
    String python;

    @Option(names = "--numpy-script", paramLabel = "FILE",
            description = "Path of bench_gemm_numpy.py; default: scripts/ of the hebb checkout.")
    Path numpyScript;

    /** The shapes to time: the squares of {@code --sizes}, then {@code --shapes}. */
    List<GemmShape> shapeList() {
        List<GemmShape> list = new ArrayList<>();
        for (int n : sizes) {
            if (n < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sizes: sizes must be >= 1, got " + n);
            }
            list.add(GemmShape.square(n));
        }
        for (String s : shapes) {
            if (s.isBlank() || s.strip().equalsIgnoreCase("none")) {
                continue;
            }
            try {
                list.add(GemmShape.parse(s));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--shapes: " + e.getMessage());
            }
        }
        return list;
    }

    @Override
    public Integer call() {
        List<GemmShape> list = shapeList();
        for (int t : threads) {
            if (t < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads: counts must be >= 1, got " + t);
            }
        }
        if (reps < 1 || rounds < 1 || !(minTime >= 0) || !(maxWarmUp >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reps and --rounds must be >= 1, --min-time and --max-warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "hebb bench gemm: JDK %s (%s), %d cores, gemm=%s%n", Runtime.version(),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), Gemm.implementation());
        Optional<NumpyPeer> numpy = noNumpy ? Optional.empty() : NumpyPeer.find(python, scriptPath());
        if (!noNumpy && numpy.isEmpty()) {
            out.println("numpy: not found (needs " + python + " with numpy and scripts/bench_gemm_numpy.py); "
                    + "hebb only");
        }
        out.flush();
        GemmTimer.warmUpJit(Math.min(3.0, 30 * minTime));
        boolean described = false;
        for (GemmShape s : list) {
            for (int t : threads) {
                // hebb and NumPy take turns, so that both see the machine in the same state
                // (here its cores' speed flips between two levels every few seconds).
                double[] hebb = new double[rounds];
                double[] np = numpy.isPresent() ? new double[rounds] : null;
                for (int r = 0; r < rounds; r++) {
                    hebb[r] = GemmTimer.measure(s, t, reps, minTime, r == 0 ? maxWarmUp : Math.min(maxWarmUp, 1));
                    if (np == null || numpy.isEmpty()) {
                        continue;
                    }
                    try {
                        Double v = numpy.get().run(List.of(s), t, reps).get(s.spec());
                        if (!described) {
                            out.println("numpy: " + numpy.get().description()
                                    + " (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it)");
                            described = true;
                        }
                        if (v == null) {
                            np = null;
                        } else {
                            np[r] = v;
                        }
                    } catch (IOException e) {
                        out.println("numpy: failed, hebb only from here: " + e.getMessage());
                        numpy = Optional.empty();
                        np = null;
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "gemm %s threads=%d hebb=%.1f GFLOP/s",
                        s.label(), t, median(hebb)));
                if (np != null) {
                    double[] ratios = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        ratios[r] = hebb[r] / np[r];
                    }
                    line.append(String.format(Locale.ROOT, " numpy=%.1f GFLOP/s ratio=%.2f", median(np), median(ratios)));
                    if (rounds > 1) {
                        line.append(" rounds=");
                        for (int r = 0; r < rounds; r++) {
                            line.append(String.format(Locale.ROOT, r == 0 ? "%.2f" : ",%.2f", ratios[r]));
                        }
                    }
                }
                out.println(line);
                out.flush();
            }
        }
        return 0;
    }

    /** The median of v (the mean of the middle two for an even count). */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    /**
     * {@code --numpy-script}, else {@code scripts/bench_gemm_numpy.py} of the checkout this code
     * runs from, else of the working directory.
     */
    private Path scriptPath() {
        if (numpyScript != null) {
            return numpyScript;
        }
        String name = "scripts/bench_gemm_numpy.py";
        try {
            // hebb-cli/target/hebb.jar or hebb-cli/target/classes: the checkout is three levels up.
            Path code = Path.of(BenchGemm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            root = root == null ? null : root.getParent();
            if (root != null && Files.isRegularFile(root.resolve(name))) {
                return root.resolve(name);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of(name);
    }
}
