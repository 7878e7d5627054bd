package org.hebb.ops;

import org.hebb.kernels.Parallel;
import org.hebb.kernels.Reductions;
import org.hebb.kernels.Streams;
import org.hebb.tensor.Buffers;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Batch normalization over the last (channel) axis, NHWC: for each channel c, over the
 * {@code M = size / C} values of that channel in the batch,
 * {@code y = gamma * (x - mean) / sqrt(var + eps) + beta}.
 *
 * <p>{@link #training} uses the batch's mean and (biased) variance and returns them so the
 * layer can update its moving averages; its gradient, with {@code xh} the normalized input
 * and {@code s = 1/sqrt(var + eps)}:
 * {@code dbeta = sum(g)}, {@code dgamma = sum(g * xh)},
 * {@code dx = gamma * s / M * (M*g - sum(g) - xh * sum(g * xh))}.
 * {@link #inference} uses given statistics: an affine map per channel.
 *
 * <p>Per-channel sums run over fixed chunks of rows, combined in chunk order (deterministic).
 */
public final class BatchNorm {
    private static final int ROWS_PER_CHUNK = 1024;

    private BatchNorm() {}

    /** The output and the batch statistics of a training step. */
    public record Result(Tensor output, float[] mean, float[] variance) {}

    /** Normalizes with the batch's own statistics. x {@code [..., C]}, gamma and beta {@code [C]}. */
    public static Result training(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return training(x, gamma, beta, eps, false);
    }

    /**
     * {@link #training}, then, when {@code relu}, {@code max(., 0)} in the same pass over the
     * output (a band of rows at a time while it is in cache; one op in the graph, "batch_norm_relu").
     * Its values and gradients are bit for bit those of {@code relu(training(x, ...).output())}:
     * the backward pass masks the upstream gradient where the output is not positive (as the
     * ReLU's own backward does from its input) and goes on as {@link #training}'s.
     */
    public static Result training(Tensor x, Tensor gamma, Tensor beta, float eps, boolean relu) {
        int c = check(x, gamma, beta);
        int m = x.size() / c;
        float[] xd = x.data();
        double[][] sums = channelSums(xd, null, m, c, null);
        float[] mean = new float[c];
        float[] var = new float[c];
        float[] inv = new float[c];
        for (int j = 0; j < c; j++) {
            double mu = sums[0][j] / m;
            double v = Math.max(0.0, sums[1][j] / m - mu * mu);
            mean[j] = (float) mu;
            var[j] = (float) v;
            inv[j] = (float) (1.0 / Math.sqrt(v + eps));
        }
        // y = x * scale + shift per channel (scale = gamma * s, shift = beta - mean * scale): one
        // pass, and no normalized copy of x is kept for the backward pass, which works from x.
        float[] gm = gamma.data();
        float[] bt = beta.data();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int j = 0; j < c; j++) {
            scale[j] = gm[j] * inv[j];
            shift[j] = bt[j] - mean[j] * scale[j];
        }
        float[] y = Buffers.take(xd.length); // written whole by the bands below
        float[] scaleT = tile(scale);
        float[] shiftT = tile(shift);
        forBands(m, c, (o, len) -> {
            Streams.affine(xd, o, scaleT, shiftT, y, o, len);
            if (relu) {
                Streams.relu(y, o, o + len);
            }
        });
        Tensor out = Tensor.fromOp(relu ? "batch_norm_relu" : "batch_norm", y, x.shape(), gOut -> {
            float[] g = gOut;
            if (relu) {
                // the ReLU's gradient: gOut where the output is positive, else 0
                float[] masked = Buffers.take(gOut.length);
                forBands(m, c, (o, len) -> Streams.maskPositive(gOut, y, o, masked, o, len));
                g = masked;
            }
            // sum(g * xh) = s * (sum(g * x) - mean * sum(g)), the sums in double
            double[][] gs = channelSums(g, xd, m, c, "dot");
            float[] dgamma = new float[c];
            float[] dbeta = new float[c];
            for (int j = 0; j < c; j++) {
                dbeta[j] = (float) gs[0][j];
                dgamma[j] = (float) (inv[j] * (gs[1][j] - (double) mean[j] * gs[0][j]));
            }
            float[] dx = null;
            if (x.requiresGrad()) {
                // dx = a * (g - (xh * dgamma + dbeta) / M) with a = gamma * s, written as
                // xh * q + p + a * g (q = -a * dgamma / M, p = -a * dbeta / M), and with
                // xh = (x - mean) * s as x * (q * s) + (p - mean * s * q) + a * g.
                float[] a = new float[c];
                float[] qx = new float[c];
                float[] p = new float[c];
                for (int j = 0; j < c; j++) {
                    a[j] = gm[j] * inv[j];
                    double q = -(double) a[j] * dgamma[j] / m;
                    qx[j] = (float) (q * inv[j]);
                    p[j] = (float) (-(double) a[j] * dbeta[j] / m - (double) mean[j] * inv[j] * q);
                }
                float[] aT = tile(a);
                float[] qT = tile(qx);
                float[] pT = tile(p);
                float[] d = Buffers.take(g.length);
                float[] gg = g;
                forBands(m, c, (o, len) -> {
                    Streams.affine(xd, o, qT, pT, d, o, len);
                    Streams.mulAddInto(d, o, gg, o, aT, 0, len);
                });
                dx = d;
            }
            if (relu) {
                Buffers.give(g);
            }
            return new float[][] {dx, gamma.requiresGrad() ? dgamma : null, beta.requiresGrad() ? dbeta : null};
        }, x, gamma, beta);
        return new Result(out, mean, var);
    }

    /** Normalizes with given statistics (moving averages at inference). */
    public static Tensor inference(Tensor x, Tensor gamma, Tensor beta, float[] mean, float[] variance, float eps) {
        int c = check(x, gamma, beta);
        int m = x.size() / c;
        float[] scale = new float[c];
        float[] shift = new float[c];
        float[] inv = new float[c];
        float[] gm = gamma.data();
        float[] bt = beta.data();
        for (int j = 0; j < c; j++) {
            inv[j] = (float) (1.0 / Math.sqrt(variance[j] + (double) eps));
            scale[j] = gm[j] * inv[j];
            shift[j] = bt[j] - mean[j] * scale[j];
        }
        float[] xd = x.data();
        float[] y = new float[xd.length];
        float[] scaleT = tile(scale);
        float[] shiftT = tile(shift);
        forBands(m, c, (o, len) -> Streams.affine(xd, o, scaleT, shiftT, y, o, len));
        return Tensor.fromOp("batch_norm_inference", y, x.shape(), g -> {
            // y = x * scale + shift per channel: dx = g * scale; dgamma = sum g * (x - mean) * inv;
            // dbeta = sum g (channel sums over fixed row blocks, as in training).
            float[] dx = null;
            if (x.requiresGrad()) {
                float[] d = new float[g.length];
                Parallel.forRange(m, ROWS_PER_CHUNK, (r0, r1) -> {
                    for (int r = r0; r < r1; r++) {
                        int o = r * c;
                        for (int j = 0; j < c; j++) {
                            d[o + j] = g[o + j] * scale[j];
                        }
                    }
                });
                dx = d;
            }
            float[] dgamma = null;
            float[] dbeta = null;
            if (gamma.requiresGrad() || beta.requiresGrad()) {
                float[] xhat = new float[xd.length];
                for (int r = 0; r < m; r++) {
                    int o = r * c;
                    for (int j = 0; j < c; j++) {
                        xhat[o + j] = (xd[o + j] - mean[j]) * inv[j];
                    }
                }
                double[][] sums = channelSums(g, xhat, m, c, "dot");
                dgamma = new float[c];
                dbeta = new float[c];
                for (int j = 0; j < c; j++) {
                    dbeta[j] = (float) sums[0][j];
                    dgamma[j] = (float) sums[1][j];
                }
            }
            return new float[][] {dx, gamma.requiresGrad() ? dgamma : null, beta.requiresGrad() ? dbeta : null};
        }, x, gamma, beta);
    }

    /**
     * Per-channel sums over rows, in fixed chunks combined in order: {@code [sum(a), sum(a*a)]},
     * or with {@code b} and mode "dot": {@code [sum(a), sum(a*b)]}.
     */
    private static double[][] channelSums(float[] a, float[] b, int m, int c, String mode) {
        int chunks = Parallel.chunkCount(m, ROWS_PER_CHUNK);
        double[][] s1 = new double[chunks][c];
        double[][] s2 = new double[chunks][c];
        Parallel.forChunks(chunks, k -> Reductions.columnSums(a, b, k * ROWS_PER_CHUNK,
                Math.min(m, (k + 1) * ROWS_PER_CHUNK), c, s1[k], s2[k]));
        double[][] out = new double[2][c];
        for (int k = 0; k < chunks; k++) {
            for (int j = 0; j < c; j++) {
                out[0][j] += s1[k][j];
                out[1][j] += s2[k][j];
            }
        }
        return out;
    }

    /** The per-channel values {@code v [C]} repeated for each row of a band. */
    private static float[] tile(float[] v) {
        int c = v.length;
        int band = Streams.bandRows(c);
        float[] t = new float[band * c];
        for (int b = 0; b < band; b++) {
            System.arraycopy(v, 0, t, b * c, c);
        }
        return t;
    }

    /** A loop body over a run of whole rows: {@code len} floats from offset {@code o}. */
    private interface Run {
        void apply(int o, int len);
    }

    /**
     * Calls {@code run} over rows {@code [0, m)} of {@code [m, c]} in parallel fixed chunks, a
     * band of rows at a time (the factors tiled by {@link #tile} line up with every band), then
     * the chunk's remaining rows one by one.
     */
    private static void forBands(int m, int c, Run run) {
        int band = Streams.bandRows(c);
        Parallel.forRange(m, ROWS_PER_CHUNK, (r0, r1) -> {
            int r = r0;
            for (; r + band <= r1; r += band) {
                run.apply(r * c, band * c);
            }
            for (; r < r1; r++) {
                run.apply(r * c, c);
            }
        });
    }

    private static int check(Tensor x, Tensor gamma, Tensor beta) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batch_norm: expected input [N, ..., C], got shape " + Shapes.str(x.shape()));
        }
        int c = x.dim(-1);
        if (gamma.size() != c || beta.size() != c) {
            throw new IllegalArgumentException("batch_norm: input " + Shapes.str(x.shape()) + " has " + c
                    + " channels, gamma " + Shapes.str(gamma.shape()) + " and beta " + Shapes.str(beta.shape()));
        }
        return c;
    }
}
