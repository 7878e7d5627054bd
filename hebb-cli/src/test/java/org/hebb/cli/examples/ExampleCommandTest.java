package org.hebb.cli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hebb.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hebb example}: the list, running one by name, and its errors. */
class ExampleCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void listsOneExamplePerSectionInTheGuidesOrder() {
        String[] r = run("example");
        assertEquals("0", r[0], r[2]);
        List<String> names = List.of("perceptron", "activations", "mlp-from-scratch", "backprop", "cnn", "losses",
                "optimizers", "regularization", "best-practices");
        assertEquals(names, Examples.names());
        int last = -1;
        for (String n : names) {
            int at = r[1].indexOf("\n  " + n + " ");
            assertTrue(at > last, n + " listed in order:\n" + r[1]);
            last = at;
        }
        for (Example e : Examples.all()) {
            assertTrue(r[1].contains(e.description()), e.name());
            assertTrue(!e.description().contains("\n") && e.description().length() < 120, e.name());
        }
    }

    @Test
    void runsAnExampleAndWritesItsFiguresIntoOut() throws Exception {
        Path out = dir.resolve("figs");
        String[] r = run("example", "perceptron", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("== perceptron: "), r[1]);
        assertTrue(r[1].contains("example perceptron and_correct=4 "), r[1]);
        assertTrue(r[1].contains("figures in " + out + "/: 1 PNG"), r[1]);
        assertTrue(Files.size(out.resolve("perceptron.png")) > 1000);
    }

    @Test
    void unknownNamesAndMissingDataAreClearErrors() {
        String[] r = run("example", "transformers");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown example 'transformers'; valid: perceptron, activations"), r[2]);
        String[] d = run("example", "cnn", "--small", "--data", "/nonexistent/fashion", "--out", dir.toString());
        assertEquals("1", d[0]);
        assertTrue(d[2].contains("/nonexistent/fashion"), d[2]);
    }
}
