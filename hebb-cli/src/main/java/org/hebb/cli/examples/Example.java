package org.hebb.cli.examples;

import java.io.IOException;
import java.util.Map;

/**
 * One runnable example of {@code hebb example NAME}, illustrating one section of the guide.
 * An example prints what it shows to {@link ExampleContext#out()}, writes its figures into
 * {@link ExampleContext#outDir()}, and returns its key figures by name (what the tests assert).
 */
public interface Example {

    /** The name typed after {@code hebb example}, e.g. {@code "perceptron"}. */
    String name();

    /** One line saying what the example shows. */
    String description();

    /**
     * Runs the example: on small data when {@link ExampleContext#small()} (a few seconds, what
     * the tests use), else at the size that shows the point well.
     *
     * @return the example's key figures, in the order printed (e.g. {@code xor_correct=3})
     * @throws IOException if the data cannot be read or a figure cannot be written
     */
    Map<String, Double> run(ExampleContext ctx) throws IOException;
}
