package org.hebb.ops;

import static org.hebb.ops.PermuteTest.assertMessage;
import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConcatTest {
    private final Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    private final Tensor b = Tensor.of(new float[] {7, 8, 9, 10}, 2, 2);
    private final Tensor c = Tensor.of(new float[] {11, 12, 13}, 1, 3);

    @Test
    void concatAlongFirstAndLastAxis() {
        Tensor r0 = Tensor.concat(0, a, c);
        assertArrayEquals(new int[] {3, 3}, r0.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 11, 12, 13}, r0.data());
        Tensor r1 = Tensor.concat(1, a, b);
        assertArrayEquals(new int[] {2, 5}, r1.shape());
        assertArrayEquals(new float[] {1, 2, 3, 7, 8, 4, 5, 6, 9, 10}, r1.data());
        assertArrayEquals(r1.data(), Tensor.concat(-1, a, b).data());
        assertArrayEquals(a.data(), Tensor.concat(0, a).data());
    }

    @Test
    void concatAlongAMiddleAxis() {
        Tensor x = Tensor.arange(8).reshape(2, 2, 2);
        Tensor y = Tensor.arange(4).add(100f).reshape(2, 1, 2);
        Tensor r = Tensor.concat(1, x, y);
        assertArrayEquals(new int[] {2, 3, 2}, r.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 100, 101, 4, 5, 6, 7, 102, 103}, r.data());
    }

    @Test
    void stackInsertsANewAxis() {
        Tensor p = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor q = Tensor.of(new float[] {5, 6, 7, 8}, 2, 2);
        Tensor s0 = Tensor.stack(0, p, q);
        assertArrayEquals(new int[] {2, 2, 2}, s0.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, s0.data());
        Tensor s1 = Tensor.stack(1, p, q);
        assertArrayEquals(new int[] {2, 2, 2}, s1.shape());
        assertArrayEquals(new float[] {1, 2, 5, 6, 3, 4, 7, 8}, s1.data());
        Tensor s2 = Tensor.stack(-1, p, q, p);
        assertArrayEquals(new int[] {2, 2, 3}, s2.shape());
        assertArrayEquals(new float[] {1, 5, 1, 2, 6, 2, 3, 7, 3, 4, 8, 4}, s2.data());
        Tensor scalars = Tensor.stack(0, Tensor.scalar(1f), Tensor.scalar(2f));
        assertArrayEquals(new int[] {2}, scalars.shape());
        assertArrayEquals(new float[] {1, 2}, scalars.data());
    }

    @Test
    void gradients() {
        check("concat axis 0", x -> Tensor.concat(0, x[0], x[1]), uniform(1, -1, 1, 2, 3), uniform(2, -1, 1, 3, 3));
        check("concat middle axis", x -> Tensor.concat(1, x[0], x[1], x[0]),
                uniform(3, -1, 1, 2, 1, 3), uniform(4, -1, 1, 2, 2, 3));
        check("stack axis 0", x -> Tensor.stack(0, x[0], x[1]), uniform(5, -1, 1, 2, 3), uniform(6, -1, 1, 2, 3));
        check("stack middle axis", x -> Tensor.stack(1, x[0], x[1], x[1]),
                uniform(7, -1, 1, 2, 3), uniform(8, -1, 1, 2, 3));
    }

    @Test
    void onlyInputsThatRequireGradReceiveOne() {
        Tensor x = uniform(1, -1, 1, 2, 2).requiresGrad(true);
        Tensor y = uniform(2, -1, 1, 2, 2);
        Tensor.concat(1, x, y).sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 1}, x.grad().data());
        assertNull(y.grad());
    }

    @Test
    void mismatchesNameTheOpAndAllShapes() {
        assertMessage(() -> Tensor.concat(0, a, b), "concat", "[2, 3]", "[2, 2]", "axis 0");
        assertMessage(() -> Tensor.concat(1, a, b, c), "concat", "[2, 3]", "[2, 2]", "[1, 3]");
        assertMessage(() -> Tensor.concat(0, a, Tensor.zeros(6)), "concat", "rank", "[2, 3]", "[6]");
        assertMessage(() -> Tensor.concat(2, a, c), "concat", "axis 2", "[2, 3]", "[1, 3]");
        assertMessage(() -> Tensor.concat(0), "concat", "at least one");
        assertMessage(() -> Tensor.concat(0, Tensor.scalar(1f), Tensor.scalar(2f)), "concat", "[]", "stack");
        assertMessage(() -> Tensor.stack(0, a, c), "stack", "[2, 3]", "[1, 3]");
        assertMessage(() -> Tensor.stack(3, a, a), "stack", "axis 3", "[2, 3]");
        assertMessage(() -> Tensor.stack(0, a, null), "stack", "null");
    }
}
