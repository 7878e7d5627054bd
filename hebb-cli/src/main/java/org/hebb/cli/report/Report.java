package org.hebb.cli.report;

import org.hebb.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;
import org.hebb.train.History;
import org.hebb.train.Metrics;

/**
 * The HTML report of a training run, written into the run folder:
 * <ul>
 *   <li>{@code loss.png}, {@code accuracy.png}: training and validation curves per epoch
 *       (a curve that was not logged is left out; {@code accuracy.png} only when some accuracy
 *       was logged);</li>
 *   <li>{@code confusion.png}: the test confusion matrix as a heat map, class names on both axes,
 *       counts in the cells;</li>
 *   <li>{@code misclassified.png}: up to {@value #MAX_MISCLASSIFIED} misclassified test images,
 *       the most confident mistakes first, each captioned with its true and predicted class;</li>
 *   <li>{@code report.html}: a page with the run's facts, the model summary, the images and a
 *       per-class precision/recall table. It needs nothing but the PNGs beside it (no network,
 *       no external style, no script); {@code scripts/check_report.sh} checks in headless
 *       Chromium that every image loads.</li>
 * </ul>
 * Every file is written to a temporary file and renamed into place; the page is written last.
 *
 * <p>Inputs: the per-epoch {@link History}; test predictions {@code [N, K]} (probabilities or
 * scores; the predicted class is the first maximum of a row); test labels {@code [N]} (class
 * indices); test images {@code [N, H, W, C]} with C = 1 (grey) or 3 (RGB), values in [0, 1];
 * K class names; and the {@link RunInfo}.
 */
public final class Report {
    /** The most misclassified images shown. */
    public static final int MAX_MISCLASSIFIED = 36;
    /** The page, written last. */
    public static final String HTML = "report.html";
    /** Loss curves. */
    public static final String LOSS_PNG = "loss.png";
    /** Accuracy curves. */
    public static final String ACCURACY_PNG = "accuracy.png";
    /** Confusion matrix. */
    public static final String CONFUSION_PNG = "confusion.png";
    /** Grid of misclassified test images. */
    public static final String MISCLASSIFIED_PNG = "misclassified.png";

    /**
     * Facts about the run shown at the top of the page.
     *
     * @param title the page title, e.g. {@code "seed-cnn on Fashion-MNIST"}
     * @param modelSummary the model's summary table ({@code Model.summary}), shown as is
     * @param optimizer the optimizer and its settings, e.g. {@code "adam (learning_rate=0.001)"}
     * @param epochs the epochs asked for
     * @param batchSize the batch size
     * @param wallSeconds the training wall time in seconds
     * @param testAccuracy the final test accuracy in [0, 1]
     */
    public record RunInfo(String title, String modelSummary, String optimizer, int epochs, int batchSize,
            double wallSeconds, double testAccuracy) {
        /** Checks that the texts are present and the numbers make sense. */
        public RunInfo {
            if (title == null || modelSummary == null || optimizer == null) {
                throw new IllegalArgumentException("report: run info needs a title, a model summary and an optimizer, got "
                        + title + ", " + (modelSummary == null ? null : "summary") + ", " + optimizer);
            }
            if (epochs < 0 || batchSize < 1 || !(wallSeconds >= 0)) {
                throw new IllegalArgumentException("report: run info needs epochs >= 0, batch size >= 1 and wall time >= 0, got "
                        + epochs + ", " + batchSize + ", " + wallSeconds);
            }
        }
    }

    /**
     * One class's counts on the test set: {@code support} samples of the class, {@code predicted}
     * samples predicted as it, {@code correct} of them right.
     */
    public record ClassStats(String name, long support, long predicted, long correct) {
        /** correct / predicted; NaN when nothing was predicted as this class. */
        public double precision() {
            return predicted == 0 ? Double.NaN : (double) correct / predicted;
        }

        /** correct / support; NaN when the test set has no sample of this class. */
        public double recall() {
            return support == 0 ? Double.NaN : (double) correct / support;
        }
    }

    private final History history;
    private final Tensor images;
    private final List<String> classNames;
    private final RunInfo info;
    private final int[] truth;
    private final int[] predicted;
    private final float[] confidence;
    private final long[][] confusion;

