package org.hebb.nn;

import org.hebb.kernels.Padding;
import org.hebb.ops.Conv2d;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;

/**
 * 2-D convolution layer over NHWC images, as Keras' {@code Conv2D}:
 * {@code y = activation(conv2d(x, kernel) + bias)} (the math is in {@link Conv2d}).
 *
 * <p>Shapes: input {@code [N, H, W, C]}, kernel {@code [KH, KW, C, filters]}, bias
 * {@code [filters]}, output {@code [N, OH, OW, filters]}; with VALID padding
 * {@code OH = floor((H - ((KH-1)*dilation + 1)) / stride) + 1}, with SAME {@code OH = ceil(H / stride)}.
 * Parameters: {@code KH*KW*C*filters + filters}.
 *
 * <p>Defaults as Keras: stride 1, VALID padding, dilation 1, bias used, kernel Glorot uniform,
 * bias zeros, no activation.
 */
public final class Conv2D extends Module {
    private final int filters;
    private final int kernelH;
    private final int kernelW;
    private final Activation activation;
    private int strideH = 1;
    private int strideW = 1;
    private int dilationH = 1;
    private int dilationW = 1;
    private Padding padding = Padding.VALID;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializer.glorotUniform();
    private Initializer biasInitializer = Initializer.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Rng rng;
    private Tensor kernel;
    private Tensor bias;

    /** {@code filters} square {@code kernelSize x kernelSize} filters, no activation. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, kernelSize, kernelSize, Activation.LINEAR);
    }

    /** {@code filters} square filters followed by {@code activation}. */
    public Conv2D(int filters, int kernelSize, Activation activation) {
        this(filters, kernelSize, kernelSize, activation);
    }

