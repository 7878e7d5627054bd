package org.hebb.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.hebb.data.FashionMnist;
import org.hebb.kernels.Parallel;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.Sequential;
import org.hebb.zoo.Zoo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hebb bench train}: training throughput of a zoo model on Fashion-MNIST, in images per
 * second, optionally beside PyTorch running the same model, optimizer (Adam, lr 1e-3), batch
 * size and images in the same run:
 * <pre>train model=seed-cnn batch=128 threads=2 hebb=2450.3 img/s pytorch=2103.9 img/s ratio=1.16</pre>
 * Both first warm up on the first 20 batches, over and over until {@code --warmup} seconds have
 * passed (at least once): hebb's kernels must be compiled by the JIT before they are fast, and
 * an MLP pass over 60,000 images lasts under two seconds, less than the JIT takes to compile
 * every kernel variant on a busy 2-core machine. Then each times {@code --epochs} passes over
 * {@code --samples} images.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training speed (images/s) of a zoo model on Fashion-MNIST, optionally beside PyTorch.")
public final class BenchTrain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "seed-cnn", description = "Zoo model: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "1", description = "Timed passes over the samples (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Least warm-up time in seconds, for hebb and the peer alike (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--samples", defaultValue = "60000",
            description = "Training images per pass, the first N of the training set (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--threads", description = "Threads for hebb and the peer (default: HEBB_THREADS or all cores).")
    Integer threads;

    @Option(names = "--vs-pytorch", description = "Also run scripts/bench_train_pytorch.py with /usr/bin/python3.")
    boolean vsPytorch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--data", description = "Directory holding the Fashion-MNIST IDX files.")
    Path data;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (batch < 1 || epochs < 1 || samples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch, --epochs and --samples must be >= 1");
        }
        if (!(warmup >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0, got " + warmup);
        }
        int t = threads == null ? Parallel.threads() : threads;
        Parallel.setThreads(t);
        FashionMnist.Split train = FashionMnist.train(data);
        int n = Math.min(samples, train.size());
        Tensor x = Tensor.of(Arrays.copyOf(train.x().data(), n * 784), n, 28, 28, 1);
        Tensor y = Tensor.of(Arrays.copyOf(train.y().data(), n), n);
        Rng.seed(0);
        Sequential m = Zoo.get(model, 28, 28, 1);
        m.compile("adam", "sparse_categorical_crossentropy");
        int warm = Math.min(n, batch * 20);
        Tensor wx = Tensor.of(Arrays.copyOf(x.data(), warm * 784), warm, 28, 28, 1);
        Tensor wy = Tensor.of(Arrays.copyOf(y.data(), warm), warm);
        long w0 = System.nanoTime();
        do {
            m.fit(wx, wy, Fit.epochs(1).batchSize(batch).verbose(0).seed(1));
        } while (System.nanoTime() - w0 < warmup * 1e9);
        long t0 = System.nanoTime();
        m.fit(x, y, Fit.epochs(epochs).batchSize(batch).verbose(0).seed(2));
        double hebb = (double) n * epochs / ((System.nanoTime() - t0) / 1e9);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "train model=%s batch=%d threads=%d hebb=%.1f img/s",
                model, batch, t, hebb));
        if (vsPytorch) {
            Double peer = pytorch(n, t, out);
            if (peer != null) {
                line.append(String.format(Locale.ROOT, " pytorch=%.1f img/s ratio=%.2f", peer, hebb / peer));
            }
        }
        out.println(line);
        out.flush();
        return 0;
    }

    private Double pytorch(int n, int t, PrintWriter out) {
        Path script = Scripts.find("bench_train_pytorch.py");
        if (script == null) {
            out.println("pytorch: scripts/bench_train_pytorch.py not found; hebb only");
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--model", model, "--batch",
                String.valueOf(batch), "--samples", String.valueOf(n), "--threads", String.valueOf(t),
                "--reps", String.valueOf(epochs), "--warmup", String.valueOf(warmup)));
        if (data != null) {
            cmd.addAll(List.of("--data", data.toString()));
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                out.println("pytorch: failed (" + python + " with torch needed: apt-get install python3-torch"
                        + " libopenblas0-pthread): " + text.strip().lines().reduce((a, b) -> b).orElse(""));
                return null;
            }
            for (String l : text.split("\n")) {
                if (l.startsWith("pytorch img/s=")) {
                    return Double.parseDouble(l.substring("pytorch img/s=".length()).split(" ")[0]);
                }
            }
            out.println("pytorch: no figure in its output: " + text.strip());
        } catch (IOException e) {
            out.println("pytorch: cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The zoo's model names, for help and completion. */
    static final class ModelNames extends ArrayList<String> {
        ModelNames() {
            super(Zoo.names());
        }
    }
}
