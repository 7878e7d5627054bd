package org.hebb.cli.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts for the examples (xchart), written as PNG: several charts side by side in one
 * image, drawn off screen and saved through a temporary file renamed into place.
 */
public final class Plots {
    /** Width of one chart in pixels. */
    public static final int WIDTH = 560;
    /** Height of one chart in pixels. */
    public static final int HEIGHT = 400;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final String HIDDEN = " hidden tick breaker";

    private Plots() {}

    /** An empty line chart with a title and axis titles, legend inside the top right corner. */
    public static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAntiAlias(true);
        c.getStyler().setMarkerSize(6);
        return c;
    }

    /** Puts the legend under the plot, entries side by side (for charts whose curves fill the plot). */
    public static XYChart legendBelow(XYChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return c;
    }

    /** Adds a line; short series (up to 20 points, e.g. a few epochs) get a dot on each point. */
    public static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(x.length <= 20 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return s;
    }

    /** Adds a line of the given colour, dashed or not, without markers. */
    public static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = line(c, name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
        return s;
    }

    /** Adds points without a line. */
    public static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    /** {@code 1, 2, ..., n} (epoch numbers). */
    public static double[] oneTo(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** {@code n} evenly spaced values from {@code lo} to {@code hi}. */
    public static double[] linspace(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    /** The values of a list, as an array. */
    public static double[] array(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /**
     * xchart puts the x ticks on data points when the x values are equally spaced (epochs 1, 183,
     * 365, ...). With more than 12 such values, a hidden one-point series half a step after the
     * first value breaks the spacing, and xchart falls back to round tick values.
     */
    static void preferRoundTicks(XYChart c) {
        TreeSet<Double> xs = new TreeSet<>();
        double y = Double.NaN;
        for (XYSeries s : c.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                xs.add(v);
            }
            for (double v : s.getYData()) {
                if (Double.isNaN(y) && Double.isFinite(v)) {
                    y = v;
                }
            }
        }
        if (xs.size() <= 12 || Double.isNaN(y) || c.getSeriesMap().containsKey(HIDDEN)) {
            return;
        }
        double first = xs.first();
        double second = xs.higher(first);
        XYSeries h = c.addSeries(HIDDEN, new double[] {first + (second - first) / 2}, new double[] {y});
        h.setShowInLegend(false);
        h.setMarker(SeriesMarkers.NONE);
        h.setLineColor(new Color(0, 0, 0, 0));
    }

    /**
     * Draws {@code charts} in a grid of {@code cols} columns and saves it as a PNG at
     * {@code file}, through a temporary file in the same folder renamed into place.
     */
    public static void savePng(Path file, int cols, List<? extends Chart<?, ?>> charts) throws IOException {
        if (charts.isEmpty() || cols < 1) {
            throw new IllegalArgumentException("savePng " + file + ": expected at least one chart and one column");
        }
        for (Chart<?, ?> chart : charts) {
            if (chart instanceof XYChart xy) {
                preferRoundTicks(xy);
            }
        }
        int c = Math.min(cols, charts.size());
        int rows = (charts.size() + c - 1) / c;
        BufferedImage img = new BufferedImage(c * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % c) * WIDTH, (i / c) * HEIGHT, WIDTH, HEIGHT);
                try {
                    charts.get(i).paint(cell, WIDTH, HEIGHT);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException(file + ": no PNG writer available");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
