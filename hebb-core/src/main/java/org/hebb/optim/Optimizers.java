package org.hebb.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Optimizers by Keras name ({@code model.compile("adam", ...)}) and rebuilt from their
 * {@link Optimizer#config()}.
 */
public final class Optimizers {
    /** The names {@link #get} accepts, in the order error messages list them. */
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");

    private Optimizers() {}

    /**
     * A new optimizer with Keras' defaults for one of the names {@code "sgd"}, {@code "adam"},
     * {@code "adamw"}, {@code "rmsprop"}, {@code "adagrad"} (case-insensitive, surrounding
     * spaces ignored).
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static Optimizer get(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; valid names: "
                    + String.join(", ", NAMES));
        };
    }

    /**
     * Rebuilds an optimizer from the map {@link Optimizer#config()} returned (for instance after
     * a round trip through JSON, where numbers may come back as Integer, Long or Double). Keys
     * an optimizer does not know are ignored; a missing hyperparameter takes its Keras default;
     * {@code "name"} and {@code "learning_rate"} are required. State is not part of the config:
     * restore it with {@link Optimizer#loadStateDict}.
     *
     * @throws IllegalArgumentException if a required key is missing, a value has the wrong type
     *     or is out of range, or the name or schedule class is unknown
     */
    public static Optimizer fromConfig(Map<String, ?> config) {
        String who = "Optimizers.fromConfig";
        Object nameValue = config.get("name");
        if (!(nameValue instanceof String name)) {
            throw new IllegalArgumentException(who + ": config needs a string \"name\" (one of "
                    + String.join(", ", NAMES) + "), got " + nameValue);
        }
        Object lrValue = config.get("learning_rate");
        LearningRateSchedule schedule = null;
        double lr = Double.NaN;
        if (lrValue instanceof Map<?, ?> m) {
            schedule = scheduleFromConfig(m);
        } else {
            lr = Configs.number(who, config, "learning_rate");
        }
        Optimizer opt = switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd" -> {
                double momentum = Configs.number(who, config, "momentum", 0.0);
                boolean nesterov = Configs.bool(who, config, "nesterov", false);
                yield schedule != null ? new SGD(schedule, momentum, nesterov) : new SGD(lr, momentum, nesterov);
            }
            case "adam" -> {
                double b1 = Configs.number(who, config, "beta_1", 0.9);
                double b2 = Configs.number(who, config, "beta_2", 0.999);
                double eps = Configs.number(who, config, "epsilon", 1e-7);
                yield schedule != null ? new Adam(schedule, b1, b2, eps) : new Adam(lr, b1, b2, eps);
            }
            case "adamw" -> {
                double wd = Configs.number(who, config, "weight_decay", 0.004);
                double b1 = Configs.number(who, config, "beta_1", 0.9);
                double b2 = Configs.number(who, config, "beta_2", 0.999);
                double eps = Configs.number(who, config, "epsilon", 1e-7);
                yield schedule != null ? new AdamW(schedule, wd, b1, b2, eps) : new AdamW(lr, wd, b1, b2, eps);
            }
            case "rmsprop" -> {
                double rho = Configs.number(who, config, "rho", 0.9);
                double momentum = Configs.number(who, config, "momentum", 0.0);
                double eps = Configs.number(who, config, "epsilon", 1e-7);
                yield schedule != null ? new RMSprop(schedule, rho, momentum, eps) : new RMSprop(lr, rho, momentum, eps);
            }
            case "adagrad" -> {
                double acc = Configs.number(who, config, "initial_accumulator_value", 0.1);
                double eps = Configs.number(who, config, "epsilon", 1e-7);
                yield schedule != null ? new Adagrad(schedule, acc, eps) : new Adagrad(lr, acc, eps);
            }
            default -> throw new IllegalArgumentException(who + ": unknown optimizer '" + name + "'; valid names: "
                    + String.join(", ", NAMES));
        };
        if (config.get("clipnorm") != null) {
            opt.clipByNorm(Configs.number(who, config, "clipnorm"));
        }
        if (config.get("clipvalue") != null) {
            opt.clipByValue(Configs.number(who, config, "clipvalue"));
        }
        if (config.get("global_clipnorm") != null) {
            opt.clipByGlobalNorm(Configs.number(who, config, "global_clipnorm"));
        }
        return opt;
    }

    /**
     * Rebuilds a built-in schedule ({@link StepDecay}, {@link ExponentialDecay},
     * {@link CosineDecay}) from its {@link LearningRateSchedule#config()}.
     *
     * @throws IllegalArgumentException if the class is not a built-in one or a setting is
     *     missing, mistyped or out of range
     */
    public static LearningRateSchedule scheduleFromConfig(Map<?, ?> serialized) {
        String who = "Optimizers.scheduleFromConfig";
        Object className = serialized.get("class_name");
        Object inner = serialized.get("config");
        if (!(inner instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(who + ": expected {\"class_name\": ..., \"config\": {...}}, got "
                    + serialized);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> c = (Map<String, ?>) raw;
        if ("StepDecay".equals(className)) {
            return new StepDecay(Configs.number(who, c, "initial_learning_rate"),
                    Configs.number(who, c, "drop_factor"), Configs.whole(who, c, "steps_per_drop"));
        }
        if ("ExponentialDecay".equals(className)) {
            return new ExponentialDecay(Configs.number(who, c, "initial_learning_rate"),
                    Configs.whole(who, c, "decay_steps"), Configs.number(who, c, "decay_rate"),
                    Configs.bool(who, c, "staircase", false));
        }
        if ("CosineDecay".equals(className)) {
            Object target = c.get("warmup_target");
            Double warmupTarget = target == null ? null : Configs.number(who, c, "warmup_target");
            long warmupSteps = c.get("warmup_steps") == null ? 0 : Configs.whole(who, c, "warmup_steps");
            return new CosineDecay(Configs.number(who, c, "initial_learning_rate"),
                    Configs.whole(who, c, "decay_steps"), Configs.number(who, c, "alpha", 0.0),
                    warmupSteps, warmupTarget);
        }
        throw new IllegalArgumentException(who + ": unknown schedule class '" + className
                + "'; built-in ones: StepDecay, ExponentialDecay, CosineDecay");
    }
}
