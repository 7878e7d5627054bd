package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MatMulTest {

    @Test
    void smallProductByHand() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, a.matmul(b).data());
    }

    @Test
    void gradients2dAndBatched() {
        check("matmul", x -> x[0].matmul(x[1]), uniform(1, -1, 1, 3, 4), uniform(2, -1, 1, 4, 5));
        check("bmm", x -> x[0].matmul(x[1]), uniform(3, -1, 1, 2, 3, 4), uniform(4, -1, 1, 2, 4, 2));
        check("bmm shared rhs", x -> x[0].matmul(x[1]), uniform(5, -1, 1, 3, 2, 4), uniform(6, -1, 1, 4, 3));
        check("bmm shared lhs", x -> x[0].matmul(x[1]), uniform(7, -1, 1, 2, 4), uniform(8, -1, 1, 3, 4, 3));
    }

    @Test
    void misalignedShapesFailWithBothShapes() {
        Tensor a = Tensor.of(new float[6], 2, 3);
        Tensor b = Tensor.of(new float[8], 4, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertTrue(e.getMessage().startsWith("matmul"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
    }
}
