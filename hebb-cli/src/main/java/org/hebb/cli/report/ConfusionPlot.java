package org.hebb.cli.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The confusion matrix as a heat map drawn with Java2D: true classes down the left, predicted
 * classes along the bottom (names slanted), each cell's count written in it, and the cell's
 * shade the share of its row (the fraction of that true class predicted as the column's class),
 * so that a class's recall reads on the diagonal whatever the class sizes.
 */
final class ConfusionPlot {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Color GRID = new Color(0xdddddd);
    private static final int PAD = 16;

    private ConfusionPlot() {}

    /** Draws {@code m} ({@code [true][predicted]} counts, square) with {@code names} on both axes. */
    static BufferedImage draw(long[][] m, List<String> names) {
        int k = m.length;
        int cell = Math.max(14, Math.min(56, 640 / k));
        boolean counts = cell >= 24;
        Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.min(13, cell / 3 + 3));

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics lm = pg.getFontMetrics(LABEL);
        FontMetrics tm = pg.getFontMetrics(TITLE);
        FontMetrics am = pg.getFontMetrics(AXIS);
        int labelWidth = 0;
        for (String n : names) {
            labelWidth = Math.max(labelWidth, lm.stringWidth(n));
        }
        pg.dispose();
        // column labels are slanted at 45 degrees: they take ~0.71 of their width down and left
        int slant = (int) Math.ceil(labelWidth * 0.7072) + lm.getHeight();
        int left = PAD + am.getHeight() + 8 + labelWidth + 10;
        int top = PAD + tm.getHeight() + 10;
        int grid = k * cell;
        int width = Math.max(left + grid + PAD, left + grid / 2 + tm.stringWidth(title()) / 2 + PAD);
        width = Math.max(width, left + grid + slant / 2);
        int height = top + grid + 8 + slant + am.getHeight() + PAD;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title(), Math.max(PAD, left + grid / 2 - tm.stringWidth(title()) / 2), PAD + tm.getAscent());

        for (int t = 0; t < k; t++) {
            long rowSum = 0;
            for (long c : m[t]) {
                rowSum += c;
            }
            for (int p = 0; p < k; p++) {
                double share = rowSum == 0 ? 0 : (double) m[t][p] / rowSum;
                Color fill = shade(share);
                int x = left + p * cell;
                int y = top + t * cell;
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                g.setColor(GRID);
                g.drawRect(x, y, cell, cell);
                if (counts) {
                    String s = Long.toString(m[t][p]);
                    g.setFont(countFont);
                    FontMetrics cm = g.getFontMetrics();
                    g.setColor(luminance(fill) < 0.5 ? Color.WHITE : (m[t][p] == 0 ? new Color(0xaaaaaa) : Color.BLACK));
                    g.drawString(s, x + (cell - cm.stringWidth(s)) / 2, y + (cell - cm.getHeight()) / 2 + cm.getAscent());
                }
            }
        }
        g.setColor(new Color(0x888888));
        g.drawRect(left, top, grid, grid);

        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        for (int i = 0; i < k; i++) {
            String n = names.get(i);
            // row label, right-aligned against the grid
            g.drawString(n, left - 8 - lm.stringWidth(n), top + i * cell + (cell - lm.getHeight()) / 2 + lm.getAscent());
            // column label, rising to its end just under the column centre
            AffineTransform saved = g.getTransform();
            g.translate(left + i * cell + cell / 2.0 + lm.getAscent() / 2.0, top + grid + 8);
            g.rotate(-Math.PI / 4);
            g.drawString(n, -lm.stringWidth(n), 0);
            g.setTransform(saved);
        }
        g.setFont(AXIS);
        String px = "predicted class";
        g.drawString(px, left + grid / 2 - am.stringWidth(px) / 2, height - PAD - am.getDescent());
        AffineTransform saved = g.getTransform();
        g.translate(PAD + am.getAscent(), top + grid / 2.0);
        g.rotate(-Math.PI / 2);
        String py = "true class";
        g.drawString(py, -am.stringWidth(py) / 2, 0);
        g.setTransform(saved);
        g.dispose();
        return img;
    }

    private static String title() {
        return "Confusion matrix (test set)";
    }

    /** White to dark blue as {@code share} goes from 0 to 1 (square-root scale: small confusions stay visible). */
    static Color shade(double share) {
        double s = Math.sqrt(Math.max(0, Math.min(1, share)));
        int r = (int) Math.round(255 + (8 - 255) * s);
        int gr = (int) Math.round(255 + (48 - 255) * s);
        int b = (int) Math.round(255 + (107 - 255) * s);
        return new Color(r, gr, b);
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255.0;
    }
}
