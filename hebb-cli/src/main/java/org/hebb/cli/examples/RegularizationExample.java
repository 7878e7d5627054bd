package org.hebb.cli.examples;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.data.FashionMnist;
import org.hebb.losses.Losses;
import org.hebb.nn.Activation;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.nn.Module;
import org.hebb.nn.Regularizer;
import org.hebb.optim.Adam;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;
import org.hebb.train.Callback;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Metrics;
import org.hebb.train.Sequential;
import org.hebb.train.callbacks.EarlyStopping;
import org.knowm.xchart.XYChart;

/**
 * The guide's four regularization techniques, each against the same over-fitting baseline: a
 * wide MLP trained for many epochs on a small Fashion-MNIST training set, validated on test
 * images. The baseline's validation loss turns up while its training loss keeps falling;
 * dropout, an L2 penalty, early stopping and data augmentation each hold it down. Every run
 * starts from the same weights and sees the batches in the same order. Figure: training and
 * validation loss per epoch, technique against baseline.
 */
public final class RegularizationExample implements Example {
    private static final Color BASE_TRAIN = new Color(185, 185, 185);
    private static final Color BASE_VAL = new Color(90, 90, 90);
    private static final Color TRAIN = new Color(120, 170, 230);
    private static final Color VAL = new Color(220, 80, 40);

    @Override
    public String name() {
        return "regularization";
    }

    @Override
    public String description() {
        return "Dropout, L2, early stopping and augmentation, each against an over-fitting baseline: train/val curves.";
    }

    /** The model: Flatten, two Dense(256, relu) (with dropout and an L2 penalty when asked), Dense(10, softmax). */
    static Sequential mlp(double dropout, float l2) {
        List<Module> layers = new ArrayList<>();
        layers.add(new Flatten().inputShape(28, 28, 1));
        for (int i = 0; i < 2; i++) {
            Dense d = new Dense(256, Activation.RELU);
            if (l2 > 0) {
                d.kernelRegularizer(Regularizer.l2(l2));
            }
            layers.add(d);
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
        }
        Dense out = new Dense(10, Activation.SOFTMAX);
        if (l2 > 0) {
            out.kernelRegularizer(Regularizer.l2(l2));
        }
        layers.add(out);
        return new Sequential(layers.toArray(new Module[0]));
    }

    /**
     * Augmentation: each image shifted by up to {@code maxShift} pixels in each direction (the
     * border filled with 0, the background) and mirrored left-right with probability 1/2.
     */
    static Augmentation shiftAndFlip(int maxShift) {
        return (batch, rng) -> {
            int n = batch.dim(0);
            int h = batch.dim(1);
            int w = batch.dim(2);
            float[] in = batch.data();
            float[] out = new float[in.length];
            for (int s = 0; s < n; s++) {
                int dy = rng.nextInt(2 * maxShift + 1) - maxShift;
                int dx = rng.nextInt(2 * maxShift + 1) - maxShift;
                boolean flip = rng.nextInt(2) == 1;
                int base = s * h * w;
                for (int r = 0; r < h; r++) {
                    int sr = r - dy;
                    if (sr < 0 || sr >= h) {
                        continue;
                    }
                    for (int c = 0; c < w; c++) {
                        int sc = (flip ? w - 1 - c : c) - dx;
                        if (sc >= 0 && sc < w) {
                            out[base + r * w + c] = in[base + sr * w + sc];
                        }
                    }
                }
            }
            return Tensor.of(out, batch.shape());
        };
    }

    private record Technique(String key, String title, double dropout, float l2, boolean earlyStopping, boolean augment) {}

