package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The start-up choice between the vector and the plain kernels, seen from a JVM started
 * without {@code --add-modules jdk.incubator.vector} and from one told {@code -Dhebb.vector=false}.
 */
class SimdTest {

    /** Entry point of the child JVMs: prints the active GEMM and checks one product. */
    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Gemm.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0, false);
        System.out.println(Gemm.implementation() + " " + Simd.modulePresent() + " "
                + java.util.Arrays.toString(c));
    }

    private static String runChild(List<String> jvmArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SimdTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void withoutTheModuleThePlainPathRunsAndNothingIsLogged() throws Exception {
        assertEquals("plain false [58.0, 64.0, 139.0, 154.0]", runChild(List.of()));
    }

    @Test
    void propertyTurnsTheVectorPathOff() throws Exception {
        String out = runChild(List.of("--add-modules", "jdk.incubator.vector", "-Dhebb.vector=false"));
        assertTrue(out.endsWith("plain true [58.0, 64.0, 139.0, 154.0]"), out);
    }
}
