package org.hebb.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Per-epoch training curves drawn with XChart: one line per series, epochs (1-based) on x. */
final class Curves {
    static final int WIDTH = 720;
    static final int HEIGHT = 440;

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);

    private Curves() {}

    /**
     * A chart of {@code series} (label to per-epoch values, at most two: training then
     * validation) against {@code epochs} (0-based, shown 1-based). Non-finite values are left
     * out; a series with no finite value is not drawn, and with none drawable the image says so.
     */
    static BufferedImage chart(String title, String yTitle, List<Integer> epochs, Map<String, List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0xcccccc));
        st.setPlotGridLinesColor(new Color(0xe6e6e6));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(new Color(0xcccccc));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setChartTitleBoxVisible(false);
        st.setMarkerSize(7);
        st.setAntiAlias(true);
        // Up to 15 epochs, XChart puts a tick on each epoch (equally spaced x values). Beyond,
        // fixing the axis range makes it choose round ticks (5, 10, ...). "0.#", not "0", so
        // that a tick at 2.5 is never labelled "2".
        if (epochs.size() > 15) {
            st.setXAxisMin(epochs.get(0) + 1.0 - 0.5);
            st.setXAxisMax(epochs.get(epochs.size() - 1) + 1.0 + 0.5);
        }
        st.setXAxisDecimalPattern("0.#");
        st.setYAxisDecimalPattern("0.###");
        Color[] colors = {TRAIN, VALIDATION};
        int drawn = 0;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.getValue().size() && i < epochs.size(); i++) {
                Double v = s.getValue().get(i);
                if (v != null && Double.isFinite(v)) {
                    xs.add(epochs.get(i) + 1.0);
                    ys.add(v);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(s.getKey(), xs, ys);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(colors[drawn % colors.length]);
            line.setMarkerColor(colors[drawn % colors.length]);
            line.setLineStyle(new BasicStroke(2.2f));
            // markers only while they stay apart
            line.setMarker(epochs.size() > 30 ? SeriesMarkers.NONE : drawn == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            drawn++;
        }
        if (drawn == 0) {
            return nothingToDraw(title);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** A blank chart-sized image with the title and a note that no finite value was logged. */
    private static BufferedImage nothingToDraw(String title) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, WIDTH / 2 - g.getFontMetrics().stringWidth(title) / 2, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String note = "No finite value was logged.";
        g.drawString(note, WIDTH / 2 - g.getFontMetrics().stringWidth(note) / 2, HEIGHT / 2);
        g.dispose();
        return img;
    }

    /**
     * {@code trainName} and {@code validationName} from {@code logged}, labelled "training" and
     * "validation"; a name that was not logged, or has no finite value, is left out.
     */
    static Map<String, List<Double>> pick(Map<String, List<Double>> logged, String trainName, String validationName) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        if (hasFinite(logged.get(trainName))) {
            out.put("training", logged.get(trainName));
        }
        if (hasFinite(logged.get(validationName))) {
            out.put("validation", logged.get(validationName));
        }
        return out;
    }

    private static boolean hasFinite(List<Double> values) {
        if (values != null) {
            for (Double v : values) {
                if (v != null && Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
