package org.hebb.cli.examples;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.data.FashionMnist;
import org.hebb.nn.Activation;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.nn.MaxPooling2D;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Metrics;
import org.hebb.train.Sequential;
import org.knowm.xchart.XYChart;

/**
 * The guide's Keras-style CNN, {@code create_cnn((28, 28, 1), 10)}, written with hebb's layers
 * line for line, compiled with Adam and sparse categorical cross-entropy, trained on
 * Fashion-MNIST and evaluated on its test set, with a per-class accuracy table and the
 * training curves.
 */
public final class CnnExample implements Example {

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "The guide's Keras-style CNN (create_cnn) in hebb: summary, training on Fashion-MNIST, test accuracy.";
    }

    /** The guide's {@code create_cnn(input_shape, num_classes)}, line for line. */
    public static Sequential createCnn(int[] inputShape, int numClasses) {
        return new Sequential(
                // First conv block
                new Conv2D(32, 3, Activation.RELU).inputShape(inputShape),
                new MaxPooling2D(2),
                // Second conv block
                new Conv2D(64, 3, Activation.RELU),
                new MaxPooling2D(2),
                // Third conv block
                new Conv2D(64, 3, Activation.RELU),
                // Classifier
                new Flatten(),
                new Dense(64, Activation.RELU),
                new Dropout(0.5),
                new Dense(numClasses, Activation.SOFTMAX));
    }

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        int nTrain = ctx.size(256, 60_000);
        int nTest = ctx.size(128, 10_000);
        int epochs = ctx.size(1, 3);
        int batch = ctx.size(32, 64);
        FashionMnist.Split train = ctx.fashionTrain(nTrain);
        FashionMnist.Split test = ctx.fashionTest(nTest);

        Rng.seed(ctx.seed());
        Sequential model = createCnn(new int[] {28, 28, 1}, 10);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(table, true, StandardCharsets.UTF_8)) {
            model.summary(ps);
        }
        ctx.out().print(table.toString(StandardCharsets.UTF_8));
        ctx.printf("Training on %d images for %d epoch(s), batch %d, Adam (lr 0.001); validating on %d test images.%n",
                train.size(), epochs, batch, test.size());
        long t0 = System.nanoTime();
        History h = model.fit(train.x(), train.y(), Fit.epochs(epochs).batchSize(batch).seed(ctx.seed()).verbose(0)
                .validationData(test.x(), test.y()).callbacks(ctx.epochPrinter("cnn", epochs)));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> ev = model.evaluate(test.x(), test.y(), 256);
        ctx.printf("test loss %.4f, test accuracy %.4f (%.1fs of training, %.0f images/s)%n", ev.get("loss"),
                ev.get("accuracy"), wall, (double) train.size() * epochs / wall);

        Tensor pred = model.predict(test.x(), 256);
        long[][] cm = Metrics.confusionMatrix(pred, test.y());
        ctx.println("per-class accuracy on the test images:");
        for (int k = 0; k < cm.length; k++) {
            long total = 0;
            for (long v : cm[k]) {
                total += v;
            }
            ctx.printf("  %-12s %6.3f  (%d images)%n", FashionMnist.CLASSES.get(k), total == 0 ? 0.0 : (double) cm[k][k] / total,
                    total);
        }

        XYChart loss = Plots.chart("The guide's CNN: loss", "epoch", "sparse categorical cross-entropy");
        Plots.line(loss, "training", Plots.oneTo(epochs), Plots.array(h.get("loss")), new Color(40, 110, 200), false);
        Plots.line(loss, "test (validation)", Plots.oneTo(epochs), Plots.array(h.get("val_loss")), new Color(220, 80, 40), true);
        XYChart acc = Plots.chart("The guide's CNN: accuracy", "epoch", "accuracy");
        acc.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        Plots.line(acc, "training", Plots.oneTo(epochs), Plots.array(h.get("accuracy")), new Color(40, 110, 200), false);
        Plots.line(acc, "test (validation)", Plots.oneTo(epochs), Plots.array(h.get("val_accuracy")), new Color(220, 80, 40), true);
        ctx.println("figure: " + ctx.save("cnn.png", 2, List.of(loss, acc)));

        Map<String, Double> results = new LinkedHashMap<>();
        results.put("params", (double) model.countParameters());
        results.put("train_images", (double) train.size());
        results.put("test_loss", ev.get("loss"));
        results.put("test_accuracy", ev.get("accuracy"));
        return results;
    }
}
