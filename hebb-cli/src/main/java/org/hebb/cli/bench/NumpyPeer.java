package org.hebb.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * NumPy as the peer of {@code hebb bench gemm}: runs {@code scripts/bench_gemm_numpy.py} with a
 * Python that has NumPy, one child process per thread count, and reads its GFLOP/s.
 *
 * <p>The child's environment fixes the BLAS thread count ({@code OPENBLAS_NUM_THREADS},
 * {@code OMP_NUM_THREADS}, {@code MKL_NUM_THREADS}) and drops {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE}, which may be set on a machine to pin a slower kernel; hebb's own
 * environment is not touched.
 */
final class NumpyPeer {
    private final String python;
    private final Path script;
    private String description = "numpy";

    /** A peer running {@code script} with {@code python}, unchecked; see {@link #find}. */
    NumpyPeer(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * The peer, when {@code script} exists and {@code python} runs and imports numpy; empty
     * otherwise (no Python, no NumPy, or no script is not an error).
     */
    static Optional<NumpyPeer> find(String python, Path script) {
        if (script == null || !Files.isRegularFile(script)) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(python, "-c", "import numpy")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new NumpyPeer(python, script)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** What the last run reported about itself, e.g. {@code "numpy 2.4.6, scipy-openblas 0.3.31"}. */
    String description() {
        return description;
    }

    /**
     * GFLOP/s of each shape with {@code threads} BLAS threads, keyed by {@link GemmShape#spec()};
     * shapes the child did not report are missing.
     *
     * @throws IOException when the child cannot be started or fails; its output is in the message
     */
    Map<String, Double> run(List<GemmShape> shapes, int threads, int reps) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--threads", String.valueOf(threads),
                "--reps", String.valueOf(reps), "--shapes"));
        cmd.add(String.join(",", shapes.stream().map(GemmShape::spec).toList()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("OPENBLAS_CORETYPE");
        env.remove("OPENBLAS_L2_SIZE");
        for (String var : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
            env.put(var, String.valueOf(threads));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while waiting for " + script, e);
        }
        if (status != 0) {
            throw new IOException(script.getFileName() + " exited with status " + status + ": " + out.strip());
        }
        return parse(out);
    }

    /** Reads the child's lines: {@code # description} then {@code MxNxK:OP GFLOPS}. */
    Map<String, Double> parse(String out) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                description = l.substring(1).strip().replaceFirst(",\\s*threads=\\d+$", "");
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length == 2) {
                try {
                    result.put(GemmShape.parse(parts[0]).spec(), Double.parseDouble(parts[1]));
                } catch (IllegalArgumentException e) {
                    // not a result line (a warning from the child): skip it
                }
            }
        }
        return result;
    }
}
