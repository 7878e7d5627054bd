package org.hebb.ops;

import static org.hebb.ops.PermuteTest.assertMessage;
import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GatherTest {
    // probabilities [N=3, K=4]
    private final Tensor p = Tensor.of(new float[] {
        0.1f, 0.2f, 0.3f, 0.4f,
        0.5f, 0.1f, 0.1f, 0.3f,
        0.0f, 0.9f, 0.05f, 0.05f}, 3, 4);

    @Test
    void gatherPicksTheTrueClassProbabilityOfEachRow() {
        Tensor picked = p.gather(1, new int[] {3, 0, 1});
        assertArrayEquals(new int[] {3}, picked.shape());
        assertArrayEquals(new float[] {0.4f, 0.5f, 0.9f}, picked.data());
        Tensor labels = Tensor.of(new float[] {3, 0, 1}, 3);
        assertArrayEquals(picked.data(), p.gather(1, labels).data());
        assertArrayEquals(picked.data(), p.gather(-1, labels.reshape(3, 1)).data(), "[N, 1] labels work too");
    }

    @Test
    void gatherAlongOtherAxes() {
        // axis 0 of [3, 4]: one row index per column -> [4].
        assertArrayEquals(new float[] {0.5f, 0.9f, 0.3f, 0.05f}, p.gather(0, new int[] {1, 2, 0, 2}).data());
        // Middle axis of [2, 3, 2]: x[i, j, k] = 100i + 10j + k; out[i, k] = x[i, idx[i, k], k].
        Tensor x = Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121}, 2, 3, 2);
        Tensor g = x.gather(1, new int[] {2, 0, 1, 1});
        assertArrayEquals(new int[] {2, 2}, g.shape());
        assertArrayEquals(new float[] {20, 1, 110, 111}, g.data());
    }

    @Test
    void takeSelectsWholeSlices() {
        Tensor rows = p.take(0, 2, 0, 2);
        assertArrayEquals(new int[] {3, 4}, rows.shape());
        assertArrayEquals(new float[] {0.0f, 0.9f, 0.05f, 0.05f, 0.1f, 0.2f, 0.3f, 0.4f, 0.0f, 0.9f, 0.05f, 0.05f},
                rows.data());
        Tensor cols = p.take(1, 3, 1);
        assertArrayEquals(new int[] {3, 2}, cols.shape());
        assertArrayEquals(new float[] {0.4f, 0.2f, 0.3f, 0.1f, 0.05f, 0.9f}, cols.data());
        assertArrayEquals(new int[] {0, 4}, p.take(0).shape());
    }

    @Test
    void oneHot() {
        Tensor h = Tensor.oneHot(new int[] {2, 0, 1}, 3);
        assertArrayEquals(new int[] {3, 3}, h.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, h.data());
        Tensor labels = Tensor.of(new float[] {1, 3}, 2);
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 1}, Tensor.oneHot(labels, 4).data());
        assertArrayEquals(new int[] {2, 4}, Tensor.oneHot(labels.reshape(2, 1), 4).shape(), "[N, 1] as Keras");
        assertArrayEquals(new int[] {1, 2, 4}, Tensor.oneHot(labels.reshape(1, 2), 4).shape());
        assertFalse(Tensor.oneHot(labels.requiresGrad(true), 4).requiresGrad(), "oneHot is not differentiable");
    }

    @Test
    void gradients() {
        check("gather axis 1", x -> x[0].gather(1, new int[] {3, 0, 1}), uniform(1, 0.1f, 1, 3, 4));
        check("gather middle axis", x -> x[0].gather(1, new int[] {2, 0, 1, 1}), uniform(2, -1, 1, 2, 3, 2));
        check("gather axis 0", x -> x[0].gather(0, new int[] {1, 1, 0}), uniform(3, -1, 1, 2, 3));
        check("take with repeats", x -> x[0].take(0, 1, 1, 0, 2), uniform(4, -1, 1, 3, 2));
        check("take middle axis", x -> x[0].take(1, 2, 0), uniform(5, -1, 1, 2, 3, 2));
    }

    @Test
    void badIndicesNameTheOpAndTheShapes() {
        assertMessage(() -> p.gather(1, new int[] {0, 4, 1}), "gather", "index 4", "axis 1", "size 4", "[3, 4]");
        assertMessage(() -> p.gather(1, new int[] {0, -1, 1}), "gather", "index -1", "[3, 4]");
        assertMessage(() -> p.gather(1, new int[] {0, 1}), "gather", "[3, 4]", "needs 3", "got 2");
        assertMessage(() -> p.gather(1, Tensor.zeros(4)), "gather", "[4]", "[3, 4]");
        assertMessage(() -> p.gather(1, Tensor.of(new float[] {0, 1.5f, 2}, 3)), "gather", "1.5", "whole number");
        assertMessage(() -> p.gather(2, new int[] {0, 0, 0}), "gather", "axis 2", "[3, 4]");
        assertMessage(() -> p.take(0, 3), "take", "index 3", "size 3", "[3, 4]");
        assertMessage(() -> Tensor.oneHot(new int[] {0, 3}, 3), "oneHot", "label 3", "[0, 3)");
        assertMessage(() -> Tensor.oneHot(new int[] {-1}, 3), "oneHot", "label -1");
        assertMessage(() -> Tensor.oneHot(new int[] {0}, 0), "oneHot", "numClasses");
        assertMessage(() -> Tensor.oneHot(Tensor.of(new float[] {Float.NaN}, 1), 3), "oneHot", "NaN");
    }
}
