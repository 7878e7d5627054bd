package org.hebb.optim;

import static org.hebb.optim.OptimTesting.assertClose;
import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hebb.nn.Parameter;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The bookkeeping every optimizer shares: which parameters it updates, the rate, the count. */
class AbstractOptimizerTest {
    private static final List<Supplier<Optimizer>> ALL = List.of(
            () -> new SGD(0.1), () -> new SGD(0.1, 0.9, true), () -> new Adam(0.1), () -> new AdamW(0.1),
            () -> new RMSprop(0.1, 0.9, 0.5, 1e-7), () -> new Adagrad(0.1));

    @Test
    void parametersWithoutGradientAndBuffersAreSkipped() {
        for (Supplier<Optimizer> make : ALL) {
            Optimizer opt = make.get();
            Parameter updated = param("dense.kernel", 1f, -2f);
            Parameter noGrad = param("dense.bias", 3f, 4f);
            Tensor bufferValue = Tensor.of(new float[] {5f, 6f}, 2).requiresGrad(true);
            Parameter buffer = new Parameter("bn.moving_mean", bufferValue, false, null);
            setGrad(updated, 0.5f, -3f);
            setGrad(buffer, 1f, 1f); // a buffer with a gradient is still not trained
            opt.step(List.of(updated, noGrad, buffer));
            String who = opt.name();
            assertTrue(updated.value().data()[0] < 1f && updated.value().data()[1] > -2f, who);
            assertArrayEquals(new float[] {3f, 4f}, noGrad.value().data(), who);
            assertArrayEquals(new float[] {5f, 6f}, buffer.value().data(), who);
            assertEquals(1, opt.iterations(), who);
            for (String key : opt.stateDict().keySet()) {
                assertTrue(key.equals("iterations") || key.startsWith("dense.kernel/"), who + ": " + key);
            }
        }
    }

    @Test
    void gradientArraysAreNotModified() {
        for (Supplier<Optimizer> make : ALL) {
            Optimizer opt = make.get();
            Parameter p = param("w", 1f, -2f);
            setGrad(p, 0.5f, -3f);
            opt.step(List.of(p));
            assertArrayEquals(new float[] {0.5f, -3f}, p.grad().data(), opt.name());
        }
    }

    @Test
    void stepWithNoGradientsStillCounts() {
        SGD sgd = new SGD();
        Parameter p = param("w", 1f);
        sgd.step(List.of(p));
        sgd.step(List.of());
        assertEquals(2, sgd.iterations());
        assertArrayEquals(new float[] {1f}, p.value().data());
    }

    @Test
    void duplicateNamesAreRejectedBeforeAnyUpdate() {
        Parameter a = param("dense.kernel", 1f);
        Parameter b = param("dense.kernel", 2f);
        setGrad(a, 1f);
        setGrad(b, 1f);
        Adam adam = new Adam();
        var e = assertThrows(IllegalArgumentException.class, () -> adam.step(List.of(a, b)));
        assertEquals("Adam.step: two parameters are named 'dense.kernel'; optimizer state is kept by name,"
                + " so names must be distinct", e.getMessage());
        assertArrayEquals(new float[] {1f}, a.value().data());
        assertEquals(0, adam.iterations());
    }

    @Test
    void aParameterWhoseSizeDiffersFromItsStateIsRejectedBeforeAnyUpdate() {
        Adam adam = new Adam();
        Parameter first = param("a", 1f);
        Parameter small = param("b", 1f, 2f);
        setGrad(first, 1f);
        setGrad(small, 1f, 1f);
        adam.step(List.of(first, small));
        Parameter bigger = param("b", 1f, 2f, 3f);
        setGrad(bigger, 1f, 1f, 1f);
        float before = first.value().data()[0];
        var e = assertThrows(IllegalArgumentException.class, () -> adam.step(List.of(first, bigger)));
        assertTrue(e.getMessage().startsWith("Adam.step: state 'b/m' has 2 values but parameter Parameter(b,"
                + " shape=[3]) has 3"), e.getMessage());
        assertEquals(before, first.value().data()[0]);
        assertEquals(1, adam.iterations());
    }

    @Test
    void setLearningRateChangesTheNextStep() {
        SGD sgd = new SGD(0.1);
        Parameter p = param("w", 1f);
        setGrad(p, 1f);
        sgd.step(List.of(p));
        sgd.setLearningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
        sgd.step(List.of(p));
        assertClose(new double[] {1 - 0.1 - 0.5}, p.value().data(), 1e-6);
        assertEquals("SGD: learning rate must be > 0, got -0.5",
                assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-0.5)).getMessage());
    }

    @Test
    void aScheduleIsEvaluatedAtTheIterationCount() {
        // lr(step) = 0.1 / (step + 1): steps use 0.1, 0.05, 0.0333...
        SGD sgd = new SGD(step -> 0.1 / (step + 1));
        Parameter p = param("w", 1f);
        setGrad(p, 1f);
        assertEquals(0.1, sgd.learningRate());
        sgd.step(List.of(p));
        assertEquals(0.05, sgd.learningRate());
        sgd.step(List.of(p));
        sgd.step(List.of(p));
        assertClose(new double[] {1 - 0.1 - 0.05 - 0.1 / 3}, p.value().data(), 1e-6);
        var e = assertThrows(IllegalStateException.class, () -> sgd.setLearningRate(0.1));
        assertTrue(e.getMessage().startsWith("SGD: the learning rate follows the schedule"), e.getMessage());
        assertTrue(sgd.schedule() != null);
    }

    @Test
    void aScheduleGivingABadRateFailsTheStep() {
        Adam adam = new Adam(step -> step == 0 ? 0.1 : -1.0);
        Parameter p = param("w", 1f);
        setGrad(p, 1f);
        adam.step(List.of(p));
        float after = p.value().data()[0];
        var e = assertThrows(IllegalStateException.class, () -> adam.step(List.of(p)));
        assertTrue(e.getMessage().contains("gave -1.0 at step 1"), e.getMessage());
        assertEquals(after, p.value().data()[0]);
    }

    @Test
    void configListsKerasNamedHyperparameters() {
        Map<String, Object> c = new Adam(0.002, 0.8, 0.99, 1e-6).config();
        assertEquals(Map.of("name", "adam", "learning_rate", 0.002, "beta_1", 0.8, "beta_2", 0.99, "epsilon", 1e-6), c);
        assertEquals(List.of("name", "learning_rate", "beta_1", "beta_2", "epsilon"), List.copyOf(c.keySet()));
        Map<String, Object> s = new SGD(new StepDecay(0.1, 0.5, 10), 0.9, false).config();
        assertEquals(new StepDecay(0.1, 0.5, 10).config(), s.get("learning_rate"));
        assertEquals(0.9, s.get("momentum"));
        assertFalse(s.containsKey("clipnorm"));
    }
}
