package org.hebb.cli.report;

import java.util.List;
import java.util.Locale;
import org.hebb.train.History;

/** The HTML of {@code report.html}: one self-contained page with inline styles, no script. */
final class ReportPage {
    /** An image of the page: file name beside the page, alt text and pixel size. */
    record Figure(String file, String alt, int width, int height) {}

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #222;
                   max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            table { border-collapse: collapse; }
            th, td { padding: 0.25em 0.8em; border-bottom: 1px solid #eee; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            pre { background: #f6f8fa; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
            figure { margin: 1em 0; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            .muted { color: #777; }
            """;

    private ReportPage() {}

    static String html(Report.RunInfo info, History history, List<Figure> figures, List<Report.ClassStats> stats,
            int testSamples, int misclassified) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(info.title())).append(" \u2014 hebb training report</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(info.title())).append("</h1>\n<p class=\"muted\">hebb training report</p>\n");

        b.append("<h2>Run</h2>\n<table class=\"run\">\n");
        row(b, "Final test accuracy", String.format(Locale.ROOT, "%.2f %%", 100 * info.testAccuracy()));
        row(b, "Test samples", String.format(Locale.ROOT, "%,d (%,d misclassified)", testSamples, misclassified));
        int completed = history.epochs().size();
        row(b, "Epochs", completed == info.epochs() ? Integer.toString(completed)
                : completed + " completed of " + info.epochs());
        row(b, "Batch size", Integer.toString(info.batchSize()));
        row(b, "Optimizer", info.optimizer());
        row(b, "Training wall time", wallTime(info.wallSeconds()));
        for (String name : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            if (!history.get(name).isEmpty()) {
                row(b, "Last epoch " + name, String.format(Locale.ROOT, "%.4f", history.last(name)));
            }
        }
        b.append("</table>\n");

        b.append("<h2>Model</h2>\n<pre>").append(esc(info.modelSummary().stripTrailing())).append("</pre>\n");

        b.append("<h2>Training curves</h2>\n");
        figures.stream().filter(f -> f.file().equals(Report.LOSS_PNG) || f.file().equals(Report.ACCURACY_PNG))
                .forEach(f -> figure(b, f));
        b.append("<h2>Confusion matrix</h2>\n");
        figures.stream().filter(f -> f.file().equals(Report.CONFUSION_PNG)).forEach(f -> figure(b, f));

        b.append("<h2>Per-class precision and recall</h2>\n<table class=\"classes\">\n<thead><tr><th>class</th>")
                .append("<th class=\"num\">test samples</th><th class=\"num\">predicted as</th>")
                .append("<th class=\"num\">precision</th><th class=\"num\">recall</th></tr></thead>\n<tbody>\n");
        for (Report.ClassStats s : stats) {
            b.append("<tr><td>").append(esc(s.name())).append("</td><td class=\"num\">").append(s.support())
                    .append("</td><td class=\"num\">").append(s.predicted())
                    .append("</td><td class=\"num\">").append(ratio(s.precision()))
                    .append("</td><td class=\"num\">").append(ratio(s.recall())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n<p class=\"muted\">precision: the share of samples predicted as the class that ")
                .append("belong to it; recall: the share of the class's samples predicted as it; \u2013 where there is ")
                .append("nothing to divide by.</p>\n");

        b.append("<h2>Misclassified test images</h2>\n");
        figures.stream().filter(f -> f.file().equals(Report.MISCLASSIFIED_PNG)).forEach(f -> figure(b, f));

        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void figure(StringBuilder b, Figure f) {
        b.append("<figure><img src=\"").append(esc(f.file())).append("\" alt=\"").append(esc(f.alt()))
                .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height()).append("\"></figure>\n");
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String wallTime(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%.1f s (%s%d min %02d s)", seconds, s >= 3600 ? s / 3600 + " h " : "",
                (s % 3600) / 60, s % 60);
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
