package org.hebb.cli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of {@code hebb example}, run on small data (the {@code --small} size, the
 * Fashion-MNIST subset shipped with hebb-core's tests), with its key figures asserted.
 */
class ExamplesTest {
    static final Path SUBSET = Path.of("../hebb-core/src/test/resources/fashion-mnist-subset");

    @TempDir
    Path dir;

    private final StringWriter text = new StringWriter();

    private Map<String, Double> run(String name) throws IOException {
        Example e = Examples.get(name);
        assertNotNull(e, name);
        ExampleContext ctx = new ExampleContext(new PrintWriter(text, true), dir, true, 42, SUBSET);
        Map<String, Double> r = e.run(ctx);
        for (Map.Entry<String, Double> v : r.entrySet()) {
            assertTrue(!Double.isNaN(v.getValue()), name + ": " + v.getKey() + " is NaN");
        }
        return r;
    }

    /** Asserts the PNG exists, decodes, and has {@code cols x rows} charts. */
    private void assertPng(String file, int cols, int rows) throws IOException {
        Path p = dir.resolve(file);
        assertTrue(Files.isRegularFile(p), p + " missing; output:\n" + text);
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img, p + " is not a readable PNG");
        assertEquals(cols * Plots.WIDTH, img.getWidth(), file);
        assertEquals(rows * Plots.HEIGHT, img.getHeight(), file);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temporary files left behind");
        }
    }

    @Test
    void perceptronLearnsAndAndOrButNotXor() throws IOException {
        Map<String, Double> r = run("perceptron");
        assertEquals(4.0, r.get("and_correct"));
        assertEquals(4.0, r.get("or_correct"));
        assertTrue(r.get("and_epochs") > 0 && r.get("or_epochs") > 0, r.toString());
        assertEquals(-1.0, r.get("xor_epochs"), "XOR never has an epoch without error");
        assertTrue(r.get("xor_best_correct") <= 3 && r.get("xor_correct") <= 3, r.toString());
        assertTrue(text.toString().contains("not linearly"), text.toString());
        assertPng("perceptron.png", 3, 1);
    }

    @Test
    void activationsPrintValuesAndPlotThem() throws IOException {
        Map<String, Double> r = run("activations");
        assertEquals(0.5, r.get("sigmoid_0"));
        assertEquals(Math.tanh(1), r.get("tanh_1"));
        assertEquals(0.0, r.get("relu_minus_1"));
        assertEquals(1.0, r.get("softmax_sum"), 1e-12);
        assertEquals(1.0, r.get("softmax_naive_is_nan"), "e^1000 / (e^1000 + e^1001) is inf / inf");
        assertEquals(1 / (1 + Math.exp(-1)), r.get("softmax_stable_1001"), 1e-12);
        assertEquals(0.25, r.get("max_sigmoid_derivative"));
        assertPng("activations.png", 2, 1);
    }

    @Test
    void mlpFromScratchSolvesXorAndLearnsFashionMnist() throws IOException {
        Map<String, Double> r = run("mlp-from-scratch");
        assertEquals(4.0, r.get("xor_correct"));
        assertTrue(r.get("xor_final_loss") < 0.01, r.toString());
        assertEquals(2000.0, r.get("fashion_train_images"));
        assertTrue(r.get("fashion_test_accuracy") > 0.65, "2 epochs on 2,000 images: " + r);
        assertPng("mlp-from-scratch.png", 2, 1);
    }

    @Test
    void backpropAgreesThreeWays() throws IOException {
        Map<String, Double> r = run("backprop");
        assertEquals(r.get("chain_rule_backprop"), r.get("chain_rule_product"), 1e-12);
        assertTrue(r.get("max_abs_diff_autograd") < 1e-6, "float32 autograd vs float64: " + r);
        assertTrue(r.get("max_abs_diff_finite_differences") < 1e-7, r.toString());
        assertTrue(r.get("guide_order_max_abs_error") > 1e-2, "the guide's order is visibly off: " + r);
        assertTrue(text.toString().contains("autograd (hebb f32)"), text.toString());
    }

    @Test
    void cnnIsTheGuidesModelAndTrains() throws IOException {
        Map<String, Double> r = run("cnn");
        assertEquals(93_322.0, r.get("params"), "Keras' count for create_cnn((28, 28, 1), 10)");
        assertEquals(256.0, r.get("train_images"));
        assertTrue(r.get("test_loss") < Math.log(10), "below chance's loss after one small epoch: " + r);
        assertTrue(text.toString().contains("Total params: 93,322"), text.toString());
        assertPng("cnn.png", 2, 1);
    }

    @Test
    void lossTableEvaluatedOnExamples() throws IOException {
        Map<String, Double> r = run("losses");
        assertEquals(-Math.log(0.9), r.get("bce_right"), 1e-12);
        assertEquals(-Math.log(0.1), r.get("bce_wrong"), 1e-12);
        assertEquals(-Math.log(0.4), r.get("cce_unsure"), 1e-12);
        assertEquals(22.0 / 3, r.get("mse_far"), 1e-12);
        assertTrue(r.get("max_abs_diff_scratch_vs_hebb") < 1e-5, r.toString());
        assertTrue(r.get("gradient_at_p_0.005_ce") > 0.99 && r.get("gradient_at_p_0.005_mse") < 0.01, r.toString());
        assertPng("losses.png", 2, 1);
    }

    @Test
    void adamAndSgdOnTheSameProblem() throws IOException {
        Map<String, Double> r = run("optimizers");
        assertTrue(r.get("adam_0.01_final_loss") < r.get("sgd_0.01_final_loss"), r.toString());
        assertTrue(r.get("adam_0.01_accuracy") > 0.9, r.toString());
        assertEquals(1.0, r.get("shared_adam_refused"));
        assertPng("optimizers.png", 2, 1);
    }

    @Test
    void regularizationAgainstAnOverfittingBaseline() throws IOException {
        Map<String, Double> r = run("regularization");
        assertTrue(r.get("baseline_train_loss") < r.get("baseline_val_loss"), "the baseline over-fits: " + r);
        assertEquals(r.get("early_stopping_best_val_loss"), r.get("early_stopping_val_loss"), 1e-4,
                "early stopping restores the best weights");
        for (String k : new String[] {"dropout", "l2", "augmentation"}) {
            assertTrue(r.get(k + "_train_loss") > r.get("baseline_train_loss"), k + " fits the training set less: " + r);
        }
        assertPng("regularization.png", 2, 2);
    }

    @Test
    void bestPracticesBeforeAndAfter() throws IOException {
        Map<String, Double> r = run("best-practices");
        assertTrue(r.get("normalization_after_val_accuracy") > r.get("normalization_before_val_accuracy") + 0.2, r.toString());
        assertTrue(r.get("batchnorm_after_train_loss") < r.get("batchnorm_before_train_loss"), r.toString());
        assertTrue(Double.isFinite(r.get("schedule_after_train_loss")), r.toString());
        assertPng("normalization.png", 2, 1);
        assertPng("batchnorm.png", 2, 1);
        assertPng("lr-schedule.png", 3, 1);
    }
}
