package org.hebb.losses;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.ops.CrossEntropy;
import org.hebb.ops.PointwiseLoss;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
    private static final Tensor LABELS = Tensor.of(new float[] {0, 2}, 2);

    @Test
    void sparseCrossEntropyFromProbabilitiesByHand() {
        Tensor p = Tensor.of(new float[] {0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f}, 2, 3);
        double expected = -(Math.log(0.7) + Math.log(0.6)) / 2;
        assertEquals(expected, Losses.get("sparse_categorical_crossentropy").compute(p, LABELS).item(), 1e-6);
    }

    @Test
    void labelSmoothingByHand() {
        // eps = 0.3, K = 3: loss_i = 0.7 * (lse - z_y) + 0.3 * mean_k(lse - z_k); gradient p - t.
        Tensor z = Tensor.of(new float[] {1, 2, 3, 0, 0, 0}, 2, 3).requiresGrad(true);
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double lse1 = Math.log(3);
        double row0 = 0.7 * (lse0 - 1) + 0.3 * (lse0 - 2);
        double row1 = 0.7 * lse1 + 0.3 * lse1;
        Tensor loss = Losses.sparseCategoricalCrossentropy(true, 0.3f).compute(z, LABELS);
        assertEquals((row0 + row1) / 2, loss.item(), 1e-6);
        assertEquals("sparse_categorical_crossentropy", Losses.sparseCategoricalCrossentropy(true, 0.3f).name());
        loss.backward();
        double p00 = Math.exp(1 - lse0);
        assertEquals((p00 - (0.7 + 0.1)) / 2, z.grad().data()[0], 1e-6, "p - t at the label");
        assertEquals((1.0 / 3 - 0.1) / 2, z.grad().data()[3], 1e-6, "p - t off the label");
        // From probabilities (a softmax output) the value is the same.
        Tensor p = Tensor.of(new float[] {0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f}, 2, 3);
        double expected = (0.8 * -Math.log(0.7) + 0.1 * -Math.log(0.2) + 0.1 * -Math.log(0.1)
                + 0.1 * -Math.log(0.1) + 0.1 * -Math.log(0.3) + 0.8 * -Math.log(0.6)) / 2;
        assertEquals(expected, Losses.sparseCategoricalCrossentropy(false, 0.3f).compute(p, LABELS).item(), 1e-6);
        // eps = 0 is the plain loss.
        assertEquals(Losses.sparseCategoricalCrossentropy(false).compute(p, LABELS).item(),
                Losses.sparseCategoricalCrossentropy(false, 0f).compute(p, LABELS).item());
        check("label smoothing", x -> Losses.sparseCategoricalCrossentropy(true, 0.2f).compute(x[0], LABELS),
                uniform(5, -2, 2, 2, 3));
    }

    @Test
    void badLabelSmoothingIsRefused() {
        for (float eps : new float[] {-0.1f, 1f, Float.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Losses.sparseCategoricalCrossentropy(true, eps));
            assertTrue(e.getMessage().contains("label smoothing must be in [0, 1)"), e.getMessage());
        }
        var bad = assertThrows(IllegalArgumentException.class, () -> Losses.sparseCategoricalCrossentropy(true, 0.1f)
                .compute(Tensor.of(new float[6], 2, 3), Tensor.of(new float[] {0, 3}, 2)));
        assertTrue(bad.getMessage().contains("label 3.0"), bad.getMessage());
    }

    @Test
    void categoricalCrossEntropyFromLogitsByHand() {
        Tensor z = Tensor.of(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
        Tensor t = Tensor.of(new float[] {0, 0, 1, 0.5f, 0.5f, 0}, 2, 3);
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double lse1 = Math.log(3);
        double expected = ((lse0 - 3) + (lse1 - 0)) / 2;
        assertEquals(expected, Losses.categoricalCrossentropy(true).compute(z, t).item(), 1e-6);
    }

    @Test
    void binaryCrossEntropyByHand() {
        Tensor p = Tensor.of(new float[] {0.9f, 0.2f}, 2);
        Tensor y = Tensor.of(new float[] {1, 0}, 2);
        double expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
        assertEquals(expected, Losses.get("binary_crossentropy").compute(p, y).item(), 1e-6);
        Tensor z = Tensor.of(new float[] {2f, -1f}, 2);
        double e2 = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1))) / 2;
        assertEquals(e2, Losses.binaryCrossentropy(true).compute(z, y).item(), 1e-6);
    }

    @Test
    void regressionLossesByHand() {
        Tensor p = Tensor.of(new float[] {1, 2, 5}, 3);
        Tensor y = Tensor.of(new float[] {1, 4, 2}, 3);
        assertEquals((0 + 4 + 9) / 3.0, Losses.get("mse").compute(p, y).item(), 1e-6);
        assertEquals((0 + 2 + 3) / 3.0, Losses.get("mae").compute(p, y).item(), 1e-6);
        // Huber delta 1: 0, 1*(2-0.5)=1.5, 1*(3-0.5)=2.5
        assertEquals((0 + 1.5 + 2.5) / 3.0, Losses.get("huber").compute(p, y).item(), 1e-6);
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor z = Tensor.of(new float[] {1e4f, -1e4f, 0f, -1e4f, 1e4f, 1e4f}, 2, 3);
        float l = Losses.sparseCategoricalCrossentropy(true).compute(z, LABELS).item();
        assertTrue(Float.isFinite(l));
        // row 0 is right with certainty (0); row 1 has lse = 1e4 + log 2 against its logit 1e4
        assertEquals(Math.log(2) / 2, l, 1e-4);
        float wrong = Losses.sparseCategoricalCrossentropy(true).compute(z, Tensor.of(new float[] {1, 0}, 2)).item();
        assertEquals(2e4 + Math.log(2) / 2, wrong, 1e-2);
        Tensor zb = Tensor.of(new float[] {1e4f, -1e4f}, 2);
        float b = Losses.binaryCrossentropy(true).compute(zb, Tensor.of(new float[] {0, 1}, 2)).item();
        assertEquals(1e4, b, 1e-1);
        Tensor p = Tensor.of(new float[] {1, 0, 0, 0, 0, 1}, 2, 3);
        float fromProbs = Losses.get("sparse_categorical_crossentropy").compute(p, Tensor.of(new float[] {1, 0}, 2)).item();
        assertEquals(-Math.log(1e-7), fromProbs, 1e-3);
    }

    @Test
    void gradientsOfEveryLoss() {
        Tensor labels = Tensor.of(new float[] {1, 0, 3}, 3);
        check("softmax_ce sparse", x -> CrossEntropy.softmaxFromLogits(x[0], labels, true), uniform(1, -2, 2, 3, 4));
        Tensor target = uniform(2, 0, 1, 3, 4);
        check("softmax_ce dense", x -> CrossEntropy.softmaxFromLogits(x[0], target, false), uniform(3, -2, 2, 3, 4));
        check("ce from probs", x -> CrossEntropy.fromProbabilities(x[0], target, false), uniform(4, 0.1f, 0.9f, 3, 4));
        Tensor y01 = Tensor.of(new float[] {1, 0, 1, 0, 1}, 5);
        check("bce logits", x -> CrossEntropy.binaryFromLogits(x[0], y01), uniform(5, -3, 3, 5));
        check("bce probs", x -> CrossEntropy.binaryFromProbabilities(x[0], y01), uniform(6, 0.1f, 0.9f, 5));
        Tensor t = uniform(7, -1, 1, 6);
        check("mse", x -> PointwiseLoss.compute(PointwiseLoss.Kind.MSE, x[0], t, 0), uniform(8, -1, 1, 6));
        // keep |d| away from 0 (MAE kink) and from delta (Huber kink)
        Tensor far = Tensor.of(new float[] {0.5f, -0.6f, 2.5f, -3f, 0.3f, 1.7f}, 6);
        Tensor zeros = Tensor.of(new float[6], 6);
        check("mae", x -> PointwiseLoss.compute(PointwiseLoss.Kind.MAE, x[0], zeros, 0), far);
        check("huber", x -> PointwiseLoss.compute(PointwiseLoss.Kind.HUBER, x[0], zeros, 1f), far);
    }

    @Test
    void softmaxFusedWithCrossEntropyMatchesTheUnfusedLossAndGivesPMinusY() {
        Tensor z = uniform(9, -3, 3, 4, 5).requiresGrad(true);
        Tensor y = Tensor.of(new float[] {0, 4, 2, 1}, 4);
        Tensor probs = z.softmax(-1);
        Loss loss = Losses.sparseCategoricalCrossentropy();
        Tensor fused = loss.compute(probs, y);
        assertEquals("softmax_cross_entropy", fused.node().op());
        float unfused = CrossEntropy.fromProbabilities(probs.detach(), y, true).item();
        assertEquals(unfused, fused.item(), 1e-5);
        fused.backward();
        float[] p = probs.data();
        float[] g = z.grad().data();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                float expected = (p[i * 5 + j] - (j == Math.round(y.data()[i]) ? 1f : 0f)) / 4f;
                assertEquals(expected, g[i * 5 + j], 1e-6);
            }
        }
    }

    @Test
    void badTargetsAreRefusedWithShapes() {
        Tensor p = Tensor.of(new float[6], 2, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Losses.sparseCategoricalCrossentropy().compute(p, Tensor.of(new float[3], 3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class,
                () -> Losses.sparseCategoricalCrossentropy(true).compute(p, Tensor.of(new float[] {0, 3}, 2)));
        assertTrue(bad.getMessage().contains("label 3.0"), bad.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> Losses.get("cross_entropy"));
        assertTrue(unknown.getMessage().contains("sparse_categorical_crossentropy"), unknown.getMessage());
        assertArrayEquals(new int[] {2, 3}, p.shape());
    }
}
