package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hebb.nn.Activation;
import org.hebb.nn.Dense;
import org.hebb.nn.Residual;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AddReluTest {

    @Test
    void isAddThenReluBitForBit() {
        // 150,000 elements: three parallel chunks, the last one partial
        for (int n : new int[] {7, 150_000}) {
            Tensor a0 = uniform(1, -1, 1, n);
            Tensor b0 = uniform(2, -1, 1, n);
            Tensor up = uniform(3, -1, 1, n);
            Tensor af = a0.detach().requiresGrad(true);
            Tensor bf = b0.detach().requiresGrad(true);
            Tensor ap = a0.detach().requiresGrad(true);
            Tensor bp = b0.detach().requiresGrad(true);
            Tensor yf = AddRelu.apply(af, bf);
            Tensor yp = ap.add(bp).relu();
            assertEquals("add_relu", yf.node().op());
            assertArrayEquals(yp.data(), yf.data(), "n " + n);
            yf.backward(up);
            yp.backward(up);
            assertArrayEquals(ap.grad().data(), af.grad().data(), "grad a, n " + n);
            assertArrayEquals(bp.grad().data(), bf.grad().data(), "grad b, n " + n);
            // each input holds its own array: changing one leaves the other
            af.grad().data()[0] += 1f;
            assertEquals(bp.grad().data()[0], bf.grad().data()[0]);
        }
    }

    @Test
    void gradientsAndOneInputWithoutGradient() {
        check("add_relu", x -> AddRelu.apply(x[0], x[1]), uniform(4, -1, 1, 3, 4), uniform(5, -1, 1, 3, 4));
        Tensor a = uniform(6, -1, 1, 5).requiresGrad(true);
        Tensor b = uniform(7, -1, 1, 5);
        AddRelu.apply(a, b).sum().backward();
        for (int i = 0; i < 5; i++) {
            assertEquals(a.data()[i] + b.data()[i] > 0 ? 1f : 0f, a.grad().data()[i]);
        }
        assertNull(b.grad());
    }

    @Test
    void shapesMustBeEqual() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AddRelu.apply(Tensor.zeros(2, 3), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("add_relu") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void residualWithReluEndsInOneOp() {
        Dense body = new Dense(4).rng(new Rng(1));
        Residual r = new Residual(body, null, Activation.RELU);
        Tensor x = uniform(8, -1, 1, 3, 4).requiresGrad(true);
        Tensor y = r.forward(x, true);
        assertEquals("add_relu", y.node().op());
        assertArrayEquals(body.forward(x, true).add(x).relu().data(), y.data());
    }
}
