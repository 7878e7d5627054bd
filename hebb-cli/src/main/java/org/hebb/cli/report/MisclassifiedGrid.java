package org.hebb.cli.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of test images, six to a row, each enlarged with square pixels and captioned with its
 * true label (black) and the predicted one (red): "true: Coat" over "pred: Shirt".
 */
final class MisclassifiedGrid {
    static final int COLUMNS = 6;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color WRONG = new Color(0xc62828);
    private static final int PAD = 16;
    private static final int GAP = 10;
    private static final int TARGET_SIZE = 112;

    private MisclassifiedGrid() {}

    /**
     * Draws images {@code indices} of {@code pixels} (NHWC float32 in [0, 1], values outside
     * clamped; 1 channel is grey, 3 are RGB) with captions from {@code truth} and {@code pred}
     * (class indices per sample) and {@code names}. With no index, a small image says so.
     */
    static BufferedImage draw(float[] pixels, int h, int w, int c, int[] indices, int[] truth, int[] pred,
            List<String> names, String title) {
        int scale = Math.max(1, TARGET_SIZE / Math.max(h, w));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics cm = pg.getFontMetrics(CAPTION);
        FontMetrics tm = pg.getFontMetrics(TITLE);
        int captionWidth = 0;
        for (String n : names) {
            captionWidth = Math.max(captionWidth, cm.stringWidth("pred: " + n));
        }
        pg.dispose();
        int cellW = Math.max(w * scale, captionWidth) + GAP;
        int cellH = h * scale + 4 + 2 * cm.getHeight() + GAP;
        int cols = Math.max(1, Math.min(COLUMNS, indices.length));
        int rows = (indices.length + COLUMNS - 1) / COLUMNS;
        int top = PAD + tm.getHeight() + 8;
        String empty = "No misclassified test images.";
        int width = Math.max(2 * PAD + cols * cellW - GAP, 2 * PAD + Math.max(tm.stringWidth(title), cm.stringWidth(empty)));
        int height = top + Math.max(rows * cellH - GAP, cm.getHeight()) + PAD;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, PAD, PAD + tm.getAscent());
        g.setFont(CAPTION);
        if (indices.length == 0) {
            g.drawString(empty, PAD, top + cm.getAscent());
        }
        int plane = h * w * c;
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            int x0 = PAD + (j % COLUMNS) * cellW;
            int y0 = top + (j / COLUMNS) * cellH;
            int ix = x0 + (cellW - GAP - w * scale) / 2;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = i * plane + (y * w + x) * c;
                    int rgb = c >= 3
                            ? (byte255(pixels[base]) << 16) | (byte255(pixels[base + 1]) << 8) | byte255(pixels[base + 2])
                            : grey(byte255(pixels[base]));
                    g.setColor(new Color(rgb));
                    g.fillRect(ix + x * scale, y0 + y * scale, scale, scale);
                }
            }
            g.setColor(new Color(0xbbbbbb));
            g.drawRect(ix - 1, y0 - 1, w * scale + 1, h * scale + 1);
            int ty = y0 + h * scale + 4 + cm.getAscent();
            String t = "true: " + names.get(truth[i]);
            String p = "pred: " + names.get(pred[i]);
            int cx = x0 + (cellW - GAP) / 2;
            g.setColor(Color.BLACK);
            g.drawString(t, cx - cm.stringWidth(t) / 2, ty);
            g.setColor(WRONG);
            g.drawString(p, cx - cm.stringWidth(p) / 2, ty + cm.getHeight());
        }
        g.dispose();
        return img;
    }

    private static int byte255(float v) {
        float f = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
        return Math.round(f * 255f);
    }

    private static int grey(int v) {
        return (v << 16) | (v << 8) | v;
    }
}
