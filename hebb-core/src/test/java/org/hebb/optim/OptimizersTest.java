package org.hebb.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    @Test
    void kerasNamesCaseInsensitive() {
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        assertInstanceOf(Adam.class, Optimizers.get("Adam"));
        assertInstanceOf(AdamW.class, Optimizers.get("ADAMW"));
        assertInstanceOf(RMSprop.class, Optimizers.get("RMSprop"));
        assertInstanceOf(Adagrad.class, Optimizers.get(" adagrad "));
        for (String name : Optimizers.NAMES) {
            assertEquals(name, Optimizers.get(name).name());
        }
        assertEquals(0.001, Optimizers.get("adam").learningRate());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamax"));
        assertEquals("unknown optimizer 'adamax'; valid names: sgd, adam, adamw, rmsprop, adagrad", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get(null));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get(""));
    }

    @Test
    void configRoundTripsForEveryOptimizer() {
        List<Optimizer> all = List.of(
                new SGD(0.05, 0.9, true),
                new Adam(0.002, 0.8, 0.99, 1e-6).clipByGlobalNorm(5.0),
                new AdamW(0.003, 0.01, 0.85, 0.995, 1e-8),
                new RMSprop(0.004, 0.95, 0.5, 1e-6).clipByValue(0.5),
                new Adagrad(0.1, 0.2, 1e-6).clipByNorm(1.0),
                new Adam(new CosineDecay(0.0, 100, 0.1, 10, 0.01)),
                new SGD(new ExponentialDecay(0.1, 1000, 0.96, true), 0.5, false),
                new AdamW(new StepDecay(0.1, 0.5, 10)));
        for (Optimizer opt : all) {
            Optimizer rebuilt = Optimizers.fromConfig(opt.config());
            assertEquals(opt.getClass(), rebuilt.getClass());
            assertEquals(opt.config(), rebuilt.config());
        }
    }

    @Test
    void configFromJsonLikeNumbersAndDefaults() {
        // A JSON parser may give integers; absent hyperparameters take Keras' defaults.
        Map<String, Object> c = new HashMap<>();
        c.put("name", "rmsprop");
        c.put("learning_rate", 1);
        Optimizer opt = Optimizers.fromConfig(c);
        assertEquals(new RMSprop(1.0).config(), opt.config());
        Map<String, Object> sched = Map.of("class_name", "CosineDecay",
                "config", Map.of("initial_learning_rate", 1, "decay_steps", 100));
        assertEquals(new CosineDecay(1.0, 100).config(), Optimizers.scheduleFromConfig(sched).config());
    }

    @Test
    void badConfigsAreReported() {
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig(Map.of("name", "adam")));
        assertTrue(e1.getMessage().startsWith("Optimizers.fromConfig: config has no \"learning_rate\""), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig(Map.of("name", "nadam", "learning_rate", 0.1)));
        assertEquals("Optimizers.fromConfig: unknown optimizer 'nadam'; valid names: sgd, adam, adamw, rmsprop,"
                + " adagrad", e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig(Map.of("name", "sgd", "learning_rate", "fast")));
        assertEquals("Optimizers.fromConfig: config \"learning_rate\" must be a number, got String fast", e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig(Map.of("name", "sgd", "learning_rate", 0.1, "momentum", 2)));
        assertEquals("SGD: momentum must be in [0, 1), got 2.0", e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> Optimizers.scheduleFromConfig(
                Map.of("class_name", "Warmup", "config", Map.of())));
        assertEquals("Optimizers.scheduleFromConfig: unknown schedule class 'Warmup'; built-in ones: StepDecay,"
                + " ExponentialDecay, CosineDecay", e5.getMessage());
        var e6 = assertThrows(IllegalArgumentException.class, () -> Optimizers.scheduleFromConfig(
                Map.of("class_name", "StepDecay", "config", Map.of("initial_learning_rate", 0.1,
                        "drop_factor", 0.5, "steps_per_drop", 2.5))));
        assertEquals("Optimizers.scheduleFromConfig: config \"steps_per_drop\" must be a whole number, got 2.5",
                e6.getMessage());
    }

    @Test
    void customScheduleConfigCannotBeRebuilt() {
        Optimizer opt = new SGD(step -> 0.1);
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig(opt.config()));
        assertTrue(e.getMessage().contains("expected {\"class_name\""), e.getMessage());
    }
}
