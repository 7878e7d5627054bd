package org.hebb.kernels;

import java.util.Arrays;

/**
 * The arithmetic of a 2-D sliding window over an NHWC input {@code [N, H, W, C]}: window size
 * {@code KH x KW}, strides, dilations, the padding on each side, and the output size
 * {@code OH x OW}. Convolution ({@link Im2col}) and pooling ({@link Pooling}) kernels read all
 * their index arithmetic from one of these; {@link #of} validates the arguments, so a kernel
 * never sees an inconsistent geometry.
 *
 * <p>Output position {@code (oh, ow)} and window offset {@code (kh, kw)} read input row
 * {@code ih = oh * strideH - padTop + kh * dilationH} and column
 * {@code iw = ow * strideW - padLeft + kw * dilationW}; positions outside {@code [0, H) x [0, W)}
 * are padding. With {@code extent = (K - 1) * dilation + 1}:
 * <ul>
 *   <li>VALID: pads 0, {@code out = floor((in - extent) / stride) + 1};</li>
 *   <li>SAME: {@code out = ceil(in / stride)}, total pad {@code max((out - 1) * stride + extent - in, 0)},
 *       {@code top = total / 2} (the smaller half) and {@code bottom = total - top};</li>
 *   <li>explicit: {@code out = floor((in + top + bottom - extent) / stride) + 1}.</li>
 * </ul>
 */
public final class ConvGeometry {
    private final int batch;
    private final int height;
    private final int width;
    private final int channels;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int dilationH;
    private final int dilationW;
    private final Padding padding;
    private final int padTop;
    private final int padBottom;
    private final int padLeft;
    private final int padRight;
    private final int outH;
    private final int outW;

    private ConvGeometry(int[] in, int kernelH, int kernelW, int strideH, int strideW, int dilationH,
                         int dilationW, Padding padding, int padTop, int padBottom, int padLeft, int padRight,
                         int outH, int outW) {
        this.batch = in[0];
        this.height = in[1];
        this.width = in[2];
        this.channels = in[3];
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.padding = padding;
        this.padTop = padTop;
        this.padBottom = padBottom;
        this.padLeft = padLeft;
        this.padRight = padRight;
        this.outH = outH;
        this.outW = outW;
    }

