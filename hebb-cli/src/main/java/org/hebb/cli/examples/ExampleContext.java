package org.hebb.cli.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hebb.data.FashionMnist;
import org.hebb.tensor.Tensor;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What an example runs with: where it prints, where its figures go, how big a run it makes,
 * its seed and where Fashion-MNIST is.
 */
public final class ExampleContext {
    private final PrintWriter out;
    private final Path outDir;
    private final boolean small;
    private final long seed;
    private final Path data;
    private final List<Path> written = new ArrayList<>();

    /**
     * @param out where the example prints
     * @param outDir the folder for its figures (created when the first one is written)
     * @param small run on small data, in a few seconds (the tests' size)
     * @param seed the seed of every random choice
     * @param data the Fashion-MNIST folder, or {@code null} for the standard places
     *     ({@link FashionMnist#locate(Path)})
     */
    public ExampleContext(PrintWriter out, Path outDir, boolean small, long seed, Path data) {
        this.out = out;
        this.outDir = outDir;
        this.small = small;
        this.seed = seed;
        this.data = data;
    }

    /** Where the example prints. */
    public PrintWriter out() {
        return out;
    }

    /** The folder for figures. */
    public Path outDir() {
        return outDir;
    }

    /** True for the small size used by the tests. */
    public boolean small() {
        return small;
    }

    /** The seed of every random choice. */
    public long seed() {
        return seed;
    }

    /** The Fashion-MNIST folder, or {@code null}. */
    public Path data() {
        return data;
    }

    /** {@code small} when running small, else {@code full}. */
    public int size(int small, int full) {
        return this.small ? small : full;
    }

    /** Prints a formatted line (ROOT locale: a decimal point whatever the machine's language). */
    public void printf(String format, Object... args) {
        out.print(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** Prints a line. */
    public void println(String line) {
        out.println(line);
        out.flush();
    }

    /** Writes the charts as one PNG, {@code cols} per row, into {@link #outDir()}; returns its path. */
    public Path save(String fileName, int cols, List<? extends Chart<?, ?>> charts) throws IOException {
        Files.createDirectories(outDir);
        Path p = outDir.resolve(fileName);
        Plots.savePng(p, cols, charts);
        written.add(p);
        return p;
    }

    /** The figures written so far. */
    public List<Path> written() {
        return List.copyOf(written);
    }

    /** The first {@code n} Fashion-MNIST training images (all when {@code n} is larger). */
    public FashionMnist.Split fashionTrain(int n) throws IOException {
        return first(FashionMnist.train(data), n);
    }

    /** The first {@code n} Fashion-MNIST test images (all when {@code n} is larger). */
    public FashionMnist.Split fashionTest(int n) throws IOException {
        return first(FashionMnist.test(data), n);
    }

    private static FashionMnist.Split first(FashionMnist.Split s, int n) {
        int k = Math.min(n, s.size());
        return k == s.size() ? s : new FashionMnist.Split(s.x().slice(0, 0, k), s.y().slice(0, 0, k));
    }

    /** The images of a split as rows of 784 doubles, for the from-scratch code. */
    public static double[][] rows(Tensor x) {
        int n = x.dim(0);
        int f = x.size() / n;
        float[] d = x.data();
        double[][] out = new double[n][f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                out[i][j] = d[i * f + j];
            }
        }
        return out;
    }

    /** Class indices of a label tensor. */
    public static int[] labels(Tensor y) {
        float[] d = y.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** One-hot rows {@code [n, k]} of class indices. */
    public static double[][] oneHot(int[] classes, int k) {
        double[][] y = new double[classes.length][k];
        for (int i = 0; i < classes.length; i++) {
            y[i][classes[i]] = 1;
        }
        return y;
    }

    /** A callback printing one line per epoch ({@code label  epoch 3/10  loss=... val_loss=...}) to {@link #out()}. */
    public Callback epochPrinter(String label, int epochs) {
        return new Callback() {
            @Override
            public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s epoch %2d/%d", label, epoch + 1, epochs));
                for (Map.Entry<String, Double> e : logs.entrySet()) {
                    if (!e.getKey().equals("lr")) {
                        b.append(String.format(Locale.ROOT, "  %s=%.4f", e.getKey(), e.getValue()));
                    }
                }
                println(b.toString());
            }
        };
    }
}
