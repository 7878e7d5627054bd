package org.hebb.train;

import java.util.Locale;
import org.hebb.losses.Loss;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * The metrics: accuracy in its three forms, top-k accuracy, precision and recall.
 *
 * <ul>
 *   <li>{@link #sparseAccuracy()}: predictions {@code [N, K]}, labels {@code [N]} (class indices);
 *       correct when the arg-max of the row is the label.</li>
 *   <li>{@link #categoricalAccuracy()}: predictions and one-hot targets {@code [N, K]};
 *       correct when both arg-maxes agree.</li>
 *   <li>{@link #binaryAccuracy(double)}: predictions and 0/1 targets of one shape; correct when
 *       {@code (p > threshold) == (y > 0.5)}.</li>
 *   <li>{@link #topK(int)}: sparse labels; correct when the label is among the k largest scores.</li>
 *   <li>{@link #precision(double)}, {@link #recall(double)}: binary, over all elements,
 *       {@code tp / (tp + fp)} and {@code tp / (tp + fn)} (0 when the denominator is 0).</li>
 * </ul>
 */
public final class Metrics {
    private Metrics() {}

    /**
     * A metric by Keras name. {@code "accuracy"} (or {@code "acc"}) picks the form the loss
     * implies, as Keras does: sparse for sparse categorical cross-entropy, binary for binary
     * cross-entropy, categorical otherwise.
     */
    public static Metric get(String name, Loss loss) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "accuracy", "acc" -> {
                String l = loss == null ? "" : loss.name();
                if (l.startsWith("sparse")) {
                    yield sparseAccuracy();
                } else if (l.startsWith("binary")) {
                    yield binaryAccuracy(0.5);
                } else {
                    yield categoricalAccuracy();
                }
            }
            case "sparse_categorical_accuracy" -> sparseAccuracy();
            case "categorical_accuracy" -> categoricalAccuracy();
            case "binary_accuracy" -> binaryAccuracy(0.5);
            case "top_k_accuracy", "sparse_top_k_categorical_accuracy" -> topK(5);
            case "precision" -> precision(0.5);
            case "recall" -> recall(0.5);
            default -> throw new IllegalArgumentException("unknown metric '" + name + "'; valid: accuracy, "
                    + "sparse_categorical_accuracy, categorical_accuracy, binary_accuracy, top_k_accuracy, "
                    + "precision, recall");
        };
    }

    /** Arg-max of predictions equals the integer label. */
    public static Metric sparseAccuracy() {
        return new Counting("accuracy", Metrics::sparseAccuracy, (p, y) -> {
            int[] s = p.shape();
            requireRows("accuracy", p, y, y.rank() == 1 || (y.rank() == 2 && y.dim(1) == 1));
            int k = s[s.length - 1];
            int n = p.dim(0);
            long ok = 0;
            for (int i = 0; i < n; i++) {
                if (argmax(p.data(), i * k, k) == Math.round(y.data()[i])) {
                    ok++;
                }
            }
            return new long[] {ok, n};
        });
    }

    /** Arg-max of predictions equals arg-max of one-hot targets. */
    public static Metric categoricalAccuracy() {
        return new Counting("accuracy", Metrics::categoricalAccuracy, (p, y) -> {
            requireRows("categorical_accuracy", p, y, java.util.Arrays.equals(p.shape(), y.shape()));
            int k = p.dim(-1);
            int n = p.size() / k;
            long ok = 0;
            for (int i = 0; i < n; i++) {
                if (argmax(p.data(), i * k, k) == argmax(y.data(), i * k, k)) {
                    ok++;
                }
            }
            return new long[] {ok, n};
        });
    }

    /** {@code (p > threshold) == (y > 0.5)} elementwise. */
    public static Metric binaryAccuracy(double threshold) {
        return new Counting("accuracy", () -> binaryAccuracy(threshold), (p, y) -> {
            requireRows("binary_accuracy", p, y, p.size() == y.size());
            long ok = 0;
            for (int i = 0; i < p.size(); i++) {
                if ((p.data()[i] > threshold) == (y.data()[i] > 0.5f)) {
                    ok++;
                }
            }
            return new long[] {ok, p.size()};
        });
    }

    /** The label is among the {@code k} highest scores (ties count against). */
    public static Metric topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top_k_accuracy: k must be >= 1, got " + k);
        }
        return new Counting("top_" + k + "_accuracy", () -> topK(k), (p, y) -> {
            requireRows("top_k_accuracy", p, y, y.rank() == 1);
            int c = p.dim(-1);
            int n = p.dim(0);
            long ok = 0;
            for (int i = 0; i < n; i++) {
                int label = Math.round(y.data()[i]);
                float v = p.data()[i * c + label];
                int higher = 0;
                for (int j = 0; j < c; j++) {
                    if (p.data()[i * c + j] > v || (p.data()[i * c + j] == v && j < label)) {
                        higher++;
                    }
                }
                if (higher < k) {
                    ok++;
                }
            }
            return new long[] {ok, n};
        });
    }

    /** Binary precision {@code tp / (tp + fp)} at {@code threshold}. */
    public static Metric precision(double threshold) {
        return new Counting("precision", () -> precision(threshold), (p, y) -> {
            long[] c = confusion(p, y, threshold);
            return new long[] {c[0], c[0] + c[1]};
        });
    }

    /** Binary recall {@code tp / (tp + fn)} at {@code threshold}. */
    public static Metric recall(double threshold) {
        return new Counting("recall", () -> recall(threshold), (p, y) -> {
            long[] c = confusion(p, y, threshold);
            return new long[] {c[0], c[0] + c[2]};
        });
    }

    /** {@code [tp, fp, fn]} at a threshold. */
    private static long[] confusion(Tensor p, Tensor y, double threshold) {
        requireRows("precision/recall", p, y, p.size() == y.size());
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < p.size(); i++) {
            boolean pred = p.data()[i] > threshold;
            boolean truth = y.data()[i] > 0.5f;
            if (pred && truth) tp++;
            else if (pred) fp++;
            else if (truth) fn++;
        }
        return new long[] {tp, fp, fn};
    }

    /**
     * The confusion matrix {@code [K, K]}: entry {@code [t][p]} counts samples of true class t
     * predicted as p. Predictions {@code [N, K]} (scores), labels {@code [N]}.
     */
    public static long[][] confusionMatrix(Tensor pred, Tensor labels) {
        requireRows("confusion_matrix", pred, labels, labels.rank() == 1 && pred.rank() == 2);
        int k = pred.dim(1);
        long[][] m = new long[k][k];
        for (int i = 0; i < pred.dim(0); i++) {
            int t = Math.round(labels.data()[i]);
            if (t < 0 || t >= k) {
                throw new IllegalArgumentException("confusion_matrix: label " + t + " at row " + i
                        + " is outside [0, " + k + ")");
            }
            m[t][argmax(pred.data(), i * k, k)]++;
        }
        return m;
    }

    static int argmax(float[] x, int off, int len) {
        int best = 0;
        float v = x[off];
        for (int j = 1; j < len; j++) {
            if (x[off + j] > v) {
                v = x[off + j];
                best = j;
            }
        }
        return best;
    }

    private static void requireRows(String name, Tensor p, Tensor y, boolean ok) {
        if (!ok || p.rank() < 1 || y.rank() < 1 || p.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException(name + ": predictions of shape " + Shapes.str(p.shape())
                    + " do not fit targets of shape " + Shapes.str(y.shape()));
        }
    }

    /** A metric that is a ratio of two counts accumulated over batches. */
    private static final class Counting implements Metric {
        interface Counter {
            long[] count(Tensor p, Tensor y);
        }

        private final String name;
        private final java.util.function.Supplier<Metric> factory;
        private final Counter counter;
        private long num;
        private long den;

        Counting(String name, java.util.function.Supplier<Metric> factory, Counter counter) {
            this.name = name;
            this.factory = factory;
            this.counter = counter;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void reset() {
            num = 0;
            den = 0;
        }

        @Override
        public void update(Tensor yPred, Tensor yTrue) {
            long[] c = counter.count(yPred, yTrue);
            num += c[0];
            den += c[1];
        }

        @Override
        public double result() {
            return den == 0 ? 0.0 : (double) num / den;
        }

        @Override
        public Metric copy() {
            return factory.get();
        }
    }
}
