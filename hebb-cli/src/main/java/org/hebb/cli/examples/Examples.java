package org.hebb.cli.examples;

import java.util.List;

/** The examples, in the order of the guide's sections. */
public final class Examples {
    private Examples() {}

    /** Every example, in the guide's order. */
    public static List<Example> all() {
        return List.of(new PerceptronExample(), new ActivationsExample(), new MlpFromScratchExample(),
                new BackpropExample(), new CnnExample(), new LossesExample(),
                new OptimizersExample(), new RegularizationExample(), new BestPracticesExample());
    }

    /** The example named {@code name}, or {@code null}. */
    public static Example get(String name) {
        for (Example e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The names, in order. */
    public static List<String> names() {
        return all().stream().map(Example::name).toList();
    }
}