    /**
     * Computes and validates the geometry of a {@code kernelH x kernelW} window sliding over an
     * NHWC input of shape {@code inputShape}.
     *
     * @param op what is asking, for error messages (e.g. {@code "conv2d"})
     * @throws IllegalArgumentException naming {@code op} if the input is not rank 4 with non-empty
     *     height, width and channels, if a window size, stride or dilation is below 1, or if the
     *     (dilated) window does not fit in the padded input
     */
    public static ConvGeometry of(String op, int[] inputShape, int kernelH, int kernelW, int strideH, int strideW,
                                  int dilationH, int dilationW, Padding padding) {
        if (inputShape.length != 4) {
            throw new IllegalArgumentException(op + ": expected an input of shape [batch, height, width, channels],"
                    + " got shape " + Arrays.toString(inputShape));
        }
        if (inputShape[0] < 0 || inputShape[1] < 1 || inputShape[2] < 1 || inputShape[3] < 1) {
            throw new IllegalArgumentException(op + ": input height, width and channels must be >= 1, got shape "
                    + Arrays.toString(inputShape));
        }
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException(op + ": window size must be >= 1, got " + kernelH + "x" + kernelW);
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException(op + ": strides must be >= 1, got " + strideH + "x" + strideW);
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException(op + ": dilation must be >= 1, got " + dilationH + "x" + dilationW);
        }
        if (padding == null) {
            throw new IllegalArgumentException(op + ": padding must be VALID, SAME or explicit, got null");
        }
        int h = inputShape[1];
        int w = inputShape[2];
        long extentH = (long) (kernelH - 1) * dilationH + 1;
        long extentW = (long) (kernelW - 1) * dilationW + 1;
        long top;
        long bottom;
        long left;
        long right;
        switch (padding.mode()) {
            case SAME -> {
                long oh = (h + (long) strideH - 1) / strideH;
                long ow = (w + (long) strideW - 1) / strideW;
                long totalH = Math.max((oh - 1) * strideH + extentH - h, 0);
                long totalW = Math.max((ow - 1) * strideW + extentW - w, 0);
                top = totalH / 2;
                bottom = totalH - top;
                left = totalW / 2;
                right = totalW - left;
            }
            case EXPLICIT -> {
                top = padding.top();
                bottom = padding.bottom();
                left = padding.left();
                right = padding.right();
            }
            default -> {
                top = 0;
                bottom = 0;
                left = 0;
                right = 0;
            }
        }
        long paddedH = h + top + bottom;
        long paddedW = w + left + right;
        if (extentH > paddedH || extentW > paddedW) {
            throw new IllegalArgumentException(op + ": the " + kernelH + "x" + kernelW + " window"
                    + (dilationH > 1 || dilationW > 1 ? " (dilated extent " + extentH + "x" + extentW + ")" : "")
                    + " is larger than the padded input " + paddedH + "x" + paddedW + " (input shape "
                    + Arrays.toString(inputShape) + ", padding " + padding + ")");
        }
        long outH = (paddedH - extentH) / strideH + 1;
        long outW = (paddedW - extentW) / strideW + 1;
        if (paddedH > Integer.MAX_VALUE || paddedW > Integer.MAX_VALUE
                || (long) inputShape[0] * outH * outW > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": output of input shape " + Arrays.toString(inputShape)
                    + " with padding " + padding + " has more than 2^31 positions");
        }
        return new ConvGeometry(inputShape.clone(), kernelH, kernelW, strideH, strideW, dilationH, dilationW,
                padding, (int) top, (int) bottom, (int) left, (int) right, (int) outH, (int) outW);
    }

    /** Batch size N. */
    public int batch() {
        return batch;
    }

    /** Input height H. */
    public int height() {
        return height;
    }

    /** Input width W. */
    public int width() {
        return width;
    }

    /** Channels C of the input. */
    public int channels() {
        return channels;
    }

    /** Window height KH. */
    public int kernelH() {
        return kernelH;
    }

    /** Window width KW. */
    public int kernelW() {
        return kernelW;
    }

    /** Vertical stride. */
    public int strideH() {
        return strideH;
    }

    /** Horizontal stride. */
    public int strideW() {
        return strideW;
    }

    /** Vertical dilation (distance between window taps; 1 = dense). */
    public int dilationH() {
        return dilationH;
    }

    /** Horizontal dilation. */
    public int dilationW() {
        return dilationW;
    }

    /** The padding this geometry was computed from. */
    public Padding padding() {
        return padding;
    }

    /** Rows of padding above the input. */
    public int padTop() {
        return padTop;
    }

    /** Rows of padding below the input. */
    public int padBottom() {
        return padBottom;
    }

    /** Columns of padding left of the input. */
    public int padLeft() {
        return padLeft;
    }

    /** Columns of padding right of the input. */
    public int padRight() {
        return padRight;
    }

    /** Output height OH. */
    public int outH() {
        return outH;
    }

    /** Output width OW. */
    public int outW() {
        return outW;
    }

    /** The input shape {@code [N, H, W, C]}. */
    public int[] inputShape() {
        return new int[] {batch, height, width, channels};
    }

    /** The output shape {@code [N, OH, OW, channelsOut]}. */
    public int[] outputShape(int channelsOut) {
        return new int[] {batch, outH, outW, channelsOut};
    }

    /** Rows of the im2col matrix: one per output position, {@code N * OH * OW}. */
    public int colRows() {
        return batch * outH * outW;
    }

    /** Columns of the im2col matrix: one per window tap and channel, {@code KH * KW * C}. */
    public int colCols() {
        return kernelH * kernelW * channels;
    }

    /**
     * True for a 1x1 window with stride 1 and no padding: then the im2col matrix is the input
     * itself, viewed as {@code [N * H * W, C]}.
     */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1
                && padTop == 0 && padBottom == 0 && padLeft == 0 && padRight == 0;
    }

    @Override
    public String toString() {
        return "ConvGeometry(input " + Arrays.toString(inputShape()) + ", window " + kernelH + "x" + kernelW
                + ", stride " + strideH + "x" + strideW + ", dilation " + dilationH + "x" + dilationW
                + ", pads top/bottom/left/right " + padTop + "/" + padBottom + "/" + padLeft + "/" + padRight
                + ", output " + outH + "x" + outW + ")";
    }
}
