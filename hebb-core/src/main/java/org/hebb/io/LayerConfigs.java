package org.hebb.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hebb.kernels.Padding;
import org.hebb.nn.Activation;
import org.hebb.nn.AveragePooling2D;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.nn.GlobalAveragePooling2D;
import org.hebb.nn.MaxPooling2D;
import org.hebb.nn.Module;
import org.hebb.nn.Regularizer;
import org.hebb.nn.Residual;
import org.hebb.train.Sequential;

/**
 * Turns hebb's layers into JSON-ready descriptions and back — the architecture half of a model
 * file. A layer is described as {@code {"class_name": "Dense", "config": {...}}} where the
 * config is the layer's {@link Module#config()} plus {@code "input_shape"} when the layer
 * declares one; a {@link Sequential} lists its layers as
 * {@code {"class_name", "name", "config"}} under {@code "layers"}, and a {@link Residual} nests
 * its {@code "body"} and {@code "shortcut"} (or {@code null}) the same way.
 *
 * <p>The known classes are listed in {@link #CLASS_NAMES} and rebuilt by an explicit
 * {@code switch}, not by reflection. A module of another class (a user's own {@code Module}
 * subclass) cannot be described: {@link #toConfig} refuses it, and such a model is saved with
 * {@link ModelFile#saveWeights} and rebuilt in code.
 *
 * <p>When rebuilding, keys a layer does not know are refused (a typo must not be silently
 * ignored) and missing optional keys take the layer's defaults (Keras').
 */
public final class LayerConfigs {
    /** The classes a model file can describe. */
    public static final List<String> CLASS_NAMES = List.of("Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D",
            "GlobalAveragePooling2D", "Flatten", "Dropout", "BatchNormalization", "Activation", "Residual",
            "Sequential");

    private LayerConfigs() {}

    // ------------------------------------------------------------------ module -> config

    /**
     * {@code {"class_name": ..., "config": {...}}} for {@code module}, nested modules included.
     *
     * @throws IllegalArgumentException if {@code module} or a module inside it is not of one
     *     of the {@link #CLASS_NAMES} (the message names its class and where it sits)
     */
    public static Map<String, Object> toConfig(Module module) {
        return toConfig(module, "model");
    }

