package org.hebb.cli.examples;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hebb.data.FashionMnist;
import org.hebb.losses.Losses;
import org.hebb.nn.Activation;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Dense;
import org.hebb.nn.Flatten;
import org.hebb.nn.Module;
import org.hebb.optim.CosineDecay;
import org.hebb.optim.Optimizer;
import org.hebb.optim.SGD;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Metrics;
import org.hebb.train.Sequential;
import org.knowm.xchart.XYChart;

/**
 * Three of the guide's best practices, each as a before/after pair trained from the same
 * weights on the same Fashion-MNIST images: normalizing the inputs (raw pixels 0..255 against
 * zero mean and unit variance), batch normalization (a deep sigmoid MLP without and with
 * {@code BatchNormalization}), and a learning-rate schedule (constant against cosine decay).
 * One figure per practice: training loss and validation accuracy per epoch.
 */
public final class BestPracticesExample implements Example {
    private static final Color BEFORE = new Color(150, 150, 150);
    private static final Color AFTER = new Color(220, 80, 40);

    @Override
    public String name() {
        return "best-practices";
    }

    @Override
    public String description() {
        return "Input normalization, batch normalization and an LR schedule, each with a before/after figure.";
    }

    private record Result(String label, History history, Map<String, Double> eval) {}

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        int nTrain = ctx.size(512, 10_000);
        int nVal = ctx.size(256, 2_000);
        int epochs = ctx.size(2, 10);
        int batch = 64;
        FashionMnist.Split train = ctx.fashionTrain(nTrain);
        FashionMnist.Split val = ctx.fashionTest(nVal);
        Map<String, Double> results = new LinkedHashMap<>();
        ctx.printf("%d training images, %d validation (test) images, %d epochs, batch %d; plain SGD so that the"
                + " differences show.%n", train.size(), val.size(), epochs, batch);

        // ---- 1. Normalize your data: zero mean, unit variance.
        Tensor rawX = train.x().mul(255f);
        Tensor rawVal = val.x().mul(255f);
        double[] stats = meanStd(rawX);
        Tensor stdX = rawX.add((float) -stats[0]).mul((float) (1 / stats[1]));
        Tensor stdVal = rawVal.add((float) -stats[0]).mul((float) (1 / stats[1]));
        ctx.println("");
        ctx.printf("1. Normalization. Training pixels: mean %.1f, standard deviation %.1f (of 0..255).%n", stats[0], stats[1]);
        Result rawR = train(ctx, "raw 0..255", BestPracticesExample::mlp, new SGD(0.01), rawX, train.y(), rawVal, val.y(), epochs, batch);
        Result stdR = train(ctx, "standardized", BestPracticesExample::mlp, new SGD(0.01), stdX, train.y(), stdVal, val.y(), epochs, batch);
        put(results, "normalization_before", rawR);
        put(results, "normalization_after", stdR);
        ctx.println("   Raw pixels make the first layer's outputs hundreds of times larger: the softmax saturates and"
                + " the gradient steps are far too big for the same learning rate.");
        ctx.println("   figure: " + ctx.save("normalization.png", 2, charts("Inputs", rawR, stdR)));

        // ---- 2. Batch normalization: a deep sigmoid MLP without and with it.
        ctx.println("");
        ctx.println("2. Batch normalization. Flatten, 5 x [Dense(128), sigmoid], Dense(10, softmax) vs. the same with"
                + " BatchNormalization(momentum 0.9) before each sigmoid.");
        Result plain = train(ctx, "without BN", () -> deepSigmoid(false), new SGD(0.05), train.x(), train.y(), val.x(), val.y(),
                epochs, batch);
        Result bn = train(ctx, "with BN", () -> deepSigmoid(true), new SGD(0.05), train.x(), train.y(), val.x(), val.y(),
                epochs, batch);
        put(results, "batchnorm_before", plain);
        put(results, "batchnorm_after", bn);
        ctx.println("   Sigmoid's derivative is at most 1/4, so five layers shrink the gradient ~1000-fold; batch"
                + " normalization keeps each layer's input centred where the sigmoid is steep.");
        ctx.println("   figure: " + ctx.save("batchnorm.png", 2, charts("Batch normalization", plain, bn)));

