package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hebb.nn.Parameter;
import org.junit.jupiter.api.Test;

/**
 * Clipping is observed through SGD with lr = 1 from w = 0: the weights after one step are
 * minus the clipped gradient.
 */
class ClippingTest {

    @Test
    void globalNormOfThreeFourClippedToOne() {
        Optimizer sgd = new SGD(1.0).clipByGlobalNorm(1.0);
        Parameter p = param("w", 0f, 0f);
        setGrad(p, 3f, 4f);
        sgd.step(List.of(p));
        assertClose(new double[] {-0.6, -0.8}, p.value().data(), 1e-7);
        assertArrayEquals(new float[] {3f, 4f}, p.grad().data(), "the user's gradient is left alone");
    }

    @Test
    void globalNormSpansAllParameters() {
        Optimizer sgd = new SGD(1.0).clipByGlobalNorm(1.0);
        Parameter a = param("a", 0f);
        Parameter b = param("b", 0f);
        setGrad(a, 3f);
        setGrad(b, 4f);
        sgd.step(List.of(a, b));
        assertClose(new double[] {-0.6}, a.value().data(), 1e-7);
        assertClose(new double[] {-0.8}, b.value().data(), 1e-7);
    }

    @Test
    void globalNormBelowTheLimitLeavesGradientsExactlyAsIs() {
        Optimizer sgd = new SGD(1.0).clipByGlobalNorm(10.0);
        Parameter p = param("w", 0f, 0f);
        setGrad(p, 3f, 4f);
        sgd.step(List.of(p));
        assertArrayEquals(new float[] {-3f, -4f}, p.value().data());
    }

    @Test
    void perParameterNormClipsEachSeparately() {
        Optimizer sgd = new SGD(1.0).clipByNorm(1.0);
        Parameter big = param("big", 0f, 0f);
        Parameter small = param("small", 0f, 0f);
        setGrad(big, 3f, 4f);
        setGrad(small, 0.3f, 0.4f);
        sgd.step(List.of(big, small));
        assertClose(new double[] {-0.6, -0.8}, big.value().data(), 1e-7);
        assertArrayEquals(new float[] {-0.3f, -0.4f}, small.value().data());
        assertArrayEquals(new float[] {3f, 4f}, big.grad().data());
    }

    @Test
    void byValueClampsEachElement() {
        Optimizer sgd = new SGD(1.0).clipByValue(0.5);
        Parameter p = param("w", 0f, 0f, 0f, 0f);
        setGrad(p, 3f, -4f, 0.2f, -0.5f);
        sgd.step(List.of(p));
        assertArrayEquals(new float[] {-0.5f, 0.5f, -0.2f, 0.5f}, p.value().data());
        assertArrayEquals(new float[] {3f, -4f, 0.2f, -0.5f}, p.grad().data());
    }

    @Test
    void clippingFeedsTheOptimizersOwnUpdate() {
        // Adam's first step is ~lr * sign(g) whatever |g|; with value clipping the moments see
        // the clipped gradient, so the state holds m = 0.1 * 0.5 and v = 0.001 * 0.25.
        Adam adam = new Adam(0.01);
        adam.clipByValue(0.5);
        Parameter p = param("w", 1f);
        setGrad(p, 3f);
        adam.step(List.of(p));
        assertEquals(0.05, adam.stateDict().get("w/m")[0], 1e-7);
        assertEquals(0.00025, adam.stateDict().get("w/v")[0], 1e-9);
    }

    @Test
    void onlyOneKindOfClippingAtATime() {
        SGD sgd = new SGD();
        assertSame(sgd, sgd.clipByNorm(1.0));
        assertSame(sgd, sgd.clipByNorm(2.0)); // the same kind may be changed
        assertEquals(2.0, sgd.config().get("clipnorm"));
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.clipByValue(0.5));
        assertEquals("SGD.clipByValue: only one kind of gradient clipping can be set (as in Keras), and"
                + " clipByNorm(2.0) already is", e.getMessage());
    }

    @Test
    void thresholdsAreValidated() {
        assertEquals("Adam.clipByGlobalNorm: max norm must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam().clipByGlobalNorm(0)).getMessage());
        assertEquals("Adam.clipByValue: limit must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam().clipByValue(-1)).getMessage());
        assertEquals("Adam.clipByNorm: max norm must be > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Adam().clipByNorm(Double.NaN)).getMessage());
    }
}
