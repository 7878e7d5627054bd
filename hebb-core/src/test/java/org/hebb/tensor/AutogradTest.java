package org.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AutogradTest {

    @Test
    void chainRuleThroughSeveralOps() {
        // L = sum((a*b + a) * 2) ; dL/da = 2(b + 1), dL/db = 2a
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {4, 5, 6}, 3).requiresGrad(true);
        a.mul(b).add(a).mul(2f).sum().backward();
        assertArrayEquals(new float[] {10, 12, 14}, a.grad().data());
        assertArrayEquals(new float[] {2, 4, 6}, b.grad().data());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.of(new float[] {1, 1}, 2).requiresGrad(true);
        w.mul(3f).sum().backward();
        w.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6, 6}, w.grad().data());
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void intermediateGradientsAreReleasedUnlessRetained() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(2f);
        Tensor z = x.mul(3f).retainGrad();
        y.add(z).sum().backward();
        assertNull(y.grad());
        assertArrayEquals(new float[] {1, 1}, z.grad().data());
        assertArrayEquals(new float[] {5, 5}, x.grad().data());
    }

    @Test
    void sharedGradientArraysAreCopiedNotAdopted() {
        // add passes its upstream gradient to both inputs as the same array; each input must get
        // a copy of its own, or a later gradient added into a would also land in b (and in the
        // retained gradient of c, whose array the upstream is).
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {3, 4}, 2).requiresGrad(true);
        Tensor c = a.add(b).retainGrad();
        Tensor d = c.reshape(2, 1).add(a.reshape(2, 1)).mul(3f);
        d.sum().backward();
        assertArrayEquals(new float[] {6, 6}, a.grad().data());
        assertArrayEquals(new float[] {3, 3}, b.grad().data());
        assertArrayEquals(new float[] {3, 3}, c.grad().data());
        // a fresh gradient array (mul's) is kept by its input, and still adds up correctly
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(2f).retainGrad();
        y.mul(y).sum().backward();
        assertArrayEquals(new float[] {4, 8}, y.grad().data());
        assertArrayEquals(new float[] {8, 16}, x.grad().data());
    }

    @Test
    void backwardWithUpstreamGradient() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.mul(x);
        y.backward(Tensor.of(new float[] {1, 0, 0, 1}, 2, 2));
        assertArrayEquals(new float[] {2, 0, 0, 8}, x.grad().data());
        var e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.of(new float[3], 3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void backwardFromNonScalarWithoutUpstreamIsRefused() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> x.mul(2f).backward());
        assertTrue(e.getMessage().contains("one element") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void noGradScopeRecordsNothingAndNests() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        try (var outer = Autograd.noGrad()) {
            try (var inner = Autograd.noGrad()) {
                assertFalse(x.mul(2f).requiresGrad());
            }
            Tensor y = x.mul(2f);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.mul(2f).requiresGrad());
    }

    @Test
    void noGradIsPerThread() throws Exception {
        Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        try (var scope = Autograd.noGrad()) {
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = x.mul(2f).requiresGrad());
            t.start();
            t.join();
            assertTrue(other[0], "another thread must still record");
        }
    }

    @Test
    void detachCutsTheTapeButSharesData() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor d = x.mul(2f).detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        Tensor y = x.mul(d);
        y.sum().backward();
        assertArrayEquals(new float[] {2, 4}, x.grad().data());
    }

    @Test
    void backwardOnTensorWithoutGradExplains() {
        Tensor x = Tensor.of(new float[] {1}, 1);
        var e = assertThrows(IllegalStateException.class, () -> x.mul(2f).sum().backward());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void nodeRecordsOpNameAndInputs() {
        Tensor a = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {2}, 1);
        Tensor c = a.add(b);
        assertNotNull(c.node());
        assertTrue(c.node().op().equals("add"));
        assertSame(a, c.node().inputs()[0]);
        assertSame(b, c.node().inputs()[1]);
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(0f);
        }
        y.sum().backward();
        assertArrayEquals(new float[] {1}, x.grad().data());
    }

    @Test
    void wrongSizeDataIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("5"), e.getMessage());
    }
}
