package org.hebb.kernels;

/**
 * Start-up detection of the JDK's Vector API ({@code jdk.incubator.vector}), done once.
 *
 * <p>The Vector API is an incubator module: it is readable only when the JVM is started with
 * {@code --add-modules jdk.incubator.vector}. Kernels that use it live in classes of their own
 * that are loaded by name through {@link #load}, and only after {@link #enabled()} said yes, so
 * a JVM without the module never touches them and runs the plain-Java kernels instead (the
 * scheme Lucene uses for its {@code VectorUtilSupport}). Nothing is logged either way; the
 * choice is visible through each front door, e.g. {@link Gemm#implementation()}.
 *
 * <p>The system property {@code hebb.vector=false} turns the Vector API off even when the
 * module is present (to compare the two paths).
 */
public final class Simd {
    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean ENABLED = MODULE_PRESENT
            && !"false".equalsIgnoreCase(System.getProperty("hebb.vector", "true").trim());

    private Simd() {}

    /** True when the {@code jdk.incubator.vector} module is readable in this JVM. */
    public static boolean modulePresent() {
        return MODULE_PRESENT;
    }

    /**
     * True when vectorized kernels may be used: the module is readable and the property
     * {@code hebb.vector} is not {@code false}.
     */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * Loads and instantiates the vector implementation {@code className} (a class of this
     * package with a no-argument constructor) when {@link #enabled()}, or returns
     * {@code fallback}. A vector class whose constructor throws (it may refuse a machine whose
     * vectors are too narrow to be worth it) also yields the fallback.
     */
    static <T> T load(String className, Class<T> type, T fallback) {
        if (!ENABLED) {
            return fallback;
        }
        try {
            Class<?> cls = Class.forName(className, true, Simd.class.getClassLoader());
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return fallback;
        }
    }
}
