package org.hebb.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Samples held in memory: inputs {@code x [N, ...]} (e.g. images {@code [N, H, W, C]} or
 * tabular rows {@code [N, features]}) and targets {@code y [N]} (class indices or values) or
 * {@code [N, K]} (one-hot or several outputs), row {@code i} of each belonging together.
 *
 * <p>Immutable: {@link #shuffle}, {@link #split}, {@link #take} and the batches return new
 * tensors (copies of the selected rows) and never change this dataset's arrays. Every random
 * choice draws from the {@link Rng} passed in, so the same seed gives the same order.
 *
 * <pre>{@code
 * Dataset.Split s = data.split(0.1, new Rng(42));   // 90% train, 10% validation, shuffled
 * for (Dataset.Batch b : s.train().batches(64, rng)) { ... b.x() ... b.y() ... }
 * }</pre>
 */
public final class Dataset {
    private final Tensor x;
    private final Tensor y;

    /**
     * The dataset of inputs {@code x [N, ...]} and targets {@code y [N]} or {@code [N, K]}.
     *
     * @throws IllegalArgumentException if either is null or scalar, {@code y} has rank above 2,
     *                                  or their first dimensions differ
     */
    public Dataset(Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Dataset: x and y must not be null (got x " + (x == null ? "null" : "set")
                    + ", y " + (y == null ? "null" : "set") + ")");
        }
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Dataset: x must have a sample axis [N, ...], got a scalar");
        }
        if (y.rank() < 1 || y.rank() > 2) {
            throw new IllegalArgumentException("Dataset: y must be [N] or [N, K], got shape " + Arrays.toString(y.shape()));
        }
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Dataset: x has " + x.dim(0) + " samples " + Arrays.toString(x.shape())
                    + " but y has " + y.dim(0) + " " + Arrays.toString(y.shape()));
        }
        this.x = x;
        this.y = y;
    }

    /** One batch: inputs and targets of the same samples. */
    public record Batch(Tensor x, Tensor y) {
        /** Number of samples in the batch. */
        public int size() {
            return x.dim(0);
        }
    }

    /** A training part and a validation part of a dataset. */
    public record Split(Dataset train, Dataset validation) {}

    /** The inputs {@code [N, ...]} (the live tensor, not a copy). */
    public Tensor x() {
        return x;
    }

    /** The targets {@code [N]} or {@code [N, K]} (the live tensor, not a copy). */
    public Tensor y() {
        return y;
    }

    /** Number of samples N. */
    public int size() {
        return x.dim(0);
    }

    /** The shape of one input sample (x's shape without its first axis). */
    public int[] sampleShape() {
        int[] s = x.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /**
     * The first {@code n} samples (copied).
     *
     * @throws IllegalArgumentException unless {@code 0 <= n <= size()}
     */
    public Dataset take(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("Dataset.take(" + n + "): dataset has " + size() + " samples");
        }
        return slice(0, n);
    }

    /**
     * Samples {@code [from, to)} in order (copied).
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= size()}
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || from > to || to > size()) {
            throw new IllegalArgumentException("Dataset.slice(" + from + ", " + to + "): dataset has " + size()
                    + " samples");
        }
        return new Dataset(rows(x, null, from, to), rows(y, null, from, to));
    }

    /**
     * The samples at {@code indices}, in that order (copied; an index may repeat).
     *
     * @throws IllegalArgumentException if an index is outside {@code [0, size())}
     */
    public Dataset select(int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException("Dataset.select: index " + indices[i] + " at position " + i
                        + " is outside [0, " + size() + ")");
            }
        }
        return new Dataset(rows(x, indices, 0, indices.length), rows(y, indices, 0, indices.length));
    }

    /** All samples in a random order drawn from {@code rng} (Fisher-Yates; copied). */
    public Dataset shuffle(Rng rng) {
        return select(permutation(rng));
    }

    /**
     * Splits off {@code validationFraction} of the samples for validation. With an {@code rng}
     * the samples are shuffled first; with {@code null} the validation part is the last samples,
     * in order (Keras' {@code validation_split}). The training part gets
     * {@code ceil(N * (1 - validationFraction))} samples, as in Keras.
     *
     * @throws IllegalArgumentException unless the fraction is in (0, 1) and both parts get at least one sample
     */
    public Split split(double validationFraction, Rng rng) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: validation fraction must be in (0, 1), got "
                    + validationFraction);
        }
        int n = size();
        int trainCount = (int) Math.ceil(n * (1.0 - validationFraction));
        if (trainCount < 1 || trainCount >= n) {
            throw new IllegalArgumentException("Dataset.split(" + validationFraction + "): " + n + " samples would give "
                    + trainCount + " for training and " + (n - trainCount) + " for validation; both need at least one");
        }
        Dataset source = rng == null ? this : shuffle(rng);
        return new Split(source.slice(0, trainCount), source.slice(trainCount, n));
    }

    /** The samples in order, in batches of {@code batchSize} (the last one smaller when N is not a multiple). */
    public Iterable<Batch> batches(int batchSize) {
        return batches(batchSize, null);
    }

    /**
     * The samples in batches of {@code batchSize} (the last one smaller when N is not a
     * multiple), in an order drawn from {@code rng} now (call once per epoch for a new order),
     * or in order when {@code rng} is null. Each batch is copied when the iterator reaches it.
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Iterable<Batch> batches(int batchSize, Rng rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset.batches: batch size must be >= 1, got " + batchSize);
        }
        int n = size();
        int[] order = rng == null ? null : permutation(rng);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Batch next() {
                if (next >= n) {
                    throw new NoSuchElementException("Dataset.batches: no batch after sample " + n);
                }
                int from = next;
                int to = Math.min(n, from + batchSize);
                next = to;
                return new Batch(rows(x, order, from, to), rows(y, order, from, to));
            }
        };
    }

    /** Number of batches of {@code batchSize} that {@link #batches} yields: {@code ceil(N / batchSize)}. */
    public int batchCount(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset.batchCount: batch size must be >= 1, got " + batchSize);
        }
        return (size() + batchSize - 1) / batchSize;
    }

    private int[] permutation(Rng rng) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        return order;
    }

    /** Rows {@code [from, to)} of {@code t}, or rows {@code order[from .. to)} when {@code order} is given, copied. */
    private static Tensor rows(Tensor t, int[] order, int from, int to) {
        int[] s = t.shape();
        int row = Shapes.prod(s, 1, s.length);
        float[] src = t.data();
        float[] out = new float[(to - from) * row];
        if (order == null) {
            System.arraycopy(src, from * row, out, 0, out.length);
        } else {
            for (int i = from; i < to; i++) {
                System.arraycopy(src, order[i] * row, out, (i - from) * row, row);
            }
        }
        s[0] = to - from;
        return Tensor.of(out, s);
    }

    @Override
    public String toString() {
        return "Dataset(x " + Arrays.toString(x.shape()) + ", y " + Arrays.toString(y.shape()) + ")";
    }
}
