package org.hebb.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.kernels.Padding;

/**
 * JSON-ready forms of the settings layers share, for {@link Module#config()}: activations,
 * regularizers, paddings and (height, width) pairs. Floats stay {@code Float}, so JSON writes
 * their shortest decimal form ({@code 0.2}, not {@code 0.20000000298023224}).
 */
final class ConfigValues {
    private ConfigValues() {}

    /** {@code {"name": "leaky_relu", "alpha": 0.2}}; alpha is 0 for activations without one. */
    static Map<String, Object> activation(Activation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.kind());
        m.put("alpha", a.alpha());
        return m;
    }

    /** {@code {"l1": 0.0, "l2": 0.01}}, or {@code null} without regularizer. */
    static Map<String, Object> regularizer(Regularizer r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l1", r.l1());
        m.put("l2", r.l2());
        return m;
    }

    /** {@code "valid"}, {@code "same"} or {@code {"top": t, "bottom": b, "left": l, "right": r}}. */
    static Object padding(Padding p) {
        return switch (p.mode()) {
            case VALID -> "valid";
            case SAME -> "same";
            case EXPLICIT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("top", p.top());
                m.put("bottom", p.bottom());
                m.put("left", p.left());
                m.put("right", p.right());
                yield m;
            }
        };
    }

    /** {@code [height, width]}. */
    static List<Integer> pair(int h, int w) {
        return List.of(h, w);
    }
}