    /** {@code filters} filters of {@code kernelH x kernelW} followed by {@code activation}. */
    public Conv2D(int filters, int kernelH, int kernelW, Activation activation) {
        if (filters <= 0 || kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("Conv2D: filters and kernel size must be > 0, got filters=" + filters
                    + ", kernel=" + kernelH + "x" + kernelW);
        }
        this.filters = filters;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    /** Same stride both ways (default 1); returns {@code this}. */
    public Conv2D strides(int s) {
        return strides(s, s);
    }

    /** Strides along height and width; returns {@code this}. */
    public Conv2D strides(int sh, int sw) {
        requireUnbuilt();
        if (sh < 1 || sw < 1) {
            throw new IllegalArgumentException(describe() + ": strides must be >= 1, got " + sh + "x" + sw);
        }
        this.strideH = sh;
        this.strideW = sw;
        return this;
    }

    /** {@code "valid"} (default) or {@code "same"}; returns {@code this}. */
    public Conv2D padding(String p) {
        return padding(Padding.of(p));
    }

    /** VALID, SAME or explicit padding; returns {@code this}. */
    public Conv2D padding(Padding p) {
        requireUnbuilt();
        this.padding = p;
        return this;
    }

    /** Same dilation both ways (default 1); returns {@code this}. */
    public Conv2D dilation(int d) {
        requireUnbuilt();
        if (d < 1) {
            throw new IllegalArgumentException(describe() + ": dilation must be >= 1, got " + d);
        }
        this.dilationH = d;
        this.dilationW = d;
        return this;
    }

    /** Whether to add a bias (default true); returns {@code this}. */
    public Conv2D useBias(boolean value) {
        requireUnbuilt();
        this.useBias = value;
        return this;
    }

    /** Kernel initializer (default Glorot uniform); returns {@code this}. */
    public Conv2D kernelInitializer(Initializer init) {
        requireUnbuilt();
        this.kernelInitializer = init;
        return this;
    }

    /** Bias initializer (default zeros); returns {@code this}. */
    public Conv2D biasInitializer(Initializer init) {
        requireUnbuilt();
        this.biasInitializer = init;
        return this;
    }

    /** Penalty on the kernel added to the loss; returns {@code this}. */
    public Conv2D kernelRegularizer(Regularizer r) {
        requireUnbuilt();
        this.kernelRegularizer = r;
        return this;
    }

    /** Penalty on the bias added to the loss; returns {@code this}. */
    public Conv2D biasRegularizer(Regularizer r) {
        requireUnbuilt();
        this.biasRegularizer = r;
        return this;
    }

    /** The generator for the initial weights (default: {@link Rng#global()} at build time). */
    public Conv2D rng(Rng r) {
        requireUnbuilt();
        this.rng = r;
        return this;
    }

    /** The kernel {@code [KH, KW, C, filters]}, or {@code null} before building. */
    public Tensor kernel() {
        return kernel;
    }

    /** The bias {@code [filters]}, or {@code null}. */
    public Tensor bias() {
        return bias;
    }

    /** Number of filters (output channels). */
    public int filters() {
        return filters;
    }

    /** The activation after the convolution. */
    public Activation activation() {
        return activation;
    }

    @Override
    protected void onBuild(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input [N, height, width, channels], got shape "
                    + batchShapeStr(inputShape));
        }
        int c = inputShape[2];
        int[] ks = {kernelH, kernelW, c, filters};
        geometry(inputShape, ks);
        Rng r = rng != null ? rng : Rng.global();
        float[] k = new float[kernelH * kernelW * c * filters];
        kernelInitializer.fill(k, ks, r);
        kernel = addParameter("kernel", Tensor.of(k, ks), true, kernelRegularizer);
        if (useBias) {
            float[] b = new float[filters];
            biasInitializer.fill(b, new int[] {filters}, r);
            bias = addParameter("bias", Tensor.of(b, filters), true, biasRegularizer);
        }
    }

    @Override
    protected void onShapeMismatch(int[] batchShape) {
        // Convolutions accept any spatial size with the right channel count.
        if (batchShape.length != 4 || batchShape[3] != kernel.dim(2)) {
            throw new IllegalArgumentException(describe() + ": expected input [N, H, W, " + kernel.dim(2)
                    + "], got shape " + org.hebb.tensor.Shapes.str(batchShape));
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        buildIfNeeded(x);
        if (activation == Activation.RELU) {
            return Conv2d.forward(x, kernel, bias, strideH, strideW, padding, dilationH, dilationW, true);
        }
        Tensor y = Conv2d.forward(x, kernel, bias, strideH, strideW, padding, dilationH, dilationW);
        return activation.apply(y);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        build(inputShape);
        int[] out = geometry(inputShape, kernel.shape()).outputShape(filters);
        return java.util.Arrays.copyOfRange(out, 1, out.length);
    }

    private org.hebb.kernels.ConvGeometry geometry(int[] inputShape, int[] ks) {
        int[] b = new int[] {1, inputShape[0], inputShape[1], inputShape[2]};
        try {
            return Conv2d.geometry(b, ks, useBias ? new int[] {filters} : null, strideH, strideW, padding,
                    dilationH, dilationW);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": input shape " + batchShapeStr(inputShape)
                    + " does not fit: " + e.getMessage(), e);
        }
    }

    /**
     * {@code filters}, {@code kernel_size}, {@code strides} and {@code dilation_rate} (each
     * {@code [height, width]}), {@code padding} ({@code "valid"}, {@code "same"} or
     * {@code {"top", "bottom", "left", "right"}}), {@code use_bias}, {@code activation}
     * ({@code {"name", "alpha"}}), {@code kernel_regularizer} and {@code bias_regularizer}
     * ({@code {"l1", "l2"}} or null).
     */
    @Override
    public java.util.Map<String, Object> config() {
        java.util.Map<String, Object> c = super.config();
        c.put("filters", filters);
        c.put("kernel_size", ConfigValues.pair(kernelH, kernelW));
        c.put("strides", ConfigValues.pair(strideH, strideW));
        c.put("padding", ConfigValues.padding(padding));
        c.put("dilation_rate", ConfigValues.pair(dilationH, dilationW));
        c.put("use_bias", useBias);
        c.put("activation", ConfigValues.activation(activation));
        c.put("kernel_regularizer", ConfigValues.regularizer(kernelRegularizer));
        c.put("bias_regularizer", ConfigValues.regularizer(biasRegularizer));
        return c;
    }

    @Override
    public String describe() {
        return "Conv2D(" + filters + ", " + (kernelH == kernelW ? kernelH : kernelH + "x" + kernelW)
                + (activation == Activation.LINEAR ? "" : ", " + activation.kind()) + ")";
    }

    @Override
    public String baseName() {
        return "conv2d";
    }

    private void requireUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + ": cannot change configuration after the layer is built");
        }
    }
}
