package org.hebb.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hebb.data.FashionMnist;
import org.hebb.io.ModelFile;
import org.hebb.nn.Parameter;
import org.hebb.nn.Regularizer;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Model;
import org.hebb.train.Sequential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo model: its parameter count against the count worked out by hand from the
 * architecture, its output shape, a few training steps on real images, and a save/load round
 * trip through a model file.
 */
class ZooTest {
    private static Tensor x16;
    private static Tensor y16;

    @BeforeAll
    static void loadBatch() throws Exception {
        Path subset = Path.of(ZooTest.class.getResource("/fashion-mnist-subset/train-labels-idx1-ubyte.gz").toURI())
                .getParent();
        FashionMnist.Split train = FashionMnist.load(subset, "train");
        x16 = Tensor.of(Arrays.copyOf(train.x().data(), 16 * 784), 16, 28, 28, 1);
        y16 = Tensor.of(Arrays.copyOf(train.y().data(), 16), 16);
    }

    /** k x k convolution weights from {@code in} to {@code out} channels, no bias. */
    private static long conv(int k, int in, int out) {
        return (long) k * k * in * out;
    }

    /** Expected {trainable, total} per model; batch normalization has 2C trainable + 2C buffers. */
    static List<Object[]> models() {
        // seed-cnn: conv 3x3 1->32 (+bias), 32->64, 64->64; after 28-2=26, pool 13, 11, pool 5, 3:
        // flatten 3*3*64 = 576 -> Dense 64 -> Dense 10. No buffers.
        long seedCnn = (conv(3, 1, 32) + 32) + (conv(3, 32, 64) + 64) + (conv(3, 64, 64) + 64)
                + (576 * 64 + 64) + (64 * 10 + 10);
        // mlp: 784 -> 128 -> 64 -> 10.
        long mlp = (784 * 128 + 128) + (128 * 64 + 64) + (64 * 10 + 10);
        // vgg: bias-free convs 1->32, 32->32 | 64, 64 | 128, 128, 128, each + BN; 28/2/2/2 = 3:
        // flatten 3*3*128 = 1152 -> Dense 256 -> Dense 10.
        long vggConv = conv(3, 1, 32) + conv(3, 32, 32) + conv(3, 32, 64) + conv(3, 64, 64)
                + conv(3, 64, 128) + conv(3, 128, 128) + conv(3, 128, 128);
        long vggBnChannels = 32 + 32 + 64 + 64 + 128 + 128 + 128;
        long vggDense = (1152 * 256 + 256) + (256 * 10 + 10);
        // resnet20 (width w): conv1 1->w + BN(w); stage 1: 3 blocks of two w->w convs, each + BN;
        // stage 2: block 1 = w->2w (stride 2) + 2w->2w + 1x1 projection w->2w, each + BN,
        // blocks 2-3 = two 2w->2w convs + BN; stage 3 likewise with 2w->4w; Dense 4w -> 10.
        long[] resnet20 = resnet(16);
        long[] resnet20w2 = resnet(32);
        // preact-resnet20: same convs; BN before each block's convs on their input channels
        // (stage s first block: BN(in) shared, BN(out); other blocks BN(out) twice), the
        // projections have no BN, conv1 has none, one final BN(64).
        long preConv = conv(3, 1, 16)
                + 6 * conv(3, 16, 16)
                + conv(3, 16, 32) + conv(3, 32, 32) + conv(1, 16, 32) + 4 * conv(3, 32, 32)
                + conv(3, 32, 64) + conv(3, 64, 64) + conv(1, 32, 64) + 4 * conv(3, 64, 64);
        long preBnChannels = (16 + 16 + 4 * 16) + (16 + 32 + 4 * 32) + (32 + 64 + 4 * 64) + 64;
        long preDense = 64 * 10 + 10;
        return List.of(
                new Object[] {"seed-cnn", seedCnn, seedCnn},
                new Object[] {"mlp", mlp, mlp},
                new Object[] {"vgg", vggConv + 2 * vggBnChannels + vggDense, vggConv + 4 * vggBnChannels + vggDense},
                new Object[] {"resnet20", resnet20[0], resnet20[1]},
                new Object[] {"resnet20-w2", resnet20w2[0], resnet20w2[1]},
                new Object[] {"preact-resnet20", preConv + 2 * preBnChannels + preDense,
                    preConv + 4 * preBnChannels + preDense});
    }

