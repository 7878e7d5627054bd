package org.hebb.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hebb.tensor.Tensor;
import org.hebb.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    static final List<String> NAMES = List.of("T-shirt/top", "Trouser", "Coat", "Shirt <&>");

    /**
     * A synthetic test set of {@code n} samples over the four classes: sample i has label i % 4;
     * every fifth sample is predicted as the next class with confidence 0.5 + i / (4n) (so
     * later mistakes are more confident), the others right. Image i is a uniform grey of
     * (i + 1) / (n + 1), so each image shows in the grid as its own grey.
     */
    static Report synthetic(int n, History history) {
        float[] p = new float[n * 4];
        float[] y = new float[n];
        float[] x = new float[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            int t = i % 4;
            y[i] = t;
            boolean wrong = i % 5 == 0;
            int pred = wrong ? (t + 1) % 4 : t;
            float conf = wrong ? 0.5f + i / (4f * n) : 0.9f;
            for (int j = 0; j < 4; j++) {
                p[i * 4 + j] = j == pred ? conf : (1 - conf) / 3;
            }
            java.util.Arrays.fill(x, i * 784, (i + 1) * 784, (i + 1f) / (n + 1));
        }
        return new Report(history, Tensor.of(p, n, 4), Tensor.of(y, n), Tensor.of(x, n, 28, 28, 1), NAMES, info());
    }

    static Report.RunInfo info() {
        return new Report.RunInfo("mlp on <synthetic>", "Model: \"sequential\"\n dense (Dense)   [None, 4]   20\nTotal params: 20\n",
                "adam (learning_rate=0.001)", 5, 32, 75.25, 0.8);
    }

    static History history(int epochs, boolean validation) {
        History h = new History();
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 1.0 / (e + 1));
            logs.put("accuracy", 0.5 + 0.08 * e);
            if (validation) {
                logs.put("val_loss", 1.2 / (e + 1));
                logs.put("val_accuracy", 0.45 + 0.07 * e);
            }
            logs.put("lr", 0.001);
            h.onEpochEnd(null, e, logs);
        }
        return h;
    }

    @Test
    void writesFourImagesAndAPageThatShowsThem(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("runs/20250101-120000");
        Report r = synthetic(200, history(5, true));
        Path page = r.write(run);
        assertEquals(run.resolve("report.html"), page);
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of("accuracy.png", "confusion.png", "loss.png", "misclassified.png", "report.html"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file is left behind");
        }
        String html = Files.readString(page);
        for (String png : List.of("loss.png", "accuracy.png", "confusion.png", "misclassified.png")) {
            BufferedImage img = ImageIO.read(run.resolve(png).toFile());
            Matcher m = Pattern.compile("<img src=\"" + Pattern.quote(png) + "\" alt=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\">")
                    .matcher(html);
            assertTrue(m.find(), png + " is shown with an alt text: " + html);
            assertEquals(img.getWidth(), Integer.parseInt(m.group(2)), png);
            assertEquals(img.getHeight(), Integer.parseInt(m.group(3)), png);
            assertTrue(img.getWidth() >= 300 && img.getHeight() >= 200, png + " " + img.getWidth() + "x" + img.getHeight());
        }
        // text from the run is escaped, the summary is preformatted, the facts are there
        assertTrue(html.contains("<h1>mlp on &lt;synthetic&gt;</h1>"), html);
        assertTrue(html.contains("<pre>Model: &quot;sequential&quot;\n dense (Dense)   [None, 4]   20\nTotal params: 20</pre>"), html);
        assertTrue(html.contains("<tr><th>Final test accuracy</th><td>80.00 %</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Test samples</th><td>200 (40 misclassified)</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Training wall time</th><td>75.2 s (1 min 15 s)</td></tr>")
                || html.contains("<tr><th>Training wall time</th><td>75.3 s (1 min 15 s)</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Batch size</th><td>32</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Last epoch val_accuracy</th><td>0.7300</td></tr>"), html);
        // per class: 50 samples each; 10 of each class predicted as the next class
        // so each class is predicted 40 (own) + 10 (previous class) = 50 times, 40 right
        assertTrue(html.contains("<tr><td>Shirt &lt;&amp;&gt;</td><td class=\"num\">50</td><td class=\"num\">50</td>"
                + "<td class=\"num\">0.800</td><td class=\"num\">0.800</td></tr>"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "the page needs no network");
    }

    @Test
    void confusionMatrixAndPerClassFiguresMatchACountByHand() {
        Report r = synthetic(200, history(2, false));
        long[][] m = r.confusionMatrix();
        for (int t = 0; t < 4; t++) {
            assertEquals(40, m[t][t]);
            assertEquals(10, m[t][(t + 1) % 4]);
        }
        assertEquals(40, r.misclassifiedCount());
        Report.ClassStats coat = r.classStats().get(2);
        assertEquals(new Report.ClassStats("Coat", 50, 50, 40), coat);
        assertEquals(0.8, coat.precision(), 1e-12);
        assertEquals(0.8, coat.recall(), 1e-12);
        Report.ClassStats never = new Report.ClassStats("x", 0, 0, 0);
        assertTrue(Double.isNaN(never.precision()) && Double.isNaN(never.recall()));
    }

    @Test
    void theGridShowsAtMost36MistakesMostConfidentFirstEachAsItsOwnImage(@TempDir Path dir) throws IOException {
        int n = 400;   // 80 mistakes, at i = 0, 5, 10, ...; confidence grows with i
        Report r = synthetic(n, history(3, true));
        int[] shown = r.shownMisclassified();
        assertEquals(36, shown.length);
        for (int j = 0; j < 36; j++) {
            assertEquals(395 - 5 * j, shown[j], "most confident (latest) mistake first");
        }
        r.write(dir);
        BufferedImage grid = ImageIO.read(dir.resolve("misclassified.png").toFile());
        Map<Integer, Integer> pixelsOfGrey = new HashMap<>();
        for (int yy = 0; yy < grid.getHeight(); yy++) {
            for (int xx = 0; xx < grid.getWidth(); xx++) {
                pixelsOfGrey.merge(grid.getRGB(xx, yy) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        for (int i : shown) {
            int g = Math.round((i + 1f) / (n + 1) * 255f);
            int rgb = (g << 16) | (g << 8) | g;
            assertTrue(pixelsOfGrey.getOrDefault(rgb, 0) >= 112 * 112,
                    "image " + i + " (grey " + g + ") is drawn at 4x: " + pixelsOfGrey.getOrDefault(rgb, 0) + " pixels");
        }
        int notShown = Math.round((0 + 1f) / (n + 1) * 255f);   // sample 0: the least confident mistake
        assertTrue(pixelsOfGrey.getOrDefault((notShown << 16) | (notShown << 8) | notShown, 0) < 112 * 112);
    }

    @Test
    void aRunWithoutValidationOrMistakesStillGetsEveryImage(@TempDir Path dir) throws IOException {
        float[] p = {0.9f, 0.1f, 0.2f, 0.8f};
        Report r = new Report(history(1, false), Tensor.of(p, 2, 2), Tensor.of(new float[] {0, 1}, 2),
                Tensor.of(new float[2 * 8 * 8 * 3], 2, 8, 8, 3), List.of("cat", "dog"), info());
        assertEquals(0, r.shownMisclassified().length);
        r.write(dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("alt=\"No test image was misclassified\""), html);
        assertTrue(html.contains("alt=\"Loss per epoch, training (epochs on the horizontal axis)\""), html);
        assertTrue(html.contains("<tr><th>Epochs</th><td>1 completed of 5</td></tr>"), html);
        assertEquals(4, html.split("<img ", -1).length - 1);
    }

    @Test
    void aLossThatWasNeverFiniteIsSaidInsteadOfDrawn(@TempDir Path dir) throws IOException {
        History h = new History();
        h.onEpochEnd(null, 0, new LinkedHashMap<>(Map.of("loss", Double.NaN)));
        float[] p = {0.9f, 0.1f, 0.2f, 0.8f};
        new Report(h, Tensor.of(p, 2, 2), Tensor.of(new float[] {0, 0}, 2), Tensor.of(new float[2 * 4 * 4], 2, 4, 4, 1),
                List.of("a", "b"), info()).write(dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("alt=\"Loss per epoch: no finite value was logged\""), html);
        assertFalse(Files.exists(dir.resolve("accuracy.png")), "no accuracy was logged");
        assertEquals(3, html.split("<img ", -1).length - 1);
    }

    @Test
    void writingAgainReplacesTheFiles(@TempDir Path dir) throws IOException {
        synthetic(40, history(2, true)).write(dir);
        byte[] first = Files.readAllBytes(dir.resolve("loss.png"));
        synthetic(40, history(4, true)).write(dir);
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("loss.png"))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(5, files.count());
        }
    }

    @Test
    void wrongInputFailsNamingWhatWasExpected(@TempDir Path dir) throws IOException {
        History h = history(2, true);
        Tensor p = Tensor.of(new float[8], 2, 4);
        Tensor y = Tensor.of(new float[] {0, 1}, 2);
        Tensor x = Tensor.of(new float[2 * 784], 2, 28, 28, 1);
        assertMessage("expected test predictions [N, K] with N >= 1 and K >= 2, got shape [8]",
                () -> new Report(h, Tensor.of(new float[8], 8), y, x, NAMES, info()));
        assertMessage("expected test labels [2] to match predictions [2, 4], got shape [3]",
                () -> new Report(h, p, Tensor.of(new float[3], 3), x, NAMES, info()));
        assertMessage("expected test images [2, height, width, 1 or 3], got shape [2, 28, 28, 2]",
                () -> new Report(h, p, y, Tensor.of(new float[2 * 784 * 2], 2, 28, 28, 2), NAMES, info()));
        assertMessage("predictions have 4 classes but 2 class names were given",
                () -> new Report(h, p, y, x, List.of("a", "b"), info()));
        assertMessage("the history holds no epoch with a loss", () -> new Report(new History(), p, y, x, NAMES, info()));
        assertMessage("label 7 at row 1 is outside [0, 4)",
                () -> new Report(h, p, Tensor.of(new float[] {0, 7}, 2), x, NAMES, info()));
        assertMessage("batch size >= 1", () -> new Report.RunInfo("t", "s", "o", 1, 0, 1, 0.5));
        Path aFile = Files.writeString(dir.resolve("not-a-dir"), "x");
        IOException e = assertThrows(IOException.class, () -> synthetic(8, h).write(aFile.resolve("run")));
        assertTrue(e.getMessage().contains("not-a-dir"), e.getMessage());
    }

    @Test
    void shadesRunFromWhiteToDarkBlue() {
        assertEquals(0xFFFFFF, ConfusionPlot.shade(0).getRGB() & 0xFFFFFF);
        assertEquals(0x08306B, ConfusionPlot.shade(1).getRGB() & 0xFFFFFF);
        assertArrayEquals(new int[] {ConfusionPlot.shade(1).getRGB()}, new int[] {ConfusionPlot.shade(2).getRGB()});
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
