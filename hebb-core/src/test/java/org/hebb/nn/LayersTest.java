package org.hebb.nn;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hebb.ops.BatchNorm;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Sequential;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void denseComputesXTimesKernelPlusBiasThenActivation() {
        Dense d = new Dense(2, Activation.RELU);
        d.build(new int[] {3});
        System.arraycopy(new float[] {1, -1, 2, 0, 0, 1}, 0, d.kernel().data(), 0, 6);
        System.arraycopy(new float[] {0.5f, -10f}, 0, d.bias().data(), 0, 2);
        Tensor x = Tensor.of(new float[] {1, 2, 3, -1, 0, 1}, 2, 3);
        // row0: [1+4+0, -1+0+3] + b = [5.5, -8] -> relu [5.5, 0]; row1: [-1+0+0, 1+0+1] + b = [-0.5, -8] -> [0, 0]
        assertArrayEquals(new float[] {5.5f, 0, 0, 0}, d.forward(x, false).data());
        assertEquals(8, d.countParameters());
        List<Parameter> ps = d.parameters();
        assertEquals("kernel", ps.get(0).name());
        assertEquals("bias", ps.get(1).name());
    }

    @Test
    void denseGradientsThroughTheLayer() {
        Dense d = new Dense(3, Activation.TANH).rng(new Rng(1));
        d.build(new int[] {4});
        check("dense", x -> d.forward(x[0], true), uniform(2, -1, 1, 5, 4));
        check("dense kernel", k -> d.forward(uniform(3, -1, 1, 5, 4), true), d.kernel(), d.bias());
    }

    @Test
    void denseShapeErrorNamesLayerFeaturesAndShape() {
        Dense d = new Dense(64);
        d.build(new int[] {576});
        var e = assertThrows(IllegalArgumentException.class,
                () -> d.forward(Tensor.of(new float[32 * 28 * 28], 32, 28, 28, 1), false));
        assertEquals("Dense(64): expected input with 576 features, got shape [32, 28, 28, 1]", e.getMessage());
    }

    @Test
    void convAndPoolingShapesAndParameterCounts() {
        Conv2D c = new Conv2D(32, 3, Activation.RELU);
        assertArrayEquals(new int[] {26, 26, 32}, c.outputShape(new int[] {28, 28, 1}));
        assertEquals(3 * 3 * 1 * 32 + 32, c.countParameters());
        Conv2D same = new Conv2D(8, 3).strides(2).padding("same");
        assertArrayEquals(new int[] {14, 14, 8}, same.outputShape(new int[] {28, 28, 3}));
        assertArrayEquals(new int[] {6, 6, 32}, new MaxPooling2D(2).outputShape(new int[] {13, 13, 32}));
        assertArrayEquals(new int[] {7, 7, 4}, new AveragePooling2D(2, 2, "same").outputShape(new int[] {13, 13, 4}));
        assertArrayEquals(new int[] {4}, new GlobalAveragePooling2D().outputShape(new int[] {5, 5, 4}));
        Tensor x = uniform(1, -1, 1, 2, 9, 9, 3);
        Conv2D conv = new Conv2D(4, 3, Activation.RELU).rng(new Rng(2));
        assertArrayEquals(new int[] {2, 7, 7, 4}, conv.forward(x, false).shape());
    }

    @Test
    void convTooLargeForItsInputFailsNamingTheLayer() {
        Conv2D c = new Conv2D(8, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> c.outputShape(new int[] {3, 3, 1}));
        assertTrue(e.getMessage().startsWith("Conv2D(8, 5)"), e.getMessage());
        assertTrue(e.getMessage().contains("[None, 3, 3, 1]"), e.getMessage());
        Conv2D built = new Conv2D(4, 3);
        built.build(new int[] {8, 8, 3});
        var ch = assertThrows(IllegalArgumentException.class,
                () -> built.forward(Tensor.of(new float[2 * 8 * 8], 2, 8, 8, 1), false));
        assertTrue(ch.getMessage().contains("[N, H, W, 3]") && ch.getMessage().contains("[2, 8, 8, 1]"), ch.getMessage());
    }

    @Test
    void convLayerGradients() {
        Conv2D c = new Conv2D(2, 3, Activation.TANH).padding("same").rng(new Rng(3));
        c.build(new int[] {5, 5, 2});
        check("conv2d layer", x -> c.forward(x[0], true), uniform(4, -1, 1, 1, 5, 5, 2));
    }

    @Test
    void dropoutIsIdentityAtInferenceAndScalesSurvivorsInTraining() {
        Dropout d = new Dropout(0.5).rng(new Rng(7));
        Tensor x = Tensor.of(filled(10_000, 1f), 100, 100);
        assertSame(x, d.forward(x, false));
        float[] y = d.forward(x, true).data();
        int zeros = 0;
        double sum = 0;
        for (float v : y) {
            assertTrue(v == 0f || v == 2f);
            zeros += v == 0f ? 1 : 0;
            sum += v;
        }
        assertEquals(5000, zeros, 200);
        assertEquals(1.0, sum / y.length, 0.05);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
    }

    @Test
    void batchNormalizationTrainingAndInference() {
        BatchNormalization bn = new BatchNormalization();
        Tensor x = uniform(5, 0, 4, 64, 3).add(Tensor.of(new float[] {10, -5, 0}, 3));
        Tensor y = bn.forward(x, true);
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 64; i++) {
                mean += y.get(i, c);
            }
            mean /= 64;
            for (int i = 0; i < 64; i++) {
                sq += (y.get(i, c) - mean) * (y.get(i, c) - mean);
            }
            assertEquals(0, mean, 1e-5);
            assertEquals(1, sq / 64, 1e-2);
        }
        // moving mean after one step: 0.99 * 0 + 0.01 * batch mean
        double m0 = 0;
        for (int i = 0; i < 64; i++) m0 += x.get(i, 0);
        assertEquals(0.01 * m0 / 64, bn.movingMean().get(0), 1e-5);
        // inference uses the moving statistics: (x - mm) / sqrt(mv + eps)
        float mm = bn.movingMean().get(1);
        float mv = bn.movingVariance().get(1);
        Tensor yi = bn.forward(x, false);
        assertEquals((x.get(3, 1) - mm) / Math.sqrt(mv + 1e-3), yi.get(3, 1), 1e-4);
        assertEquals(12, bn.countParameters());
        assertEquals(2, bn.trainableParameters().size());
    }

    @Test
    void batchNormGradients() {
        Tensor gamma = uniform(1, 0.5f, 1.5f, 3);
        Tensor beta = uniform(2, -1, 1, 3);
        check("batch_norm", 1e-2, 2e-2, x -> BatchNorm.training(x[0], x[1], x[2], 1e-3f).output(),
                uniform(3, -2, 2, 4, 2, 2, 3), gamma, beta);
        float[] mean = {0.3f, -0.2f, 0.1f};
        float[] var = {1.5f, 0.4f, 2.0f};
        check("batch_norm_inference", x -> BatchNorm.inference(x[0], x[1], x[2], mean, var, 1e-3f),
                uniform(4, -2, 2, 4, 2, 2, 3), uniform(5, 0.5f, 1.5f, 3), uniform(6, -1, 1, 3));
        // 16 channels over 20 rows: one whole band of 16 rows (the vectorized path, factors tiled
        // per band) and 4 rows after it.
        check("batch_norm 16 channels", 1e-2, 2e-2, x -> BatchNorm.training(x[0], x[1], x[2], 1e-3f).output(),
                uniform(7, -2, 2, 5, 2, 2, 16), uniform(8, 0.5f, 1.5f, 16), uniform(9, -1, 1, 16));
        float[] mean16 = new float[16];
        float[] var16 = new float[16];
        for (int j = 0; j < 16; j++) {
            mean16[j] = 0.1f * j - 0.5f;
            var16[j] = 0.5f + 0.1f * j;
        }
        check("batch_norm_inference 16 channels", x -> BatchNorm.inference(x[0], x[1], x[2], mean16, var16, 1e-3f),
                uniform(10, -2, 2, 5, 2, 2, 16), uniform(11, 0.5f, 1.5f, 16), uniform(12, -1, 1, 16));
    }

    @Test
    void batchNormReluIsBatchNormThenReluBitForBit() {
        // 16 channels over 5 * 3 * 3 = 45 rows: two whole bands and a remainder; beta shifts some
        // channels far below zero and others above, so the mask is neither empty nor full.
        for (int rows : new int[] {3, 45}) {
            Tensor x0 = uniform(21, -2, 2, rows, 16);
            Tensor gamma0 = uniform(22, 0.5f, 1.5f, 16);
            Tensor beta0 = uniform(23, -1.5f, 1.5f, 16);
            Tensor up = uniform(24, -1, 1, rows, 16);
            Tensor[] fused = {x0.detach().requiresGrad(true), gamma0.detach().requiresGrad(true),
                    beta0.detach().requiresGrad(true)};
            Tensor[] plain = {x0.detach().requiresGrad(true), gamma0.detach().requiresGrad(true),
                    beta0.detach().requiresGrad(true)};
            Tensor yf = BatchNorm.training(fused[0], fused[1], fused[2], 1e-3f, true).output();
            Tensor yp = BatchNorm.training(plain[0], plain[1], plain[2], 1e-3f, false).output().relu();
            assertEquals("batch_norm_relu", yf.node().op());
            assertArrayEquals(yp.data(), yf.data(), "rows " + rows);
            int zeros = 0;
            for (float v : yf.data()) zeros += v == 0f ? 1 : 0;
            assertTrue(zeros > 0 && zeros < yf.size(), "the ReLU should cut some outputs, not all: " + zeros);
            yf.backward(up);
            yp.backward(up);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(plain[i].grad().data(), fused[i].grad().data(), "gradient " + i + ", rows " + rows);
            }
        }
        check("batch_norm_relu", 1e-2, 2e-2, x -> BatchNorm.training(x[0], x[1], x[2], 1e-3f, true).output(),
                uniform(25, -2, 2, 4, 2, 2, 3), uniform(26, 0.5f, 1.5f, 3), uniform(27, -0.5f, 0.5f, 3));
    }

    @Test
    void sequentialRunsBatchNormAndReluAsOneOp() {
        Tensor x = uniform(31, -2, 2, 6, 4, 4, 16);
        Sequential fused = new Sequential(new BatchNormalization(), Activation.RELU, new Dense(3).rng(new Rng(5)));
        BatchNormalization bn = new BatchNormalization();
        Dense dense = new Dense(3).rng(new Rng(5));
        Tensor y = fused.forward(x, true);
        Tensor want = dense.forward(bn.forward(x, true).relu(), true);
        assertArrayEquals(want.data(), y.data());
        assertArrayEquals(bn.movingMean().data(), ((BatchNormalization) fused.layers().get(0)).movingMean().data());
        // inference: moving statistics, then the ReLU
        assertArrayEquals(dense.forward(bn.forward(x, false).relu(), false).data(), fused.forward(x, false).data());
    }

    @Test
    void residualAddsTheShortcut() {
        Dense body = new Dense(3).rng(new Rng(1));
        Residual r = new Residual(body);
        Tensor x = uniform(4, -1, 1, 2, 3);
        Tensor expected = body.forward(x, false).add(x);
        assertArrayEquals(expected.data(), r.forward(x, false).data());
        assertEquals(12, r.countParameters());
        assertEquals("body.kernel", r.parameters().get(0).name());
        Residual bad = new Residual(new Dense(4));
        var e = assertThrows(IllegalArgumentException.class, () -> bad.forward(x, false));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void initializersHaveTheirStatedScale() {
        Rng rng = new Rng(11);
        int[] shape = {300, 200};
        float[] w = new float[300 * 200];
        Initializer.glorotUniform().fill(w, shape, rng);
        double limit = Math.sqrt(6.0 / 500);
        double var = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= limit);
            var += v * v;
        }
        assertEquals(limit * limit / 3, var / w.length, limit * limit / 3 * 0.03);
        Initializer.heNormal().fill(w, shape, rng);
        var = 0;
        for (float v : w) var += v * v;
        assertEquals(2.0 / 300, var / w.length, 2.0 / 300 * 0.05);
        int[] conv = {3, 3, 16, 32};
        assertEquals(144, Initializer.fanIn(conv));
        assertEquals(288, Initializer.fanOut(conv));
        assertThrows(IllegalArgumentException.class, () -> Initializer.get("xavier_magic"));
    }

    @Test
    void regularizersPenalizeAndDifferentiate() {
        Tensor w = Tensor.of(new float[] {1, -2, 3}, 3);
        assertEquals(0.1f * 14, Regularizer.l2(0.1f).penalty(w).item(), 1e-6);
        assertEquals(0.01f * 6, Regularizer.l1(0.01f).penalty(w).item(), 1e-6);
        assertEquals(0.01f * 6 + 0.1f * 14, Regularizer.l1l2(0.01f, 0.1f).penalty(w).item(), 1e-6);
        check("l1l2", x -> Regularizer.l1l2(0.3f, 0.2f).penalty(x[0]), Tensor.of(new float[] {0.5f, -0.7f, 1.2f}, 3));
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1f));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
