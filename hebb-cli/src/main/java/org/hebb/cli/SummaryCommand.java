package org.hebb.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hebb.train.Model;
import org.hebb.zoo.Zoo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hebb summary NAME|MODEL}: the Keras-like layer table of a zoo model or a saved one. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the layer table of a zoo model (seed-cnn, mlp, vgg, resnet20, ...) or of a saved model/run folder.")
public final class SummaryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", defaultValue = "seed-cnn", paramLabel = "MODEL",
            description = "A zoo name (default ${DEFAULT-VALUE}) or a run/model folder.")
    String model;

    @Override
    public Integer call() throws Exception {
        Model m = Zoo.names().contains(model) ? Zoo.get(model, 28, 28, 1) : ModelArgs.load(Path.of(model));
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        m.summary(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(buf.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