    /**
     * Checks the inputs and computes the confusion matrix and the predicted classes.
     *
     * @throws IllegalArgumentException if a shape does not fit the others, a label is outside
     *     {@code [0, K)}, the class names are not K, or the history holds no epoch
     */
    public Report(History history, Tensor predictions, Tensor labels, Tensor images, List<String> classNames, RunInfo info) {
        if (history == null || predictions == null || labels == null || images == null || classNames == null || info == null) {
            throw new IllegalArgumentException("report: history, predictions, labels, images, class names and run info are all needed");
        }
        if (predictions.rank() != 2 || predictions.dim(0) < 1 || predictions.dim(1) < 2) {
            throw new IllegalArgumentException("report: expected test predictions [N, K] with N >= 1 and K >= 2, got shape "
                    + Shapes.str(predictions.shape()));
        }
        int n = predictions.dim(0);
        int k = predictions.dim(1);
        if (labels.rank() != 1 || labels.dim(0) != n) {
            throw new IllegalArgumentException("report: expected test labels [" + n + "] to match predictions "
                    + Shapes.str(predictions.shape()) + ", got shape " + Shapes.str(labels.shape()));
        }
        if (images.rank() != 4 || images.dim(0) != n || (images.dim(3) != 1 && images.dim(3) != 3)) {
            throw new IllegalArgumentException("report: expected test images [" + n + ", height, width, 1 or 3], got shape "
                    + Shapes.str(images.shape()));
        }
        if (classNames.size() != k) {
            throw new IllegalArgumentException("report: predictions have " + k + " classes but " + classNames.size()
                    + " class names were given: " + classNames);
        }
        if (history.epochs().isEmpty() || history.get("loss").isEmpty()) {
            throw new IllegalArgumentException("report: the history holds no epoch with a loss; logged: " + history.all().keySet());
        }
        this.history = history;
        this.images = images;
        this.classNames = List.copyOf(classNames);
        this.info = info;
        this.confusion = Metrics.confusionMatrix(predictions, labels);
        float[] p = predictions.data();
        float[] y = labels.data();
        truth = new int[n];
        predicted = new int[n];
        confidence = new float[n];
        for (int i = 0; i < n; i++) {
            truth[i] = Math.round(y[i]);
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (p[i * k + j] > p[i * k + best]) {
                    best = j;
                }
            }
            predicted[i] = best;
            confidence[i] = p[i * k + best];
        }
    }

    /** The test confusion matrix {@code [K][K]}: {@code [t][p]} counts class t predicted as p. */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Per-class support, predictions and hits, in class order. */
    public List<ClassStats> classStats() {
        List<ClassStats> out = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            long support = 0;
            long pred = 0;
            for (int o = 0; o < confusion.length; o++) {
                support += confusion[c][o];
                pred += confusion[o][c];
            }
            out.add(new ClassStats(classNames.get(c), support, pred, confusion[c][c]));
        }
        return out;
    }

    /** The number of misclassified test samples. */
    public int misclassifiedCount() {
        int wrong = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != predicted[i]) {
                wrong++;
            }
        }
        return wrong;
    }

    /**
     * The test samples shown in {@code misclassified.png}: at most {@value #MAX_MISCLASSIFIED}
     * misclassified ones, the highest predicted score first (ties by index).
     */
    public int[] shownMisclassified() {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != predicted[i]) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble((Integer i) -> -confidence[i]).thenComparingInt(i -> i));
        return wrong.stream().limit(MAX_MISCLASSIFIED).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes the PNGs and then {@code report.html} into {@code runDir} (created if missing),
     * each through a temporary file renamed into place, and returns the page's path.
     *
     * @throws IOException naming the file that could not be written
     */
    public Path write(Path runDir) throws IOException {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new IOException("report: cannot create run folder " + runDir + ": " + e, e);
        }
        Map<String, List<Double>> logged = history.all();
        List<ReportPage.Figure> figures = new ArrayList<>();
        Map<String, List<Double>> loss = Curves.pick(logged, "loss", "val_loss");
        figures.add(writePng(runDir, LOSS_PNG, Curves.chart("Loss", "loss", history.epochs(), loss), curvesAlt("Loss", loss)));
        if (logged.containsKey("accuracy") || logged.containsKey("val_accuracy")) {
            Map<String, List<Double>> acc = Curves.pick(logged, "accuracy", "val_accuracy");
            figures.add(writePng(runDir, ACCURACY_PNG, Curves.chart("Accuracy", "accuracy", history.epochs(), acc),
                    curvesAlt("Accuracy", acc)));
        }
        figures.add(writePng(runDir, CONFUSION_PNG, ConfusionPlot.draw(confusion, classNames),
                "Confusion matrix of the " + truth.length + " test samples: true classes in rows, predicted classes in columns, "
                        + "counts in the cells"));
        int[] shown = shownMisclassified();
        int[] shape = images.shape();
        BufferedImage grid = MisclassifiedGrid.draw(images.data(), shape[1], shape[2], shape[3], shown, truth, predicted,
                classNames, shown.length == 0 ? "Misclassified test images"
                        : "Misclassified test images (" + shown.length + " of " + misclassifiedCount() + ", most confident first)");
        figures.add(writePng(runDir, MISCLASSIFIED_PNG, grid, shown.length == 0 ? "No test image was misclassified"
                : shown.length + " misclassified test images, each captioned with its true and predicted class"));
        String html = ReportPage.html(info, history, figures, classStats(), truth.length, misclassifiedCount());
        Path page = runDir.resolve(HTML);
        AtomicFiles.writeString(page, html);
        return page;
    }

    private static ReportPage.Figure writePng(Path dir, String name, BufferedImage img, String alt) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", buf)) {
            throw new IOException("report: no PNG writer available for " + dir.resolve(name));
        }
        byte[] png = buf.toByteArray();
        AtomicFiles.write(dir.resolve(name), ch -> AtomicFiles.writeFully(ch, java.nio.ByteBuffer.wrap(png)));
        return new ReportPage.Figure(name, alt, img.getWidth(), img.getHeight());
    }

    private static String curvesAlt(String what, Map<String, List<Double>> picked) {
        return picked.isEmpty() ? what + " per epoch: no finite value was logged"
                : what + " per epoch, " + String.join(" and ", picked.keySet()) + " (epochs on the horizontal axis)";
    }
}
