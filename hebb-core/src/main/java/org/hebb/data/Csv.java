package org.hebb.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.hebb.tensor.Tensor;

/**
 * Loader of tabular data from CSV files (UTF-8, RFC 4180 quoting within a line): every column
 * but the label is a numeric feature, read as float32 into {@code x [rows, features]}; the
 * label column, chosen by name or index, becomes {@code y [rows]}.
 *
 * <pre>{@code
 * Csv.Table iris = Csv.read(Path.of("iris.csv"), Csv.options().label("species"));
 * Dataset data = iris.dataset();           // x [150, 4], y [150] class indices
 * iris.classes();                          // [setosa, versicolor, virginica]
 * }</pre>
 *
 * <p>Labels: when every label parses as a number, {@code y} holds the numbers (class indices
 * or regression targets) and {@link Table#classes()} is empty. Otherwise the labels are class
 * names, mapped to indices in sorted order (so a training file and a test file with the same
 * classes map alike); {@link Options#classes(List)} fixes the mapping instead — pass the
 * training table's classes when loading its test file, and an unknown name is an error.
 *
 * <p>Numbers: optional sign, digits with an optional point, optional exponent ({@code 1.5e-3}),
 * and {@code nan}/{@code inf}/{@code infinity} in any case; surrounding spaces are ignored.
 * Blank lines are skipped; a leading byte-order mark is dropped. Every problem — an empty file,
 * a header without rows, a ragged row, a value that is not a number, an unknown label column,
 * a file larger than {@link Options#maxBytes(long)} — is an {@link IOException} naming the
 * file, and the line and column where there is one.
 */
public final class Csv {
    private Csv() {}

    /** Default size limit: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /** A new set of options with the defaults: header row, comma, no label column, 1 GiB limit. */
    public static Options options() {
        return new Options();
    }

    /**
     * How to read a CSV file. Defaults: the first line is a header, fields separated by
     * {@code ','}, no label column (all columns are features), files up to 1 GiB.
     */
    public static final class Options {
        private boolean header = true;
        private char delimiter = ',';
        private String labelName;
        private Integer labelIndex;
        private List<String> classes;
        private long maxBytes = DEFAULT_MAX_BYTES;

        private Options() {}

        /** Whether the first line holds column names (default true); without one, columns are named by index. */
        public Options header(boolean value) {
            this.header = value;
            return this;
        }

        /** The field separator (default {@code ','}; e.g. {@code ';'} or {@code '\t'}). */
        public Options delimiter(char value) {
            if (value == '"' || value == '\n' || value == '\r') {
                throw new IllegalArgumentException("Csv: delimiter cannot be a quote or a line break, got '"
                        + value + "'");
            }
            this.delimiter = value;
            return this;
        }

        /** The label column, by its header name (requires a header). */
        public Options label(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("Csv: label column name must not be empty");
            }
            this.labelName = name;
            this.labelIndex = null;
            return this;
        }

        /** The label column, by 0-based index; negative counts from the end ({@code -1} is the last column). */
        public Options label(int index) {
            this.labelIndex = index;
            this.labelName = null;
            return this;
        }

        /** Fixed class names for string labels, mapped to their position in this list. */
        public Options classes(List<String> names) {
            if (names == null || names.isEmpty() || names.size() != new TreeSet<>(names).size()) {
                throw new IllegalArgumentException("Csv: classes must be a non-empty list of distinct names, got "
                        + names);
            }
            this.classes = List.copyOf(names);
            return this;
        }

