package org.hebb.optim;

import static org.hebb.optim.OptimTesting.param;
import static org.hebb.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hebb.nn.Parameter;
import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

class StateDictTest {
    private static final List<Supplier<Optimizer>> ALL = List.of(
            () -> new SGD(0.1), () -> new SGD(0.1, 0.9), () -> new SGD(0.1, 0.9, true),
            () -> new Adam(0.01), () -> new AdamW(0.01, 0.1),
            () -> new RMSprop(0.01), () -> new RMSprop(0.01, 0.9, 0.5, 1e-7),
            () -> new Adagrad(0.1), () -> new Adam(new CosineDecay(0.01, 10)).clipByGlobalNorm(1.0));

    /** One step on the two parameters with gradients drawn from {@code rng}. */
    private static void step(Optimizer opt, Parameter a, Parameter b, Rng rng) {
        setGrad(a, (float) rng.nextDouble() - 0.5f, (float) rng.nextDouble() - 0.5f, (float) rng.nextDouble());
        setGrad(b, (float) rng.nextDouble() * 2f);
        opt.step(List.of(a, b));
    }

    @Test
    void saveAfterThreeStepsLoadIntoAFreshOptimizerContinueBitIdentically() {
        for (Supplier<Optimizer> make : ALL) {
            Optimizer original = make.get();
            Parameter a = param("dense.kernel", 1f, -2f, 0.5f);
            Parameter b = param("dense.bias", 0.1f);
            Rng rng = new Rng(7);
            for (int i = 0; i < 3; i++) {
                step(original, a, b, rng);
            }
            Map<String, float[]> saved = original.stateDict();
            Optimizer fresh = make.get();
            fresh.loadStateDict(saved);
            assertEquals(3, fresh.iterations(), original.name());
            assertEquals(original.learningRate(), fresh.learningRate(), original.name());
            Parameter a2 = param("dense.kernel", a.value().toArray());
            Parameter b2 = param("dense.bias", b.value().toArray());
            Rng rng1 = new Rng(99);
            Rng rng2 = new Rng(99);
            for (int i = 0; i < 2; i++) {
                step(original, a, b, rng1);
                step(fresh, a2, b2, rng2);
            }
            assertArrayEquals(a.value().data(), a2.value().data(), original.toString());
            assertArrayEquals(b.value().data(), b2.value().data(), original.toString());
            Map<String, float[]> s1 = original.stateDict();
            Map<String, float[]> s2 = fresh.stateDict();
            assertEquals(s1.keySet(), s2.keySet());
            for (String k : s1.keySet()) {
                assertArrayEquals(s1.get(k), s2.get(k), k);
            }
        }
    }

    @Test
    void keysAreParameterNameSlashSlot() {
        Adam adam = new Adam();
        Parameter a = param("dense.kernel", 1f, 2f);
        setGrad(a, 1f, 1f);
        adam.step(List.of(a));
        assertEquals(List.of("iterations", "dense.kernel/m", "dense.kernel/v"), List.copyOf(adam.stateDict().keySet()));
        Adagrad adagrad = new Adagrad();
        adagrad.step(List.of(a));
        assertArrayEquals(new float[] {1.1f, 1.1f}, adagrad.stateDict().get("dense.kernel/accumulator"));
        SGD sgd = new SGD(0.1, 0.9);
        sgd.step(List.of(a));
        assertEquals(List.of("iterations", "dense.kernel/momentum"), List.copyOf(sgd.stateDict().keySet()));
    }

    @Test
    void stateDictIsACopy() {
        Adam adam = new Adam();
        Parameter a = param("w", 1f);
        setGrad(a, 1f);
        adam.step(List.of(a));
        Map<String, float[]> snapshot = adam.stateDict();
        float m = snapshot.get("w/m")[0];
        adam.step(List.of(a));
        assertEquals(m, snapshot.get("w/m")[0]);
        assertArrayEquals(new float[] {0f, 1f}, snapshot.get("iterations"));
        snapshot.get("w/m")[0] = 123f;
        assertTrue(adam.stateDict().get("w/m")[0] != 123f);
    }

    @Test
    void largeIterationCountsAreStoredExactly() {
        SGD sgd = new SGD();
        Map<String, float[]> s = new HashMap<>();
        s.put("iterations", new float[] {300f, 65535f});
        sgd.loadStateDict(s);
        assertEquals(300 * 65536 + 65535, sgd.iterations());
        assertArrayEquals(new float[] {300f, 65535f}, sgd.stateDict().get("iterations"));
    }

    @Test
    void malformedStateIsRejectedAndLeavesTheOptimizerUnchanged() {
        Adam adam = new Adam();
        Parameter a = param("w", 1f);
        setGrad(a, 1f);
        adam.step(List.of(a));
        Map<String, float[]> before = adam.stateDict();

        var e1 = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(Map.of("w/m", new float[1])));
        assertTrue(e1.getMessage().startsWith("Adam.loadStateDict: no \"iterations\" entry"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> adam.loadStateDict(Map.of("iterations", new float[] {0f, 1.5f})));
        assertTrue(e2.getMessage().contains("must be two whole numbers"), e2.getMessage());
        Map<String, float[]> sgdState = Map.of("iterations", new float[] {0f, 2f}, "w/momentum", new float[1]);
        var e3 = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(sgdState));
        assertEquals("Adam.loadStateDict: unexpected entry 'w/momentum'; this optimizer keeps \"iterations\" and"
                + " '<parameter>/<slot>' with slots [m, v]", e3.getMessage());

        assertEquals(1, adam.iterations());
        assertArrayEquals(before.get("w/m"), adam.stateDict().get("w/m"));
    }
}
