package org.hebb.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hebb.nn.Activation;
import org.hebb.nn.BatchNormalization;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Dropout;
import org.hebb.nn.Flatten;
import org.hebb.nn.GlobalAveragePooling2D;
import org.hebb.nn.Initializer;
import org.hebb.nn.MaxPooling2D;
import org.hebb.nn.Module;
import org.hebb.nn.Regularizer;
import org.hebb.nn.Residual;
import org.hebb.train.Sequential;

/**
 * Ready-made models, each selectable by name ({@code hebb train --model NAME}). Parameter
 * counts are for input {@code [28, 28, 1]} and 10 classes; "total" includes batch
 * normalization's moving mean and variance (saved buffers, not trained), as Keras' summary does.
 *
 * <ul>
 *   <li>{@code seed-cnn}: the guide's {@code create_cnn((28, 28, 1), 10)} — three 3x3 ReLU
 *       convolutions (32, 64, 64 filters) with 2x2 max pooling after the first two, then
 *       Flatten, Dense(64, relu), Dropout(0.5), Dense(10, softmax). Input {@code [28, 28, 1]};
 *       93,322 parameters (the Keras figure).</li>
 *   <li>{@code mlp}: the guide's {@code NeuralNetwork([784, 128, 64, 10])} — Flatten, then
 *       Dense(128, relu), Dense(64, relu), Dense(10, softmax). Input {@code [28, 28, 1]};
 *       784*128+128 + 128*64+64 + 64*10+10 = 109,386 parameters.</li>
 *   <li>{@code vgg}: a VGG-style network (Simonyan &amp; Zisserman 2015, "Very Deep
 *       Convolutional Networks for Large-Scale Image Recognition", with batch normalization as
 *       in Ioffe &amp; Szegedy 2015) sized for 28x28: blocks of 3x3 SAME convolutions, each
 *       followed by BatchNormalization and ReLU — [32, 32], 2x2 max pool, [64, 64], max pool,
 *       [128, 128, 128], max pool (28 → 14 → 7 → 3) — then Flatten (1,152), Dense(256, relu),
 *       Dropout(0.5), Dense(10, softmax). VGG-11's layout of blocks at half its widths (and a
 *       256-unit head instead of 4096), so that it trains on two cores. Input
 *       {@code [H, W, C]} with H, W ≥ 8; 732,330 trainable parameters, 733,482 in total.</li>
 *   <li>{@code resnet20}: the CIFAR ResNet of He et al. 2016 ("Deep Residual Learning for
 *       Image Recognition", §4.2) with n = 3: a 3x3 convolution with 16 filters, then three
 *       stages of three basic blocks with 16, 32 and 64 filters (the first convolution of
 *       stages 2 and 3 has stride 2: 28 → 14 → 7), global average pooling and Dense(10,
 *       softmax) — 6n + 2 = 20 weighted layers. A basic block is
 *       {@code relu(bn(conv3x3(relu(bn(conv3x3(x))))) + shortcut(x))}; the shortcut is the
 *       identity, or a 1x1 stride-2 convolution with batch normalization where the shape
 *       changes (the paper's option B; its CIFAR runs used option A, zero-padded identity
 *       shortcuts, which have 2,752 trainable parameters fewer here). Input {@code [H, W, C]};
 *       272,186 trainable parameters, 273,754 in total for a 1-channel input (the paper's
 *       "0.27M").</li>
 *   <li>{@code resnet20-w2}: resnet20 twice as wide (32, 64 and 128 filters), in the spirit of
 *       Zagoruyko &amp; Komodakis 2016 ("Wide Residual Networks"); 1,084,010 trainable
 *       parameters, 1,087,146 in total.</li>
 *   <li>{@code preact-resnet20}: resnet20 with pre-activation blocks (He et al. 2016,
 *       "Identity Mappings in Deep Residual Networks"): a block is
 *       {@code x + conv3x3(relu(bn(conv3x3(relu(bn(x))))))}, nothing after the sum. The first
 *       block of each stage applies its BN-ReLU before the split, so the shortcut (identity,
 *       or a 1x1 stride-2 convolution where the shape changes) sees the activated input too;
 *       a final BN-ReLU precedes the pooling. 271,994 trainable parameters, 273,370 in
 *       total.</li>
 * </ul>
 *
 * <p>In the batch-normalized models ({@code vgg} and the ResNets) convolutions have no bias
 * (the batch normalization after them has one), kernels start from He's normal
 * initialization (He et al. 2015, as the ResNet papers do), and batch normalization uses the
 * papers' Torch settings, momentum 0.9 and epsilon 1e-5, instead of Keras' 0.99 and 1e-3, so
 * the moving statistics follow the weights within a few dozen steps.
 *
 * <p>Weights draw from {@link org.hebb.tensor.Rng#global()} when the model is built: seed it
 * first ({@code Rng.seed(42)}) for a reproducible model.
 */