        /** Largest file read, in bytes (default 1 GiB); a larger file is refused before reading. */
        public Options maxBytes(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("Csv: maxBytes must be >= 1, got " + value);
            }
            this.maxBytes = value;
            return this;
        }
    }

    /**
     * The contents of a CSV file.
     *
     * @param x        features {@code [rows, features]}
     * @param y        labels {@code [rows]}, or null when no label column was chosen
     * @param features the feature column names, in order
     * @param label    the label column's name, or null
     * @param classes  class names by index when the labels were strings, else empty
     */
    public record Table(Tensor x, Tensor y, List<String> features, String label, List<String> classes) {
        /** Number of rows. */
        public int rows() {
            return x.dim(0);
        }

        /**
         * Features and labels as a {@link Dataset}.
         *
         * @throws IllegalStateException if the table has no label column
         */
        public Dataset dataset() {
            if (y == null) {
                throw new IllegalStateException("Csv.Table: no label column was chosen (Csv.options().label(...))");
            }
            return new Dataset(x, y);
        }
    }

    /** Reads {@code file} with the default options (header, comma, no label). */
    public static Table read(Path file) throws IOException {
        return read(file, options());
    }

    /**
     * Reads {@code file} as described by {@code options}.
     *
     * @throws IOException naming the file (and line and column) when it cannot be read as asked
     */
    public static Table read(Path file, Options options) throws IOException {
        long bytes = Files.size(file);
        if (bytes > options.maxBytes) {
            throw new IOException(file + ": " + bytes + " bytes, more than the limit of " + options.maxBytes
                    + " (raise it with Csv.options().maxBytes(...))");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Reader(file, options, in).read();
        }
    }

    /** The state of one read. */
    private static final class Reader {
        private final Path file;
        private final Options options;
        private final BufferedReader in;
        private int lineNo;
        private List<String> names;
        private int labelCol = -1;
        private float[] values = new float[1024];
        private long count;
        private final List<String> labels = new ArrayList<>();
        private final List<Integer> labelLines = new ArrayList<>();

        Reader(Path file, Options options, BufferedReader in) {
            this.file = file;
            this.options = options;
            this.in = in;
        }

        Table read() throws IOException {
            List<String> first = nextRow();
            if (first == null) {
                throw new IOException(file + ": empty file (no header and no rows)");
            }
            int columns = first.size();
            if (options.header) {
                names = first;
            } else {
                names = new ArrayList<>();
                for (int i = 0; i < columns; i++) {
                    names.add(String.valueOf(i));
                }
            }
            labelCol = labelColumn(columns);
            int features = columns - (labelCol >= 0 ? 1 : 0);
            if (features < 1) {
                throw new IOException(file + ": no feature columns (the only column is the label '" + names.get(labelCol)
                        + "')");
            }
            int rows = 0;
            List<String> row = options.header ? nextRow() : first;
            int rowLine = lineNo;
            if (row == null) {
                throw new IOException(file + ": no data rows after the header " + names);
            }
            while (row != null) {
                addRow(row, rowLine, columns, features);
                rows++;
                row = nextRow();
                rowLine = lineNo;
            }
            float[] x = Arrays.copyOf(values, (int) count);
            List<String> featureNames = new ArrayList<>(names);
            String labelName = null;
            Tensor y = null;
            List<String> classes = List.of();
            if (labelCol >= 0) {
                labelName = featureNames.remove(labelCol);
                float[] yv = new float[rows];
                classes = encodeLabels(yv, labelName);
                y = Tensor.of(yv, rows);
            }
            return new Table(Tensor.of(x, rows, features), y, List.copyOf(featureNames), labelName, classes);
        }

        private int labelColumn(int columns) throws IOException {
            if (options.labelName != null) {
                if (!options.header) {
                    throw new IOException(file + ": label column '" + options.labelName
                            + "' chosen by name, but the file is read without a header; choose it by index");
                }
                int found = -1;
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).equals(options.labelName)) {
                        if (found >= 0) {
                            throw new IOException(file + ", line 1: label column name '" + options.labelName
                                    + "' appears twice (columns " + (found + 1) + " and " + (i + 1) + ")");
                        }
                        found = i;
                    }
                }
                if (found < 0) {
                    throw new IOException(file + ": no column named '" + options.labelName + "' (columns: " + names + ")");
                }
                return found;
            }
            if (options.labelIndex != null) {
                int i = options.labelIndex < 0 ? columns + options.labelIndex : options.labelIndex;
                if (i < 0 || i >= columns) {
                    throw new IOException(file + ": label column index " + options.labelIndex + " is outside the "
                            + columns + " columns");
                }
                return i;
            }
            return -1;
        }

        private void addRow(List<String> row, int line, int columns, int features) throws IOException {
            if (row.size() != columns) {
                String where = row.size() < columns
                        ? "column " + (row.size() + 1) + " ('" + names.get(row.size()) + "') and after are missing"
                        : "column " + (columns + 1) + " and after are extra";
                throw new IOException(file + ", line " + line + ": " + row.size() + " fields, expected " + columns
                        + (options.header ? " (as in the header)" : " (as in the first row)") + "; " + where);
            }
            if (count + features > MAX_VALUES) {
                throw new IOException(file + ", line " + line + ": more than " + MAX_VALUES
                        + " values, too many for one tensor");
            }
            if (count + features > values.length) {
                long grown = Math.max(count + features, Math.min(MAX_VALUES, 2L * values.length));
                values = Arrays.copyOf(values, (int) grown);
            }
            for (int c = 0; c < columns; c++) {
                String field = row.get(c);
                if (c == labelCol) {
                    labels.add(field);
                    labelLines.add(line);
                    continue;
                }
                values[(int) count++] = number(field, line, c);
            }
        }

        private float number(String field, int line, int col) throws IOException {
            if (field.isEmpty()) {
                throw new IOException(file + ", line " + line + ", column " + (col + 1) + " ('" + names.get(col)
                        + "'): empty value (missing data is not supported; fill or drop it first)");
            }
            Float v = parse(field);
            if (v == null) {
                throw new IOException(file + ", line " + line + ", column " + (col + 1) + " ('" + names.get(col)
                        + "'): '" + field + "' is not a number");
            }
            return v;
        }

        /** Fills {@code y} from the label strings; returns the class names (empty for numeric labels). */
        private List<String> encodeLabels(float[] y, String labelName) throws IOException {
            int col = labelCol + 1;
            if (options.classes == null) {
                boolean numeric = true;
                for (int i = 0; i < labels.size() && numeric; i++) {
                    Float v = parse(labels.get(i));
                    if (v == null) {
                        numeric = false;
                    } else {
                        y[i] = v;
                    }
                }
                if (numeric) {
                    return List.of();
                }
                List<String> sorted = new ArrayList<>(new TreeSet<>(labels));
                fill(y, sorted, labelName, col);
                return List.copyOf(sorted);
            }
            fill(y, options.classes, labelName, col);
            return options.classes;
        }

        private void fill(float[] y, List<String> classes, String labelName, int col) throws IOException {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                index.put(classes.get(i), i);
            }
            for (int i = 0; i < labels.size(); i++) {
                Integer k = index.get(labels.get(i));
                if (k == null) {
                    throw new IOException(file + ", line " + labelLines.get(i) + ", column " + col + " ('" + labelName
                            + "'): label '" + labels.get(i) + "' is not one of the classes " + classes);
                }
                y[i] = k;
            }
        }

        /** The next non-blank line split into trimmed fields, or null at the end of the file. */
        private List<String> nextRow() throws IOException {
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new IOException(file + ": not valid UTF-8 text (found while reading line " + (lineNo + 1)
                            + " or one shortly after; the text is decoded in blocks)", e);
                }
                if (line == null) {
                    return null;
                }
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                return split(line);
            }
        }

        private List<String> split(String line) throws IOException {
            List<String> fields = new ArrayList<>();
            char d = options.delimiter;
            int i = 0;
            int n = line.length();
            while (true) {
                while (i < n && line.charAt(i) == ' ' && d != ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    int start = i;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new IOException(file + ", line " + lineNo + ", column " + (fields.size() + 1)
                                    + ": quoted field opened at character " + (start + 1)
                                    + " is not closed on this line (fields spanning lines are not supported)");
                        }
                        char ch = line.charAt(i);
                        if (ch == '"') {
                            if (i + 1 < n && line.charAt(i + 1) == '"') {
                                sb.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        sb.append(ch);
                        i++;
                    }
                    while (i < n && line.charAt(i) == ' ' && d != ' ') {
                        i++;
                    }
                    if (i < n && line.charAt(i) != d) {
                        throw new IOException(file + ", line " + lineNo + ", column " + (fields.size() + 1)
                                + ": unexpected '" + line.charAt(i) + "' after a closing quote");
                    }
                    fields.add(sb.toString());
                } else {
                    int end = line.indexOf(d, i);
                    if (end < 0) {
                        end = n;
                    }
                    fields.add(line.substring(i, end).trim());
                    i = end;
                }
                if (i >= n) {
                    return fields;
                }
                i++; // the delimiter
                if (i == n) {
                    fields.add("");
                    return fields;
                }
            }
        }
    }

    /** The number {@code s} denotes, or null if it is not a plain decimal number (see the class comment). */
    static Float parse(String s) {
        String t = s.trim();
        int n = t.length();
        if (n == 0) {
            return null;
        }
        int i = 0;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            i++;
        }
        String word = t.substring(i).toLowerCase(Locale.ROOT);
        if (word.equals("nan")) {
            return Float.NaN;
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return t.charAt(0) == '-' ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        int digits = 0;
        while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        return Float.parseFloat(t);
    }
}
