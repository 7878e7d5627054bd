package org.hebb.cli.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hebb example}: lists the guide's examples, one per section, with a line each;
 * {@code hebb example NAME} runs one, prints what it shows and its key figures, and writes its
 * figures (PNG) into {@code --out DIR} (default {@code runs/examples/NAME/}).
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Run the guide's examples, one per section.",
            "Without NAME: list them. With NAME: run it and write its figures into --out."})
public final class ExampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The example to run (see the list).")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the figures (default runs/examples/NAME).")
    Path out;

    @Option(names = "--small", description = "Small data and few epochs: seconds, not minutes (what the tests run).")
    boolean small;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the Fashion-MNIST IDX files"
            + " (default: $HEBB_DATA, ~/.hebb/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist).")
    Path data;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        if (name == null) {
            w.println("The guide's examples, one per section (run one with: hebb example NAME [--small] [--out DIR]):");
            for (Example e : Examples.all()) {
                w.println(String.format(Locale.ROOT, "  %-18s %s", e.name(), e.description()));
            }
            w.flush();
            return 0;
        }
        Example e = Examples.get(name);
        if (e == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown example '" + name + "'; valid: "
                    + String.join(", ", Examples.names()));
        }
        Path dir = out != null ? out : Path.of("runs", "examples", name);
        ExampleContext ctx = new ExampleContext(w, dir, small, seed, data);
        w.println("== " + e.name() + ": " + e.description() + (small ? " (small)" : ""));
        w.flush();
        Map<String, Double> results = e.run(ctx);
        StringBuilder line = new StringBuilder("example " + e.name());
        for (Map.Entry<String, Double> r : results.entrySet()) {
            double v = r.getValue();
            line.append(' ').append(r.getKey()).append('=').append(v == Math.rint(v) && Math.abs(v) < 1e15
                    ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v));
        }
        w.println(line);
        w.println(ctx.written().isEmpty() ? "no figures" : "figures in " + dir + "/: " + ctx.written().size() + " PNG");
        w.flush();
        return 0;
    }
}