public final class Zoo {
    private static final float BN_MOMENTUM = 0.9f;
    private static final float BN_EPSILON = 1e-5f;

    private Zoo() {}

    /** The names {@link #get(String, int...)} knows. */
    public static List<String> names() {
        return List.of("seed-cnn", "mlp", "vgg", "resnet20", "resnet20-w2", "preact-resnet20");
    }

    /** The model named {@code name} for per-sample input {@code inputShape} (e.g. 28, 28, 1) and 10 classes. */
    public static Sequential get(String name, int... inputShape) {
        return get(name, null, inputShape);
    }

    /**
     * The model named {@code name} for per-sample input {@code inputShape} and 10 classes, with
     * {@code kernelRegularizer} (or {@code null} for none) on every Conv2D and Dense kernel —
     * the papers' weight decay: {@code Regularizer.l2(wd / 2)} adds {@code wd * w} to each
     * kernel's gradient, which is what SGD's {@code weight_decay = wd} does in Torch and PyTorch.
     * Biases and batch-normalization parameters are not penalized.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones)
     *     or an input shape the model cannot take
     */
    public static Sequential get(String name, Regularizer kernelRegularizer, int... inputShape) {
        Regularizer r = kernelRegularizer;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "seed-cnn", "cnn" -> seedCnn(inputShape, 10, r);
            case "mlp" -> mlp(inputShape, 10, r);
            case "vgg" -> vgg(inputShape, 10, r);
            case "resnet20" -> resnet(inputShape, 10, 3, 16, false, r);
            case "resnet20-w2" -> resnet(inputShape, 10, 3, 32, false, r);
            case "preact-resnet20" -> resnet(inputShape, 10, 3, 16, true, r);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; valid: " + names());
        };
    }

    /** The guide's CNN, line by line. */
    public static Sequential seedCnn(int[] inputShape, int numClasses) {
        return seedCnn(inputShape, numClasses, null);
    }

    /** The guide's CNN with {@code kernelRegularizer} (or null) on every kernel. */
    public static Sequential seedCnn(int[] inputShape, int numClasses, Regularizer kernelRegularizer) {
        Regularizer r = kernelRegularizer;
        return new Sequential(
                new Conv2D(32, 3, Activation.RELU).kernelRegularizer(r).inputShape(inputShape),
                new MaxPooling2D(2),
                new Conv2D(64, 3, Activation.RELU).kernelRegularizer(r),
                new MaxPooling2D(2),
                new Conv2D(64, 3, Activation.RELU).kernelRegularizer(r),
                new Flatten(),
                new Dense(64, Activation.RELU).kernelRegularizer(r),
                new Dropout(0.5),
                new Dense(numClasses, Activation.SOFTMAX).kernelRegularizer(r));
    }

    /** The guide's multilayer perceptron 784-128-64-10 (input flattened first). */
    public static Sequential mlp(int[] inputShape, int numClasses) {
        return mlp(inputShape, numClasses, null);
    }

    /** The guide's multilayer perceptron with {@code kernelRegularizer} (or null) on every kernel. */
    public static Sequential mlp(int[] inputShape, int numClasses, Regularizer kernelRegularizer) {
        Regularizer r = kernelRegularizer;
        return new Sequential(
                new Flatten().inputShape(inputShape),
                new Dense(128, Activation.RELU).kernelRegularizer(r),
                new Dense(64, Activation.RELU).kernelRegularizer(r),
                new Dense(numClasses, Activation.SOFTMAX).kernelRegularizer(r));
    }

    /**
     * The VGG-style network described in the class comment: conv-BN-ReLU blocks of
     * [32, 32], [64, 64], [128, 128, 128] with 2x2 max pooling after each, then Flatten,
     * Dense(256, relu), Dropout(0.5), Dense({@code numClasses}, softmax).
     */
    public static Sequential vgg(int[] inputShape, int numClasses, Regularizer kernelRegularizer) {
        List<Module> layers = new ArrayList<>();
        int[][] blocks = {{32, 32}, {64, 64}, {128, 128, 128}};
        for (int[] block : blocks) {
            for (int filters : block) {
                layers.add(conv(filters, 3, 1, kernelRegularizer));
                layers.add(bn());
                layers.add(Activation.RELU);
            }
            layers.add(new MaxPooling2D(2));
        }
        layers.add(new Flatten());
        layers.add(new Dense(256, Activation.RELU).kernelInitializer(Initializer.heNormal())
                .kernelRegularizer(kernelRegularizer));
        layers.add(new Dropout(0.5));
        layers.add(new Dense(numClasses, Activation.SOFTMAX).kernelRegularizer(kernelRegularizer));
        layers.get(0).inputShape(inputShape);
        return new Sequential(layers.toArray(new Module[0]));
    }

    /**
     * A CIFAR-style ResNet with {@code 6 * blocksPerStage + 2} weighted layers: a 3x3
     * convolution with {@code width} filters, three stages of {@code blocksPerStage} basic
     * blocks with {@code width}, {@code 2 * width} and {@code 4 * width} filters (stride 2 at
     * the start of stages 2 and 3, with a 1x1 projection shortcut), global average pooling and
     * Dense({@code numClasses}, softmax). {@code preActivation} selects the blocks of "Identity
     * Mappings in Deep Residual Networks" (BN-ReLU before each convolution) over the original
     * ones (BN after each convolution, ReLU after the sum). See the class comment.
     */
    public static Sequential resnet(int[] inputShape, int numClasses, int blocksPerStage, int width,
            boolean preActivation, Regularizer kernelRegularizer) {
        if (blocksPerStage < 1 || width < 1) {
            throw new IllegalArgumentException("Zoo.resnet: blocks per stage and width must be >= 1, got "
                    + blocksPerStage + " and " + width);
        }
        Regularizer r = kernelRegularizer;
        List<Module> layers = new ArrayList<>();
        layers.add(conv(width, 3, 1, r).inputShape(inputShape));
        if (!preActivation) {
            layers.add(bn());
            layers.add(Activation.RELU);
        }
        int channels = width;
        for (int stage = 0; stage < 3; stage++) {
            int filters = width << stage;
            for (int b = 0; b < blocksPerStage; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                boolean project = stride != 1 || channels != filters;
                if (preActivation) {
                    addPreActivationBlock(layers, filters, stride, project, b == 0, r);
                } else {
                    layers.add(basicBlock(filters, stride, project, r));
                }
                channels = filters;
            }
        }
        if (preActivation) {
            layers.add(bn());
            layers.add(Activation.RELU);
        }
        layers.add(new GlobalAveragePooling2D());
        layers.add(new Dense(numClasses, Activation.SOFTMAX).kernelRegularizer(r));
        return new Sequential(layers.toArray(new Module[0]));
    }

    /** {@code relu(bn(conv(relu(bn(conv(x))))) + shortcut(x))}, shortcut = bn(conv1x1) when projecting. */
    private static Residual basicBlock(int filters, int stride, boolean project, Regularizer r) {
        Sequential body = new Sequential(
                conv(filters, 3, stride, r), bn(), Activation.RELU,
                conv(filters, 3, 1, r), bn());
        Sequential shortcut = project ? new Sequential(conv(filters, 1, stride, r), bn()) : null;
        return new Residual(body, shortcut, Activation.RELU);
    }

    /**
     * Appends a pre-activation block: {@code x + conv(relu(bn(conv(relu(bn(x))))))}. In the
     * first block of a stage the leading BN-ReLU comes before the split (shared by the body and
     * the shortcut, which is then a plain 1x1 convolution when projecting).
     */
    private static void addPreActivationBlock(List<Module> layers, int filters, int stride, boolean project,
            boolean sharedPreActivation, Regularizer r) {
        List<Module> body = new ArrayList<>();
        if (sharedPreActivation) {
            layers.add(bn());
            layers.add(Activation.RELU);
        } else {
            body.add(bn());
            body.add(Activation.RELU);
        }
        body.add(conv(filters, 3, stride, r));
        body.add(bn());
        body.add(Activation.RELU);
        body.add(conv(filters, 3, 1, r));
        Module shortcut = project ? new Sequential(conv(filters, 1, stride, r)) : null;
        layers.add(new Residual(new Sequential(body.toArray(new Module[0])), shortcut, Activation.LINEAR));
    }

    /** A bias-free SAME convolution with He-normal kernels (batch normalization follows). */
    private static Conv2D conv(int filters, int kernel, int stride, Regularizer r) {
        return new Conv2D(filters, kernel).strides(stride).padding("same").useBias(false)
                .kernelInitializer(Initializer.heNormal()).kernelRegularizer(r);
    }

    private static BatchNormalization bn() {
        return new BatchNormalization(BN_MOMENTUM, BN_EPSILON);
    }
}
