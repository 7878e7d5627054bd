package org.hebb.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Building and reading the config maps of optimizers and schedules (Keras' serialized form). */
final class Configs {
    private Configs() {}

    /** {@code {"class_name": className, "config": config}}, both unmodifiable, in that order. */
    static Map<String, Object> serialized(String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className);
        m.put("config", Collections.unmodifiableMap(config));
        return Collections.unmodifiableMap(m);
    }

    /** A required number (any {@link Number}, as a JSON parser may give Integer, Long or Double). */
    static double number(String who, Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException(who + ": config has no \"" + key + "\"; keys present: " + config.keySet());
        }
        return asNumber(who, key, v);
    }

    /** An optional number, {@code fallback} when absent or null. */
    static double number(String who, Map<String, ?> config, String key, double fallback) {
        Object v = config.get(key);
        return v == null ? fallback : asNumber(who, key, v);
    }

    /** A required whole number. */
    static long whole(String who, Map<String, ?> config, String key) {
        double d = number(who, config, key);
        if (d != Math.rint(d) || Math.abs(d) > (double) (1L << 53)) {
            throw new IllegalArgumentException(who + ": config \"" + key + "\" must be a whole number, got " + d);
        }
        return (long) d;
    }

    /** An optional boolean, {@code fallback} when absent or null. */
    static boolean bool(String who, Map<String, ?> config, String key, boolean fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(who + ": config \"" + key + "\" must be true or false, got " + v);
        }
        return b;
    }

    private static double asNumber(String who, String key, Object v) {
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(who + ": config \"" + key + "\" must be a number, got "
                    + v.getClass().getSimpleName() + " " + v);
        }
        return n.doubleValue();
    }
}
