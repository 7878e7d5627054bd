package org.hebb.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepDecayDropsEveryStepsPerDrop() {
        StepDecay s = new StepDecay(0.1, 0.5, 100);
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(0.1, s.lr(99), 1e-15);
        assertEquals(0.05, s.lr(100), 1e-15);
        assertEquals(0.05, s.lr(199), 1e-15);
        assertEquals(0.025, s.lr(200), 1e-15);
        assertEquals(0.1 * Math.pow(0.5, 10), s.lr(1050), 1e-18);
    }

    @Test
    void exponentialDecaySmoothAndStaircase() {
        ExponentialDecay smooth = new ExponentialDecay(0.1, 1000, 0.96);
        assertEquals(0.1, smooth.lr(0), 1e-15);
        assertEquals(0.1 * Math.pow(0.96, 0.5), smooth.lr(500), 1e-15);
        assertEquals(0.096, smooth.lr(1000), 1e-15);
        assertEquals(0.1 * 0.96 * 0.96, smooth.lr(2000), 1e-15);
        ExponentialDecay stairs = new ExponentialDecay(0.1, 1000, 0.96, true);
        assertEquals(0.1, stairs.lr(999), 1e-15);
        assertEquals(0.096, stairs.lr(1000), 1e-15);
        assertEquals(0.096, stairs.lr(1999), 1e-15);
    }

    @Test
    void cosineDecayWithoutWarmup() {
        CosineDecay s = new CosineDecay(0.1, 100);
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(0.05, s.lr(50), 1e-15);                                 // cos(pi/2) = 0
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.lr(25), 1e-15);
        assertEquals(0.0, s.lr(100), 1e-15);
        assertEquals(0.0, s.lr(1000), 1e-15);                                // constant after
        CosineDecay floor = new CosineDecay(0.1, 100, 0.2);
        assertEquals(0.1 * (0.8 * 0.5 + 0.2), floor.lr(50), 1e-15);
        assertEquals(0.02, floor.lr(100), 1e-15);
        assertEquals(0.02, floor.lr(5000), 1e-15);
    }

    @Test
    void cosineDecayWithLinearWarmup() {
        // Warm up from 0 to 0.1 over 10 steps, then decay to alpha * 0.1 = 0.01 over 100 steps.
        CosineDecay s = new CosineDecay(0.0, 100, 0.1, 10, 0.1);
        assertEquals(0.0, s.lr(0), 1e-15);
        assertEquals(0.05, s.lr(5), 1e-15);
        assertEquals(0.09, s.lr(9), 1e-15);
        assertEquals(0.1, s.lr(10), 1e-15);
        assertEquals(0.1 * (0.9 * 0.5 + 0.1), s.lr(60), 1e-15);
        assertEquals(0.01, s.lr(110), 1e-15);
        assertEquals(0.01, s.lr(10_000), 1e-15);
        // Warm-up starting above zero.
        CosineDecay from = new CosineDecay(0.02, 50, 0.0, 4, 0.1);
        assertEquals(0.02 + 0.08 * 0.25, from.lr(1), 1e-15);
    }

    @Test
    void argumentsAreValidated() {
        assertEquals("StepDecay: drop factor must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new StepDecay(0.1, 0, 10)).getMessage());
        assertEquals("StepDecay: steps per drop must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new StepDecay(0.1, 0.5, 0)).getMessage());
        assertEquals("ExponentialDecay: decay steps must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.9)).getMessage());
        assertEquals("ExponentialDecay: initial learning rate must be > 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(-0.1, 10, 0.9)).getMessage());
        assertEquals("CosineDecay: alpha must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 10, 1.5)).getMessage());
        assertEquals("CosineDecay: warm-up steps (5) need a warm-up target learning rate",
                assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 10, 0, 5, null)).getMessage());
        assertEquals("CosineDecay: initial learning rate must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.0, 10)).getMessage());
        assertEquals("CosineDecay: warm-up target must be > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.0, 10, 0, 5, -1.0)).getMessage());
        assertEquals("CosineDecay: step must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 10).lr(-1)).getMessage());
    }
}
