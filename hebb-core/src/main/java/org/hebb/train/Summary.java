package org.hebb.train;

import java.util.List;
import org.hebb.nn.Parameter;

/** The Keras-like summary table of a model: layer (type), output shape, parameter count, totals. */
final class Summary {
    private Summary() {}

    static String table(Model model) {
        List<String[]> rows = model.summaryRows();
        int w1 = "Layer (type)".length();
        int w2 = "Output Shape".length();
        for (String[] r : rows) {
            w1 = Math.max(w1, r[0].length() + r[1].length() + 3);
            w2 = Math.max(w2, r[2].length());
        }
        w1 += 4;
        w2 += 4;
        int width = w1 + w2 + 12;
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.modelName()).append("\"\n");
        b.append("_".repeat(width)).append('\n');
        b.append(pad(" Layer (type)", w1)).append(pad("Output Shape", w2)).append("Param #\n");
        b.append("=".repeat(width)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            b.append(pad(" " + r[0] + " (" + r[1] + ")", w1)).append(pad(r[2], w2))
                    .append(String.format("%,d", Long.parseLong(r[3]))).append('\n');
            b.append(i == rows.size() - 1 ? "" : "\n");
        }
        long total = 0;
        long trainable = 0;
        for (Parameter p : model.parameters()) {
            total += p.value().size();
            if (p.isTrainable()) {
                trainable += p.value().size();
            }
        }
        b.append("=".repeat(width)).append('\n');
        b.append(String.format("Total params: %,d%n", total));
        b.append(String.format("Trainable params: %,d%n", trainable));
        b.append(String.format("Non-trainable params: %,d%n", total - trainable));
        b.append("_".repeat(width)).append('\n');
        return b.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }
}
