package org.hebb.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hebb bench}: speed measurements, one subcommand per workload. A new benchmark is a
 * class of its own added to the {@code subcommands} list.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed, side by side with a peer when one is installed.",
        subcommands = {BenchGemm.class, BenchTrain.class, BenchAccuracy.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
