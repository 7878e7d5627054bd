package org.hebb.cli;

import org.hebb.cli.bench.BenchCommand;
import org.hebb.cli.examples.ExampleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hebb} command. Each subcommand is a class of its own, registered in the
 * {@code subcommands} list below; run {@code hebb --help} for the list.
 */
@Command(name = "hebb", mixinStandardHelpOptions = true, version = "hebb 0.1.0-SNAPSHOT",
        description = "Deep learning for the JVM: train, inspect and benchmark models.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
            ExampleCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // A failure the user can act on (bad input, a missing file) is one line, not a stack trace;
        // HEBB_DEBUG=1 shows the trace.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("hebb: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("HEBB_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