        // ---- 3. Learning rate scheduling: decrease the rate over time.
        long steps = (long) epochs * ((train.size() + batch - 1) / batch);
        ctx.println("");
        ctx.printf("3. Learning-rate schedule. SGD(0.2) constant vs. CosineDecay(0.2, %d steps) to 0, same MLP,"
                + " standardized inputs.%n", steps);
        Result constant = train(ctx, "constant 0.2", BestPracticesExample::mlp, new SGD(0.2), stdX, train.y(), stdVal, val.y(), epochs, batch);
        Result cosine = train(ctx, "cosine decay", BestPracticesExample::mlp, new SGD(new CosineDecay(0.2, steps)), stdX, train.y(), stdVal,
                val.y(), epochs, batch);
        put(results, "schedule_before", constant);
        put(results, "schedule_after", cosine);
        ctx.println("   Large steps early move fast; small steps late settle into a minimum instead of bouncing"
                + " around it.");
        List<XYChart> sc = charts("LR schedule", constant, cosine);
        XYChart lr = Plots.legendBelow(Plots.chart("LR schedule: learning rate (end of epoch)", "epoch", "learning rate"));
        Plots.line(lr, constant.label(), Plots.oneTo(constant.history().get("lr").size()),
                Plots.array(constant.history().get("lr")), BEFORE, false);
        Plots.line(lr, cosine.label(), Plots.oneTo(cosine.history().get("lr").size()),
                Plots.array(cosine.history().get("lr")), AFTER, false);
        sc.add(lr);
        ctx.println("   figure: " + ctx.save("lr-schedule.png", 3, sc));

        ctx.println("");
        ctx.println("The other two practices: start from proven architectures (`hebb bench accuracy --model seed-cnn`,"
                + " the guide's CNN; org.hebb.zoo), and monitor training (fit's History, CSVLogger, EarlyStopping).");
        return results;
    }

    /** The guide's MLP 784-128-10 (one hidden ReLU layer), Keras' default initialization. */
    static Sequential mlp() {
        return new Sequential(new Flatten().inputShape(28, 28, 1), new Dense(128, Activation.RELU),
                new Dense(10, Activation.SOFTMAX));
    }

    /**
     * Five sigmoid layers of 128, optionally with batch normalization before each activation.
     * Validation runs in inference mode, on the moving averages of the batch statistics.
     */
    static Sequential deepSigmoid(boolean batchNorm) {
        List<Module> layers = new ArrayList<>();
        layers.add(new Flatten().inputShape(28, 28, 1));
        for (int i = 0; i < 5; i++) {
            layers.add(new Dense(128));
            if (batchNorm) {
                // Momentum 0.9 (PyTorch's default; Keras' is 0.99): the moving averages used at
                // inference catch up within tens of steps rather than hundreds.
                layers.add(new BatchNormalization(0.9f, 1e-3f));
            }
            layers.add(Activation.SIGMOID);
        }
        layers.add(new Dense(10, Activation.SOFTMAX));
        return new Sequential(layers.toArray(new Module[0]));
    }

    private static Result train(ExampleContext ctx, String label, Supplier<Sequential> build, Optimizer opt, Tensor x,
            Tensor y, Tensor vx, Tensor vy, int epochs, int batch) {
        // Same seed before building: the "before" and "after" models of a pair start from the same
        // weights (their Dense layers draw in the same order; batch normalization draws nothing).
        Rng.seed(ctx.seed());
        Sequential model = build.get();
        model.compile(opt, Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
        History h = model.fit(x, y, Fit.epochs(epochs).batchSize(batch).seed(ctx.seed()).verbose(0)
                .validationData(vx, vy).callbacks(ctx.epochPrinter(label, epochs)));
        Map<String, Double> ev = model.evaluate(vx, vy, 256);
        return new Result(label, h, ev);
    }

    private static void put(Map<String, Double> results, String key, Result r) {
        List<Double> loss = r.history().get("loss");
        results.put(key + "_train_loss", loss.isEmpty() ? Double.NaN : loss.get(loss.size() - 1));
        results.put(key + "_val_accuracy", r.eval().get("accuracy"));
    }

    private static List<XYChart> charts(String title, Result before, Result after) {
        XYChart loss = Plots.legendBelow(Plots.chart(title + ": training loss", "epoch", "loss"));
        XYChart acc = Plots.legendBelow(Plots.chart(title + ": validation accuracy", "epoch", "accuracy"));
        boolean positive = true;
        for (Result r : List.of(before, after)) {
            for (double v : r.history().get("loss")) {
                positive &= v > 0 && Double.isFinite(v);
            }
        }
        loss.getStyler().setYAxisLogarithmic(positive); // losses that differ by orders of magnitude stay readable
        for (Result r : List.of(before, after)) {
            Color c = r == before ? BEFORE : AFTER;
            List<Double> l = r.history().get("loss");
            if (!l.isEmpty()) {
                Plots.line(loss, r.label(), Plots.oneTo(l.size()), Plots.array(l), c, false);
            }
            List<Double> a = r.history().get("val_accuracy");
            if (!a.isEmpty()) {
                Plots.line(acc, r.label(), Plots.oneTo(a.size()), Plots.array(a), c, false);
            }
        }
        return new ArrayList<>(List.of(loss, acc));
    }

    private static double[] meanStd(Tensor x) {
        float[] d = x.data();
        double sum = 0;
        double sq = 0;
        for (float v : d) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / d.length;
        return new double[] {mean, Math.sqrt(Math.max(1e-12, sq / d.length - mean * mean))};
    }
}
