package org.hebb.zoo;

import java.util.List;
import java.util.Locale;
import org.hebb.nn.Activation;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.nn.MaxPooling2D;
import org.hebb.train.Sequential;

/**
 * Ready-made models, each selectable by name ({@code hebb train --model NAME}).
 *
 * <ul>
 *   <li>{@code seed-cnn}: the guide's {@code create_cnn((28, 28, 1), 10)} — three 3x3 ReLU
 *       convolutions (32, 64, 64 filters) with 2x2 max pooling after the first two, then
 *       Flatten, Dense(64, relu), Dropout(0.5), Dense(10, softmax). Input {@code [28, 28, 1]};
 *       93,322 parameters (the Keras figure).</li>
 *   <li>{@code mlp}: the guide's {@code NeuralNetwork([784, 128, 64, 10])} — Flatten, then
 *       Dense(128, relu), Dense(64, relu), Dense(10, softmax). Input {@code [28, 28, 1]};
 *       784*128+128 + 128*64+64 + 64*10+10 = 109,386 parameters.</li>
 * </ul>
 * Weights draw from {@link org.hebb.tensor.Rng#global()} when the model is built: seed it
 * first ({@code Rng.seed(42)}) for a reproducible model.
 */
public final class Zoo {
    private Zoo() {}

    /** The names {@link #get(String, int...)} knows. */
    public static List<String> names() {
        return List.of("seed-cnn", "mlp");
    }

    /** The model named {@code name} for per-sample input {@code inputShape} (e.g. 28, 28, 1) and 10 classes. */
    public static Sequential get(String name, int... inputShape) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "seed-cnn", "cnn" -> seedCnn(inputShape, 10);
            case "mlp" -> mlp(inputShape, 10);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; valid: " + names());
        };
    }

    /** The guide's CNN, line by line. */
    public static Sequential seedCnn(int[] inputShape, int numClasses) {
        return new Sequential(
                new Conv2D(32, 3, Activation.RELU).inputShape(inputShape),
                new MaxPooling2D(2),
                new Conv2D(64, 3, Activation.RELU),
                new MaxPooling2D(2),
                new Conv2D(64, 3, Activation.RELU),
                new Flatten(),
                new Dense(64, Activation.RELU),
                new Dropout(0.5),
                new Dense(numClasses, Activation.SOFTMAX));
    }

    /** The guide's multilayer perceptron 784-128-64-10 (input flattened first). */
    public static Sequential mlp(int[] inputShape, int numClasses) {
        return new Sequential(
                new Flatten().inputShape(inputShape),
                new Dense(128, Activation.RELU),
                new Dense(64, Activation.RELU),
                new Dense(numClasses, Activation.SOFTMAX));
    }
}
