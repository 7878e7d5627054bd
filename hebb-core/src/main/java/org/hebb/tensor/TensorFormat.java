package org.hebb.tensor;

import java.util.Locale;

/**
 * NumPy-style text of a tensor, used by {@link Tensor#toString()}:
 * <pre>
 * Tensor([[1.0000, 2.0000],
 *         [3.0000, 4.0000]], shape=[2, 2])
 * </pre>
 *
 * <ul>
 *   <li>Nested brackets, one level per dimension; rows of a matrix on their own lines, aligned
 *       under each other, and a blank line between the blocks of a rank-3 tensor (one more per
 *       extra dimension), as NumPy prints.</li>
 *   <li>One number format for the whole tensor, every value right-aligned to one width:
 *       {@value #PRECISION} decimals ({@code 0.5000}), or scientific ({@code 1.0000e+08}) when
 *       the largest magnitude is at least 1e8, the smallest non-zero one is below 1e-4, or
 *       they are more than 1000 apart (NumPy's and PyTorch's rule). {@code nan}, {@code inf},
 *       {@code -inf} print as such.</li>
 *   <li>More than {@value #THRESHOLD} elements: every dimension longer than
 *       2 x {@value #EDGE_ITEMS} shows only its first and last {@value #EDGE_ITEMS} entries,
 *       with {@code ...} between.</li>
 *   <li>Rows longer than {@value #LINE_WIDTH} characters wrap, continuing under the row's
 *       first value.</li>
 *   <li>After the values: {@code shape=[...]}, then {@code grad_fn=<op>} for the result of a
 *       recorded op or {@code requiresGrad=true} for a leaf that requires a gradient. A scalar
 *       prints as a plain value without shape: {@code Tensor(3.5000)}.</li>
 * </ul>
 */
public final class TensorFormat {
    /** Tensors with more elements than this are summarised (NumPy's {@code threshold}). */
    public static final int THRESHOLD = 1000;
    /** Entries shown at each end of a summarised dimension (NumPy's {@code edgeitems}). */
    public static final int EDGE_ITEMS = 3;
    /** Digits after the decimal point (PyTorch's default). */
    public static final int PRECISION = 4;
    /** Rows wrap before this many characters. */
    public static final int LINE_WIDTH = 80;

    private static final String PREFIX = "Tensor(";

    private TensorFormat() {}

    /** The full text of {@code t}: values, shape, and autograd state (see the class comment). */
    public static String format(Tensor t) {
        int[] shape = t.shape();
        StringBuilder sb = new StringBuilder(PREFIX);
        sb.append(values(t.data(), shape, PREFIX.length()));
        if (shape.length > 0) {
            sb.append(", shape=").append(Shapes.str(shape));
        }
        if (t.node() != null) {
            sb.append(", grad_fn=").append(t.node().op());
        } else if (t.requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    /**
     * Just the values of row-major {@code data} with {@code shape}, as nested brackets; lines
     * after the first are indented as if the text started at column {@code indent}.
     */
    public static String values(float[] data, int[] shape, int indent) {
        if (data.length != Shapes.size(shape)) {
            throw new IllegalArgumentException("TensorFormat: " + data.length + " values for shape " + Shapes.str(shape));
        }
        if (data.length == 0) {
            return "[]";
        }
        boolean summarise = data.length > THRESHOLD;
        int[] strides = Shapes.strides(shape);
        // Flat indices of the elements that are shown, in print order.
        int[] shown = new int[shownCount(shape, summarise)];
        collect(shape, strides, summarise, 0, 0, shown, new int[1]);
        String[] text = formatAll(data, shown);
        int width = 0;
        for (String s : text) {
            width = Math.max(width, s.length());
        }
        if (shape.length == 0) {
            return text[0];
        }
        StringBuilder sb = new StringBuilder();
        layout(sb, shape, summarise, 0, indent, text, width, new int[1]);
        return sb.toString();
    }

    private static boolean cut(int dim, boolean summarise) {
        return summarise && dim > 2 * EDGE_ITEMS;
    }

    private static int shownCount(int[] shape, boolean summarise) {
        int n = 1;
        for (int d : shape) {
            n *= cut(d, summarise) ? 2 * EDGE_ITEMS : d;
        }
        return n;
    }

    private static void collect(int[] shape, int[] strides, boolean summarise, int d, int offset, int[] out, int[] pos) {
        if (d == shape.length) {
            out[pos[0]++] = offset;
            return;
        }
        int n = shape[d];
        boolean c = cut(n, summarise);
        for (int i = 0; i < n; i++) {
            if (c && i == EDGE_ITEMS) {
                i = n - EDGE_ITEMS;
            }
            collect(shape, strides, summarise, d + 1, offset + i * strides[d], out, pos);
        }
    }

    /** Formats the shown values with one format chosen from all of them. */
    private static String[] formatAll(float[] data, int[] shown) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int i : shown) {
            float v = data[i];
            if (Float.isFinite(v) && v != 0f) {
                double a = Math.abs((double) v);
                maxAbs = Math.max(maxAbs, a);
                minAbs = Math.min(minAbs, a);
            }
        }
        boolean sci = maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
        String pattern = "%." + PRECISION + (sci ? "e" : "f");
        String[] text = new String[shown.length];
        for (int k = 0; k < shown.length; k++) {
            float v = data[shown[k]];
            if (Float.isNaN(v)) {
                text[k] = "nan";
            } else if (Float.isInfinite(v)) {
                text[k] = v > 0 ? "inf" : "-inf";
            } else {
                text[k] = String.format(Locale.ROOT, pattern, (double) v);
            }
        }
        return text;
    }

    private static void layout(StringBuilder sb, int[] shape, boolean summarise, int d, int indent,
                               String[] text, int width, int[] next) {
        int n = shape[d];
        boolean c = cut(n, summarise);
        boolean innermost = d == shape.length - 1;
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (c && i == EDGE_ITEMS) {
                separate(sb, shape.length, d, indent, innermost, 3);
                sb.append("...");
                i = n - EDGE_ITEMS;
            }
            if (i > 0) {
                separate(sb, shape.length, d, indent, innermost, width);
            }
            if (innermost) {
                String s = text[next[0]++];
                sb.append(" ".repeat(width - s.length())).append(s);
            } else {
                layout(sb, shape, summarise, d + 1, indent, text, width, next);
            }
        }
        sb.append(']');
    }

    /**
     * The separator before the next entry of a depth-{@code d} array: {@code ", "} between
     * values (or a line break when the next entry of length {@code nextLength} would pass
     * {@link #LINE_WIDTH}), a line break plus one blank line per extra level between sub-arrays.
     */
    private static void separate(StringBuilder sb, int rank, int d, int indent, boolean innermost, int nextLength) {
        if (innermost) {
            int lineStart = sb.lastIndexOf("\n") + 1;
            int column = lineStart == 0 ? indent + sb.length() : sb.length() - lineStart;
            // ", " + the entry + the closing "," or "]" must fit.
            if (column + 2 + nextLength + 1 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(indent + d + 1));
            } else {
                sb.append(", ");
            }
        } else {
            sb.append(',').append("\n".repeat(rank - d - 1)).append(" ".repeat(indent + d + 1));
        }
    }
}
