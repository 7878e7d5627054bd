package org.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Reductions;
import org.junit.jupiter.api.Test;

/**
 * hebb's promise that results do not depend on the thread count, checked end to end: one
 * training step of a small MLP built from tensor ops only, with 1 and with 2 threads, must give
 * bit-identical loss and updated weights.
 */
class DeterminismTest {
    private static final int BATCH = 256;
    private static final int IN = 784;
    private static final int[] WIDTHS = {IN, 128, 64, 10};
    private static final float LR = 0.1f;

    /** The loss and every parameter after one SGD step. */
    private record Step(float loss, float lossAfter, float[][] params) {}

    private static Tensor gaussian(Rng rng, float std, int... shape) {
        float[] v = new float[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian() * std;
        return Tensor.of(v, shape).requiresGrad(true);
    }

    private static Tensor forwardLoss(Tensor x, Tensor onehot, Tensor[] p) {
        Tensor w1 = p[0];
        Tensor z1 = x.matmul(w1).add(p[1]);
        // Batch standardization: mean and population variance over 256 rows x 128 columns
        // (two row chunks each), broadcast back.
        Tensor h1 = z1.sub(z1.mean(0, true)).div(z1.var(0, true).add(1e-5f).sqrt()).relu();
        Tensor h2 = h1.matmul(p[2]).add(p[3]).relu();
        Tensor logits = h2.matmul(p[4]).add(p[5]);
        Tensor crossEntropy = logits.logSoftmax().mul(onehot).sum().mul(-1f / BATCH);
        // L2 penalty on w1: a sum over 100,352 elements, seven reduction chunks.
        Tensor l2 = w1.mul(w1).sum().mul(1e-4f);
        return crossEntropy.add(l2);
    }

    private static Step trainStep(int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Rng rng = new Rng(2024);
            float[] xv = new float[BATCH * IN];
            for (int i = 0; i < xv.length; i++) xv[i] = rng.nextFloat();
            Tensor x = Tensor.of(xv, BATCH, IN);
            float[] oh = new float[BATCH * 10];
            for (int i = 0; i < BATCH; i++) oh[i * 10 + rng.nextInt(10)] = 1f;
            Tensor onehot = Tensor.of(oh, BATCH, 10);
            Tensor[] p = new Tensor[6];
            for (int l = 0; l < 3; l++) {
                p[2 * l] = gaussian(rng, (float) Math.sqrt(2.0 / WIDTHS[l]), WIDTHS[l], WIDTHS[l + 1]);
                p[2 * l + 1] = gaussian(rng, 0.1f, WIDTHS[l + 1]);
            }
            assertTrue(p[0].size() > 4 * Reductions.CHUNK, "the L2 sum must span several reduction chunks");
            assertTrue(BATCH * WIDTHS[1] > Reductions.CHUNK, "the batch statistics must span several chunks");

            Tensor loss = forwardLoss(x, onehot, p);
            loss.backward();
            for (Tensor t : p) {
                float[] w = t.data();
                float[] g = t.grad().data();
                for (int i = 0; i < w.length; i++) w[i] -= LR * g[i];
            }
            float after;
            try (var scope = Autograd.noGrad()) {
                after = forwardLoss(x, onehot, p).item();
            }
            float[][] params = new float[p.length][];
            for (int i = 0; i < p.length; i++) params[i] = p[i].toArray();
            return new Step(loss.item(), after, params);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void oneSgdStepOfAnMlpIsBitIdenticalWithOneAndTwoThreads() {
        Step one = trainStep(1);
        Step two = trainStep(2);
        assertTrue(Float.isFinite(one.loss()) && one.loss() > 1.5f && one.loss() < 5f, "loss " + one.loss());
        assertTrue(one.lossAfter() < one.loss(), "one SGD step lowers the loss: " + one.loss() + " -> " + one.lossAfter());
        assertTrue(Float.floatToIntBits(one.loss()) == Float.floatToIntBits(two.loss()),
                "loss differs: " + one.loss() + " vs " + two.loss());
        assertTrue(Float.floatToIntBits(one.lossAfter()) == Float.floatToIntBits(two.lossAfter()),
                "loss after the step differs: " + one.lossAfter() + " vs " + two.lossAfter());
        String[] names = {"w1", "b1", "w2", "b2", "w3", "b3"};
        for (int i = 0; i < names.length; i++) {
            assertTrue(Arrays.equals(one.params()[i], two.params()[i]), names[i] + " differs after the update");
        }
    }
}