    private static Map<String, Object> toConfig(Module m, String where) {
        String cls = className(m, where);
        Map<String, Object> config = new LinkedHashMap<>(m.config());
        if (m instanceof Sequential s) {
            List<Object> layers = new ArrayList<>();
            List<Module> ls = s.layers();
            List<String> names = s.layerNames();
            for (int i = 0; i < ls.size(); i++) {
                Map<String, Object> spec = toConfig(ls.get(i), where + ".layers[" + i + "]");
                Map<String, Object> named = new LinkedHashMap<>();
                named.put("class_name", spec.get("class_name"));
                named.put("name", names.get(i));
                named.put("config", spec.get("config"));
                layers.add(named);
            }
            config.put("layers", layers);
        } else if (m instanceof Residual r) {
            config.put("body", toConfig(r.body(), where + ".body"));
            config.put("shortcut", r.shortcut() == null ? null : toConfig(r.shortcut(), where + ".shortcut"));
        }
        int[] shape = m.declaredInputShape();
        if (shape != null) {
            config.put("input_shape", toList(shape));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", cls);
        out.put("config", config);
        return out;
    }

    private static String className(Module m, String where) {
        Class<?> c = m.getClass();
        if (c == Dense.class || c == Conv2D.class || c == MaxPooling2D.class || c == AveragePooling2D.class
                || c == GlobalAveragePooling2D.class || c == Flatten.class || c == Dropout.class
                || c == BatchNormalization.class || c == Activation.class || c == Residual.class
                || c == Sequential.class) {
            return c.getSimpleName();
        }
        throw new IllegalArgumentException(where + ": cannot describe a module of class " + c.getName()
                + " in a model file (known: " + String.join(", ", CLASS_NAMES) + "); save its weights with "
                + "ModelFile.saveWeights and rebuild the module in code");
    }

    static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    // ------------------------------------------------------------------ config -> module

    /**
     * Rebuilds a module from {@code {"class_name": ..., "config": {...}}} as {@link #toConfig}
     * wrote it. The module is fresh: built (with new initial weights) only where an input shape
     * is declared.
     *
     * @throws IllegalArgumentException if the class is unknown, a key is unknown, or a value is
     *     missing, mistyped or out of range; the message says where (e.g.
     *     {@code model.layers[2] (Dense): "units" must be an integer, got "64"})
     */
    public static Module fromConfig(Map<String, ?> spec) {
        return fromConfig(spec, "model");
    }

    private static Module fromConfig(Object specValue, String where) {
        if (!(specValue instanceof Map<?, ?> spec)) {
            throw new IllegalArgumentException(where + ": expected {\"class_name\": ..., \"config\": {...}}, got "
                    + describe(specValue));
        }
        Object cls = spec.get("class_name");
        if (!(cls instanceof String name)) {
            throw new IllegalArgumentException(where + ": missing or non-string \"class_name\"");
        }
        Object configValue = spec.get("config");
        if (configValue == null) {
            configValue = Map.of();
        }
        if (!(configValue instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(where + " (" + name + "): \"config\" must be an object, got "
                    + describe(configValue));
        }
        Cfg c = new Cfg(where + " (" + name + ")", raw);
        Module m = switch (name) {
            case "Dense" -> dense(c);
            case "Conv2D" -> conv2d(c);
            case "MaxPooling2D" -> {
                c.allow("pool_size", "strides", "padding");
                int pool = c.positiveInt("pool_size", null);
                yield new MaxPooling2D(pool, c.positiveInt("strides", pool), c.string("padding", "valid"));
            }
            case "AveragePooling2D" -> {
                c.allow("pool_size", "strides", "padding");
                int pool = c.positiveInt("pool_size", null);
                yield new AveragePooling2D(pool, c.positiveInt("strides", pool), c.string("padding", "valid"));
            }
            case "GlobalAveragePooling2D" -> {
                c.allow();
                yield new GlobalAveragePooling2D();
            }
            case "Flatten" -> {
                c.allow();
                yield new Flatten();
            }
            case "Dropout" -> {
                c.allow("rate");
                yield c.build(() -> new Dropout(c.number("rate", null)));
            }
            case "BatchNormalization" -> {
                c.allow("momentum", "epsilon");
                double momentum = c.number("momentum", 0.99);
                double epsilon = c.number("epsilon", 1e-3);
                yield c.build(() -> new BatchNormalization((float) momentum, (float) epsilon));
            }
            case "Activation" -> {
                c.allow("activation");
                yield c.activation("activation");
            }
            case "Residual" -> {
                c.allow("activation", "body", "shortcut");
                Activation act = c.activation("activation");
                Module body = fromConfig(c.required("body"), where + ".body");
                Object sc = c.raw.get("shortcut");
                Module shortcut = sc == null ? null : fromConfig(sc, where + ".shortcut");
                yield new Residual(body, shortcut, act);
            }
            case "Sequential" -> sequential(c, where);
            default -> throw new IllegalArgumentException(where + ": unknown layer class '" + name + "' (known: "
                    + String.join(", ", CLASS_NAMES) + ")");
        };
        if (!name.equals("Sequential") && c.raw.get("input_shape") != null) {
            int[] shape = c.shape("input_shape");
            Module plain = m;
            m = c.build(() -> plain.inputShape(shape));
        }
        return m;
    }

    private static Module sequential(Cfg c, String where) {
        c.allow("layers", "input_shape");
        Object layersValue = c.required("layers");
        if (!(layersValue instanceof List<?> specs)) {
            throw new IllegalArgumentException(c.where + ": \"layers\" must be a list, got " + describe(layersValue));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(c.where + ": \"layers\" is empty");
        }
        Module[] layers = new Module[specs.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = fromConfig(specs.get(i), where + ".layers[" + i + "]");
        }
        if (c.raw.get("input_shape") != null) {
            int[] shape = c.shape("input_shape");
            int[] declared = layers[0].declaredInputShape();
            if (declared == null) {
                Module first = layers[0];
                layers[0] = c.build(() -> first.inputShape(shape));
            } else if (!java.util.Arrays.equals(declared, shape)) {
                throw new IllegalArgumentException(c.where + ": \"input_shape\" " + toList(shape)
                        + " differs from the first layer's " + toList(declared));
            }
        }
        return c.build(() -> new Sequential(layers));
    }

    private static Dense dense(Cfg c) {
        c.allow("units", "activation", "use_bias", "kernel_regularizer", "bias_regularizer", "input_shape");
        int units = c.positiveInt("units", null);
        Activation act = c.activation("activation");
        Dense d = c.build(() -> new Dense(units, act));
        d.useBias(c.bool("use_bias", true));
        d.kernelRegularizer(c.regularizer("kernel_regularizer"));
        d.biasRegularizer(c.regularizer("bias_regularizer"));
        return d;
    }

    private static Conv2D conv2d(Cfg c) {
        c.allow("filters", "kernel_size", "strides", "padding", "dilation_rate", "use_bias", "activation",
                "kernel_regularizer", "bias_regularizer", "input_shape");
        int filters = c.positiveInt("filters", null);
        int[] k = c.pair("kernel_size", null);
        Activation act = c.activation("activation");
        Conv2D conv = c.build(() -> new Conv2D(filters, k[0], k[1], act));
        int[] s = c.pair("strides", 1);
        c.build(() -> conv.strides(s[0], s[1]));
        int[] d = c.pair("dilation_rate", 1);
        if (d[0] != d[1]) {
            throw new IllegalArgumentException(c.where + ": \"dilation_rate\" must be the same along height and width, got "
                    + toList(d));
        }
        c.build(() -> conv.dilation(d[0]));
        Padding p = c.padding("padding");
        conv.padding(p);
        conv.useBias(c.bool("use_bias", true));
        conv.kernelRegularizer(c.regularizer("kernel_regularizer"));
        conv.biasRegularizer(c.regularizer("bias_regularizer"));
        return conv;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return v instanceof Map ? "an object" : v instanceof List ? "a list" : String.valueOf(v);
    }

    /** One layer's config with typed, checked getters whose errors say where. */
    private static final class Cfg {
        final String where;
        final Map<?, ?> raw;

        Cfg(String where, Map<?, ?> raw) {
            this.where = where;
            this.raw = raw;
        }

        void allow(String... keys) {
            Set<String> ok = Set.of(keys);
            for (Object k : raw.keySet()) {
                if (!ok.contains(k) && !"input_shape".equals(k)) {
                    throw new IllegalArgumentException(where + ": unknown key \"" + k + "\""
                            + (keys.length == 0 ? " (this layer has no settings)" : " (valid: "
                            + String.join(", ", keys) + ")"));
                }
            }
        }

        Object required(String key) {
            Object v = raw.get(key);
            if (v == null) {
                throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
            }
            return v;
        }

        /** Runs a constructor or setter, prefixing its IllegalArgumentException with where. */
        <T> T build(java.util.function.Supplier<T> f) {
            try {
                return f.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }

        int integer(Object v, String key) {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger) {
                Number n = (Number) v;
                if (n instanceof BigInteger b ? b.bitLength() < 32 : n.longValue() == n.intValue()) {
                    return n.intValue();
                }
            }
            throw new IllegalArgumentException(where + ": \"" + key + "\" must be an integer, got " + describe(v));
        }

        int positiveInt(String key, Integer def) {
            Object v = raw.get(key);
            if (v == null) {
                if (def == null) {
                    throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
                }
                return def;
            }
            int i = integer(v, key);
            if (i < 1) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be >= 1, got " + i);
            }
            return i;
        }

        /** {@code [h, w]} from a list of two positive integers or one integer (both ways). */
        int[] pair(String key, Integer def) {
            Object v = raw.get(key);
            if (v == null) {
                if (def == null) {
                    throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
                }
                return new int[] {def, def};
            }
            if (v instanceof List<?> l) {
                if (l.size() != 2) {
                    throw new IllegalArgumentException(where + ": \"" + key + "\" must be [height, width], got "
                            + l);
                }
                int[] p = {integer(l.get(0), key), integer(l.get(1), key)};
                if (p[0] < 1 || p[1] < 1) {
                    throw new IllegalArgumentException(where + ": \"" + key + "\" must be >= 1, got " + l);
                }
                return p;
            }
            int i = positiveInt(key, def);
            return new int[] {i, i};
        }

        int[] shape(String key) {
            Object v = raw.get(key);
            if (!(v instanceof List<?> l) || l.isEmpty()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a non-empty list of sizes, got "
                        + describe(v));
            }
            int[] s = new int[l.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = integer(l.get(i), key);
                if (s[i] < 1) {
                    throw new IllegalArgumentException(where + ": \"" + key + "\" sizes must be >= 1, got " + l);
                }
            }
            return s;
        }

        double number(String key, Double def) {
            Object v = raw.get(key);
            if (v == null) {
                if (def == null) {
                    throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
                }
                return def;
            }
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a number, got " + describe(v));
            }
            return n.doubleValue();
        }

