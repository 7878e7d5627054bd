package org.hebb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hebb.cli.CliRun;
import org.hebb.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hebb bench gemm}: argument parsing, the line format, and reading NumPy's output. */
class BenchGemmTest {

    private static String[] run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void shapesParseAndPrint() {
        GemmShape s = GemmShape.parse("288x64x21632:tn");
        assertEquals(new GemmShape(288, 64, 21632, true, false), s);
        assertEquals("288x64x21632:TN", s.spec());
        assertEquals("m=288 n=64 k=21632 op=TN", s.label());
        assertEquals("n=512", GemmShape.parse("512x512x512").label());
        assertEquals(2.0 * 288 * 64 * 21632, s.flop());
        for (String bad : List.of("3x4", "3x4x5:NX", "axbxc", "0x4x5", "3x4x5:NNN")) {
            assertThrows(IllegalArgumentException.class, () -> GemmShape.parse(bad), bad);
        }
    }

    @Test
    void defaultsAreTheDocumentedSizesAndThreads() {
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult r = cl.parseArgs("bench", "gemm");
        BenchGemm gemm = (BenchGemm) r.subcommand().subcommand().commandSpec().userObject();
        assertEquals(List.of(256, 512, 1024, 2048), gemm.sizes);
        assertEquals(List.of(1, 2), gemm.threads);
        assertEquals(5, gemm.reps);
        assertEquals(3, gemm.rounds);
        List<GemmShape> shapes = gemm.shapeList();
        assertEquals(8, shapes.size());
        assertEquals(GemmShape.parse("21632x64x288"), shapes.get(5));
    }

    @Test
    void tinyRunPrintsOneLinePerShapeAndThreadCount() {
        String[] r = run("bench", "gemm", "--sizes", "32", "--threads", "1,2", "--reps", "1", "--min-time", "0",
                "--max-warmup", "0.2", "--shapes", "9x5x3:TN", "--no-numpy");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\\R");
        assertTrue(lines[0].startsWith("hebb bench gemm: JDK ") && lines[0].contains("gemm="), lines[0]);
        assertEquals(5, lines.length, r[1]);
        assertTrue(lines[1].matches("gemm n=32 threads=1 hebb=\\d+\\.\\d GFLOP/s"), lines[1]);
        assertTrue(lines[2].matches("gemm n=32 threads=2 hebb=\\d+\\.\\d GFLOP/s"), lines[2]);
        assertTrue(lines[3].matches("gemm m=9 n=5 k=3 op=TN threads=1 hebb=\\d+\\.\\d GFLOP/s"), lines[3]);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        String[] r = run("bench", "gemm", "--sizes", "0", "--no-numpy");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--sizes: sizes must be >= 1"), r[2]);
        r = run("bench", "gemm", "--shapes", "3x4", "--no-numpy");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--shapes: gemm shape: expected MxNxK"), r[2]);
        r = run("bench", "gemm", "--threads", "0", "--no-numpy");
        assertEquals("2", r[0]);
        r = run("bench", "gemm", "--reps", "x");
        assertEquals("2", r[0]);
        r = run("bench", "gemm", "--rounds", "0", "--no-numpy");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--rounds must be >= 1"), r[2]);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, BenchGemm.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchGemm.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, BenchGemm.median(new double[] {7}));
    }

    @Test
    void missingPythonOrScriptMeansNoPeer() {
        assertTrue(NumpyPeer.find("python3", null).isEmpty(), "no script, no peer");
        assertTrue(NumpyPeer.find("python3", Path.of("no-such-script.py")).isEmpty());
        assertTrue(NumpyPeer.find("no-such-python-hebb", Path.of("pom.xml")).isEmpty());
    }

    @Test
    void numpyScriptRunsWhenNumpyIsInstalled() throws Exception {
        Path script = Path.of("..", "scripts", "bench_gemm_numpy.py");
        var peer = NumpyPeer.find("python3", script);
        Assumptions.assumeTrue(peer.isPresent(), "python3 with numpy is not installed");
        GemmShape s = GemmShape.parse("16x8x4:NT");
        Map<String, Double> r = peer.get().run(List.of(s), 1, 1);
        assertTrue(r.get(s.spec()) > 0, r.toString());
        assertTrue(peer.get().description().startsWith("numpy "), peer.get().description());
    }

    @Test
    void numpyLinesAreParsedAndNoiseSkipped() {
        NumpyPeer peer = new NumpyPeer("python3", Path.of("x.py"));
        Map<String, Double> m = peer.parse("# numpy 2.4.6, scipy-openblas 0.3.31, threads=2\n"
                + "256x256x256:NN 101.5\nsome warning line\n288x64x21632:TN 44.0\n");
        assertEquals(Map.of("256x256x256:NN", 101.5, "288x64x21632:TN", 44.0), m);
        assertEquals("numpy 2.4.6, scipy-openblas 0.3.31", peer.description());
        assertFalse(m.containsKey("some"));
    }
}
