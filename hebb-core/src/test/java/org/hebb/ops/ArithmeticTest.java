package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ArithmeticTest {

    @Test
    void addBroadcastsLikeNumpy() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor c = Tensor.of(new float[] {100, 200}, 2, 1);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(b).data());
        assertArrayEquals(new float[] {101, 102, 103, 204, 205, 206}, a.add(c).data());
        Tensor outer = b.reshape(1, 3).add(c);
        assertArrayEquals(new int[] {2, 3}, outer.shape());
        assertArrayEquals(new float[] {110, 120, 130, 210, 220, 230}, outer.data());
    }

    @Test
    void broadcastInMiddleDimension() {
        Tensor a = uniform(1, -1, 1, 2, 3, 4);
        Tensor b = uniform(2, -1, 1, 2, 1, 4);
        Tensor r = a.sub(b);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    assertEquals(a.get(i, j, k) - b.get(i, 0, k), r.get(i, j, k));
    }

    @Test
    void shapeMismatchNamesOpAndBothShapes() {
        Tensor a = Tensor.of(new float[6], 2, 3);
        Tensor b = Tensor.of(new float[4], 4);
        var e = assertThrows(IllegalArgumentException.class, () -> a.mul(b));
        assertTrue(e.getMessage().contains("mul"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void gradientsOfBinaryOpsWithBroadcasting() {
        check("add", x -> x[0].add(x[1]), uniform(1, -1, 1, 2, 3), uniform(2, -1, 1, 3));
        check("sub", x -> x[0].sub(x[1]), uniform(3, -1, 1, 2, 1, 4), uniform(4, -1, 1, 3, 1));
        check("mul", x -> x[0].mul(x[1]), uniform(5, -1, 1, 2, 3), uniform(6, -1, 1, 2, 1));
        check("div", x -> x[0].div(x[1]), uniform(7, -1, 1, 2, 3), uniform(8, 0.5f, 2, 3));
        check("neg", x -> x[0].neg(), uniform(9, -1, 1, 4));
        check("scalar", x -> x[0].mul(3f).add(1f), uniform(10, -1, 1, 4));
    }

    @Test
    void tensorUsedTwiceAccumulates() {
        // f(x) = x * x + x  ->  df/dx = 2x + 1
        Tensor x = Tensor.of(new float[] {1, -2, 3}, 3).requiresGrad(true);
        x.mul(x).add(x).sum().backward();
        assertArrayEquals(new float[] {3, -3, 7}, x.grad().data());
        check("x*x+x", t -> t[0].mul(t[0]).add(t[0]), uniform(11, -1, 1, 5));
    }
}
