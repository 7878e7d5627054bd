package org.hebb.ops;

import static org.hebb.ops.PermuteTest.assertMessage;
import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReshapeTest {

    @Test
    void flattenShapes() {
        Tensor x = Tensor.zeros(2, 3, 4, 5);
        assertArrayEquals(new int[] {120}, x.flatten().shape());
        assertArrayEquals(new int[] {2, 60}, x.flatten(1).shape(), "Keras Flatten keeps the batch axis");
        assertArrayEquals(new int[] {2, 3, 20}, x.flatten(-2).shape());
        assertArrayEquals(new int[] {120}, x.flatten(0).shape());
        assertArrayEquals(new int[] {2, 3, 4, 5}, x.flatten(3).shape());
        assertArrayEquals(new int[] {1}, Tensor.scalar(2f).flatten().shape());
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.flatten().data(), "row-major order");
    }

    @Test
    void squeezeAndUnsqueeze() {
        Tensor x = Tensor.zeros(1, 3, 1, 2);
        assertArrayEquals(new int[] {3, 2}, x.squeeze().shape());
        assertArrayEquals(new int[] {3, 1, 2}, x.squeeze(0).shape());
        assertArrayEquals(new int[] {1, 3, 2}, x.squeeze(2).shape());
        assertArrayEquals(new int[] {1, 3, 2}, x.squeeze(-2).shape());
        assertArrayEquals(new int[] {}, Tensor.zeros(1, 1).squeeze().shape());
        Tensor v = Tensor.of(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new int[] {1, 3}, v.unsqueeze(0).shape());
        assertArrayEquals(new int[] {3, 1}, v.unsqueeze(1).shape());
        assertArrayEquals(new int[] {3, 1}, v.unsqueeze(-1).shape());
        assertArrayEquals(new int[] {1, 3}, v.unsqueeze(-2).shape());
        assertArrayEquals(new int[] {1}, Tensor.scalar(5f).unsqueeze(0).shape());
        assertArrayEquals(new float[] {1, 2, 3}, v.unsqueeze(1).data());
    }

    @Test
    void viewsShareDataWithTheirSource() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor flat = x.flatten();
        assertSame(x.data(), flat.data());
        flat.set(-1f, 13);            // flat index 13 is [1, 0, 1]
        assertEquals(-1f, x.get(1, 0, 1));
        Tensor keras = x.flatten(1);
        keras.data()[5] = -2f;        // [0, 5] of [2, 12] is [0, 1, 1]
        assertEquals(-2f, x.get(0, 1, 1));
        x.set(-3f, 1, 2, 3);
        assertEquals(-3f, x.reshape(6, 4).get(5, 3));
        assertEquals(-3f, x.unsqueeze(0).get(0, 1, 2, 3));
        assertEquals(-3f, x.unsqueeze(0).squeeze(0).get(1, 2, 3));
        assertEquals(-3f, x.reshape(4, -1).get(3, 5));
        Tensor col = Tensor.zeros(3, 1);
        col.squeeze().set(9f, 2);
        assertEquals(9f, col.get(2, 0));
    }

    @Test
    void gradients() {
        Tensor w = uniform(9, -1, 1, 12, 2);
        check("flatten(1)", x -> x[0].flatten(1).matmul(w), uniform(1, -1, 1, 2, 3, 2, 2));
        check("flatten", x -> x[0].flatten(), uniform(2, -1, 1, 2, 3));
        check("squeeze", x -> x[0].squeeze(), uniform(3, -1, 1, 1, 3, 1));
        check("squeeze(axis)", x -> x[0].squeeze(2), uniform(4, -1, 1, 2, 3, 1));
        check("unsqueeze", x -> x[0].unsqueeze(1).mul(x[0].unsqueeze(0)), uniform(5, -1, 1, 3));
    }

    @Test
    void errorsNameTheOpAndTheShape() {
        Tensor x = Tensor.zeros(2, 3);
        assertMessage(() -> x.squeeze(0), "squeeze", "dimension 0", "[2, 3]", "size 2");
        assertMessage(() -> x.squeeze(2), "squeeze", "axis 2", "[2, 3]");
        assertMessage(() -> x.unsqueeze(3), "unsqueeze", "axis 3", "[2, 3]");
        assertMessage(() -> x.unsqueeze(-4), "unsqueeze", "[2, 3]");
        assertMessage(() -> x.flatten(2), "flatten", "axis 2", "[2, 3]");
        assertMessage(() -> Tensor.scalar(1f).flatten(0), "flatten", "[]");
        assertMessage(() -> x.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
    }
}
