package org.hebb.ops;

import static org.hebb.ops.PermuteTest.assertMessage;
import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SliceTest {

    @Test
    void sliceAlongEachAxis() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor a0 = x.slice(0, 1, 2);
        assertArrayEquals(new int[] {1, 3, 4}, a0.shape());
        assertArrayEquals(new float[] {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, a0.data());
        Tensor a1 = x.slice(1, 1, 3);
        assertArrayEquals(new int[] {2, 2, 4}, a1.shape());
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23}, a1.data());
        Tensor a2 = x.slice(2, 0, 2);
        assertArrayEquals(new int[] {2, 3, 2}, a2.shape());
        assertArrayEquals(new float[] {0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21}, a2.data());
    }

    @Test
    void negativeIndicesCountFromTheEnd() {
        Tensor v = Tensor.arange(5);
        assertArrayEquals(new float[] {3, 4}, v.slice(0, -2, 5).data());
        assertArrayEquals(new float[] {1, 2, 3}, v.slice(0, 1, -1).data());
        assertArrayEquals(new float[] {2, 3}, v.slice(-1, -3, -1).data());
        assertArrayEquals(new int[] {0}, v.slice(0, 2, 2).shape(), "an empty slice is allowed");
    }

    @Test
    void sliceIsACopy() {
        Tensor x = Tensor.arange(4);
        Tensor s = x.slice(0, 1, 3);
        s.set(100f, 0);
        assertEquals(1f, x.get(1));
    }

    @Test
    void gradients() {
        check("slice middle axis", x -> x[0].slice(1, 1, 3), uniform(1, -1, 1, 2, 4, 3));
        check("slice first axis", x -> x[0].slice(0, -2, 3), uniform(2, -1, 1, 3, 2));
        check("slice last axis", x -> x[0].slice(-1, 0, 1), uniform(3, -1, 1, 2, 3));
        // Two slices of one tensor: the gradients add up where they overlap.
        check("overlapping slices", x -> x[0].slice(1, 0, 3).mul(x[0].slice(1, 1, 4)), uniform(4, -1, 1, 2, 4));
    }

    @Test
    void outOfRangeNamesTheOpTheRangeAndTheShape() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertMessage(() -> x.slice(1, 0, 4), "slice", "0:4", "axis 1", "size 3", "[2, 3, 4]");
        assertMessage(() -> x.slice(1, -4, 2), "slice", "-4:2", "[2, 3, 4]");
        assertMessage(() -> x.slice(2, 3, 1), "slice", "3:1", "[2, 3, 4]");
        assertMessage(() -> x.slice(3, 0, 1), "slice", "axis 3", "[2, 3, 4]");
        assertMessage(() -> Tensor.scalar(1f).slice(0, 0, 1), "slice", "[]");
    }
}