        boolean bool(String key, boolean def) {
            Object v = raw.get(key);
            if (v == null) {
                return def;
            }
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be true or false, got "
                        + describe(v));
            }
            return b;
        }

        String string(String key, String def) {
            Object v = raw.get(key);
            if (v == null) {
                return def;
            }
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string, got " + describe(v));
            }
            return s;
        }

        /** {@code {"name": ..., "alpha": ...}} or a plain name; missing means linear. */
        Activation activation(String key) {
            Object v = raw.get(key);
            if (v == null) {
                return Activation.LINEAR;
            }
            String name;
            Double alpha = null;
            if (v instanceof String s) {
                name = s;
            } else if (v instanceof Map<?, ?> m) {
                Cfg a = new Cfg(where + " \"" + key + "\"", m);
                a.allow("name", "alpha");
                name = a.string("name", null);
                if (name == null) {
                    throw new IllegalArgumentException(a.where + ": missing \"name\"");
                }
                alpha = m.get("alpha") == null ? null : a.number("alpha", null);
            } else {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a name or {\"name\", \"alpha\"}, got "
                        + describe(v));
            }
            float al = alpha == null ? Float.NaN : (float) (double) alpha;
            return build(() -> switch (name) {
                case "leaky_relu" -> Float.isNaN(al) ? Activation.get(name) : Activation.leakyRelu(al);
                case "elu" -> Float.isNaN(al) || al == 1f ? Activation.ELU : Activation.elu(al);
                default -> Activation.get(name);
            });
        }

        Regularizer regularizer(String key) {
            Object v = raw.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be {\"l1\": ..., \"l2\": ...} or null, got "
                        + describe(v));
            }
            Cfg r = new Cfg(where + " \"" + key + "\"", m);
            r.allow("l1", "l2");
            float l1 = (float) r.number("l1", 0.0);
            float l2 = (float) r.number("l2", 0.0);
            return r.build(() -> Regularizer.l1l2(l1, l2));
        }

        Padding padding(String key) {
            Object v = raw.get(key);
            if (v == null) {
                return Padding.VALID;
            }
            if (v instanceof String s) {
                return build(() -> Padding.of(s));
            }
            if (v instanceof Map<?, ?> m) {
                Cfg p = new Cfg(where + " \"" + key + "\"", m);
                p.allow("top", "bottom", "left", "right");
                int[] t = new int[4];
                String[] sides = {"top", "bottom", "left", "right"};
                for (int i = 0; i < 4; i++) {
                    t[i] = p.integer(p.required(sides[i]), sides[i]);
                }
                return p.build(() -> Padding.explicit(t[0], t[1], t[2], t[3]));
            }
            throw new IllegalArgumentException(where + ": \"" + key + "\" must be \"valid\", \"same\" or "
                    + "{\"top\", \"bottom\", \"left\", \"right\"}, got " + describe(v));
        }
    }
}