    /** {trainable, total} of the original ResNet-20 of width w, stage by stage. */
    private static long[] resnet(int w) {
        long convs = conv(3, 1, w)
                + 3 * (conv(3, w, w) + conv(3, w, w))
                + conv(3, w, 2 * w) + conv(3, 2 * w, 2 * w) + conv(1, w, 2 * w) + 2 * 2 * conv(3, 2 * w, 2 * w)
                + conv(3, 2 * w, 4 * w) + conv(3, 4 * w, 4 * w) + conv(1, 2 * w, 4 * w) + 2 * 2 * conv(3, 4 * w, 4 * w);
        long bnChannels = w
                + 3 * 2 * w
                + 3 * (2 * w) + 2 * 2 * (2 * w)
                + 3 * (4 * w) + 2 * 2 * (4 * w);
        long dense = 4 * w * 10 + 10;
        return new long[] {convs + 2 * bnChannels + dense, convs + 4 * bnChannels + dense};
    }

    @Test
    void documentedCountsAreTheHandCounts() {
        // The figures the Zoo Javadoc states.
        assertEquals(93_322L, models().get(0)[1]);
        assertEquals(732_330L, models().get(2)[1]);
        assertEquals(733_482L, models().get(2)[2]);
        assertEquals(272_186L, models().get(3)[1]);
        assertEquals(273_754L, models().get(3)[2]);
        assertEquals(1_084_010L, models().get(4)[1]);
        assertEquals(1_087_146L, models().get(4)[2]);
        assertEquals(271_994L, models().get(5)[1]);
        assertEquals(273_370L, models().get(5)[2]);
        assertEquals(Zoo.names(), models().stream().map(m -> m[0]).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void countShapeTrainingAndRoundTrip(String name, long trainable, long total, @TempDir Path tmp) throws Exception {
        Rng.seed(7);
        Sequential m = Zoo.get(name, 28, 28, 1);
        long t = m.trainableParameters().stream().mapToLong(p -> p.value().size()).sum();
        assertEquals(trainable, t, name + " trainable parameters");
        assertEquals(total, m.countParameters(), name + " parameters");

        Tensor out = m.predict(Tensor.of(Arrays.copyOf(x16.data(), 3 * 784), 3, 28, 28, 1));
        assertArrayEquals(new int[] {3, 10}, out.shape(), name);

        // Four steps on one batch of 16 images: the model fits it, so the loss must fall.
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = m.fit(x16, y16, Fit.epochs(4).batchSize(16).rng(new Rng(1)).verbose(0));
        List<Double> loss = h.get("loss");
        assertTrue(loss.stream().allMatch(Double::isFinite), name + ": " + loss);
        assertTrue(loss.get(3) < loss.get(0), name + ": loss did not fall: " + loss);

        // The architecture and weights survive a model file; the reloaded model predicts the same.
        ModelFile.save(m, tmp.resolve("m"));
        Model loaded = ModelFile.load(tmp.resolve("m"));
        assertEquals(total, loaded.countParameters(), name);
        assertArrayEquals(m.predict(x16).toArray(), loaded.predict(x16).toArray(), name);
    }

    @Test
    void weightDecayPenalizesEveryKernelAndNothingElse() throws Exception {
        Rng.seed(1);
        Sequential m = Zoo.get("resnet20", Regularizer.l2(5e-5f), 28, 28, 1);
        int kernels = 0;
        for (Parameter p : m.parameters()) {
            if (p.name().endsWith(".kernel")) {
                assertNotNull(p.regularizer(), p.name());
                assertEquals(5e-5f, p.regularizer().l2(), p.name());
                kernels++;
            } else {
                assertNull(p.regularizer(), p.name());
            }
        }
        // 19 convolutions (1 + 18 in the blocks) + 2 projections + the Dense layer.
        assertEquals(22, kernels);
        assertTrue(ModelFile.toJson(m).contains("\"kernel_regularizer\""));
        for (Parameter p : Zoo.get("resnet20", 28, 28, 1).parameters()) {
            assertNull(p.regularizer(), p.name());
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Zoo.get("resnet21", 28, 28, 1));
        assertTrue(e.getMessage().contains("resnet21") && e.getMessage().contains("preact-resnet20"), e.getMessage());
    }

    @Test
    void resnetStagesHalveTheImage() {
        Rng.seed(3);
        Sequential m = Zoo.get("resnet20", 28, 28, 1);
        // conv1, bn, relu, then 9 blocks: 28x28x16 (x3), 14x14x32 (x3), 7x7x64 (x3).
        Map<String, Integer> expected = Map.of("residual", 28, "residual_2", 28, "residual_3", 14,
                "residual_5", 14, "residual_6", 7, "residual_8", 7);
        int[] shape = {28, 28, 1};
        for (int i = 0; i < m.layers().size(); i++) {
            shape = m.layers().get(i).outputShape(shape);
            Integer side = expected.get(m.layerNames().get(i));
            if (side != null) {
                assertEquals(side, shape[0], m.layerNames().get(i));
            }
        }
        assertArrayEquals(new int[] {10}, shape);
    }
}