    @Override
    public Map<String, Double> run(ExampleContext ctx) throws IOException {
        int nTrain = ctx.size(256, 1000);
        int nVal = ctx.size(256, 2000);
        int epochs = ctx.size(6, 60);
        int batch = 32;
        FashionMnist.Split train = ctx.fashionTrain(nTrain);
        FashionMnist.Split val = ctx.fashionTest(nVal);
        ctx.printf("MLP Flatten -> Dense(256, relu) x2 -> Dense(10, softmax), Adam 1e-3, batch %d, %d epochs on only %d"
                + " training images; validation on %d test images.%n", batch, epochs, train.size(), val.size());
        List<Technique> techniques = List.of(
                new Technique("baseline", "baseline", 0, 0, false, false),
                new Technique("dropout", "Dropout(0.5) after each hidden layer", 0.5, 0, false, false),
                new Technique("l2", "L2 penalty 1e-3 * sum(w^2) on the kernels", 0, 1e-3f, false, false),
                new Technique("early_stopping", "Early stopping on val_loss (patience 3, best weights)", 0, 0, true, false),
                new Technique("augmentation", "Augmentation: shifts up to 2 px, mirror", 0, 0, false, true));
        Map<String, Double> results = new LinkedHashMap<>();
        History base = null;
        List<XYChart> charts = new ArrayList<>();
        ctx.println("  technique          train_loss  val_loss  best_val_loss (epoch)  val_accuracy");
        for (Technique t : techniques) {
            Rng.seed(ctx.seed());
            Sequential model = mlp(t.dropout(), t.l2());
            model.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.sparseAccuracy());
            List<Callback> callbacks = new ArrayList<>();
            EarlyStopping stop = null;
            if (t.earlyStopping()) {
                stop = new EarlyStopping("val_loss", 3, 0.0, true);
                callbacks.add(stop);
            }
            Fit fit = Fit.epochs(epochs).batchSize(batch).seed(ctx.seed()).verbose(0).validationData(val.x(), val.y())
                    .callbacks(callbacks.toArray(new Callback[0]));
            if (t.augment()) {
                fit.augment(shiftAndFlip(2));
            }
            History h = model.fit(train.x(), train.y(), fit);
            Map<String, Double> ev = model.evaluate(val.x(), val.y(), 256);
            List<Double> vl = h.get("val_loss");
            int best = 0;
            for (int i = 1; i < vl.size(); i++) {
                if (vl.get(i) < vl.get(best)) {
                    best = i;
                }
            }
            ctx.printf("  %-16s  %10.4f  %8.4f  %8.4f (%3d)          %.4f%s%n", t.key(), h.last("loss"), ev.get("loss"),
                    vl.get(best), best + 1, ev.get("accuracy"),
                    stop != null && stop.stoppedEpoch() >= 0 ? "   stopped after epoch " + (stop.stoppedEpoch() + 1)
                            + ", weights of epoch " + (stop.bestEpoch() + 1) + " restored" : "");
            results.put(t.key() + "_train_loss", h.last("loss"));
            results.put(t.key() + "_val_loss", ev.get("loss"));
            results.put(t.key() + "_best_val_loss", vl.get(best));
            results.put(t.key() + "_val_accuracy", ev.get("accuracy"));
            results.put(t.key() + "_epochs", (double) vl.size());
            if (base == null) {
                base = h;
                continue;
            }
            XYChart c = Plots.legendBelow(Plots.chart(t.title(), "epoch", "loss"));
            double[] be = Plots.oneTo(base.get("loss").size());
            Plots.line(c, "baseline train", be, Plots.array(base.get("loss")), BASE_TRAIN, false);
            Plots.line(c, "baseline val", be, Plots.array(base.get("val_loss")), BASE_VAL, false);
            double[] te = Plots.oneTo(h.get("loss").size());
            Plots.line(c, "train", te, Plots.array(h.get("loss")), TRAIN, false);
            Plots.line(c, "val", te, Plots.array(h.get("val_loss")), VAL, false);
            charts.add(c);
        }
        ctx.println("  Training loss with dropout and L2 is measured with the dropout noise and the penalty included.");
        ctx.println("  The baseline's validation loss rises after its best epoch while its training loss keeps falling:"
                + " that gap is over-fitting.");
        ctx.println("figure: " + ctx.save("regularization.png", 2, charts));
        return results;
    }
}
