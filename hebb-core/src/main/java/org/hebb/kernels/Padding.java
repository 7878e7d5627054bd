package org.hebb.kernels;

/**
 * How a sliding window (convolution kernel or pooling window) treats the border of an image.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; the window only visits positions where it fits entirely,
 *       so {@code out = floor((in - extent) / stride) + 1} with {@code extent = (k - 1) * dilation + 1}.</li>
 *   <li>{@link #SAME} (Keras / TensorFlow semantics): {@code out = ceil(in / stride)}; the total
 *       padding {@code max((out - 1) * stride + extent - in, 0)} is split with the smaller half
 *       on top/left and the extra one on bottom/right.</li>
 *   <li>{@link #explicit(int, int, int, int)}: given numbers of rows/columns added on each side.</li>
 * </ul>
 *
 * <p>Convolution pads with zeros; max pooling pads with {@code -inf}; average pooling leaves
 * padded positions out of the count. {@link ConvGeometry} turns a padding into numbers.
 */
public final class Padding {
    /** The kind of padding. */
    public enum Mode { VALID, SAME, EXPLICIT }

    /** No padding. */
    public static final Padding VALID = new Padding(Mode.VALID, 0, 0, 0, 0);
    /** Keras / TensorFlow "same" padding: output size {@code ceil(in / stride)}. */
    public static final Padding SAME = new Padding(Mode.SAME, 0, 0, 0, 0);

    private final Mode mode;
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    private Padding(Mode mode, int top, int bottom, int left, int right) {
        this.mode = mode;
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /**
     * Explicit padding: {@code top}/{@code bottom} rows and {@code left}/{@code right} columns.
     *
     * @throws IllegalArgumentException if any value is negative
     */
    public static Padding explicit(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0 on every side, got (top=" + top
                    + ", bottom=" + bottom + ", left=" + left + ", right=" + right + ")");
        }
        return new Padding(Mode.EXPLICIT, top, bottom, left, right);
    }

    /** Explicit symmetric padding: {@code padH} rows on top and bottom, {@code padW} columns left and right. */
    public static Padding explicit(int padH, int padW) {
        return explicit(padH, padH, padW, padW);
    }

    /**
     * Parses {@code "valid"} or {@code "same"} (any case), as written in Keras.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Padding of(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "valid":
                    return VALID;
                case "same":
                    return SAME;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("padding must be \"valid\" or \"same\", got "
                + (name == null ? "null" : "\"" + name + "\""));
    }

    /** The kind of padding. */
    public Mode mode() {
        return mode;
    }

    /** Rows added on top (0 unless {@link Mode#EXPLICIT}). */
    public int top() {
        return top;
    }

    /** Rows added at the bottom (0 unless {@link Mode#EXPLICIT}). */
    public int bottom() {
        return bottom;
    }

    /** Columns added on the left (0 unless {@link Mode#EXPLICIT}). */
    public int left() {
        return left;
    }

    /** Columns added on the right (0 unless {@link Mode#EXPLICIT}). */
    public int right() {
        return right;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.mode == mode && p.top == top && p.bottom == bottom
                && p.left == left && p.right == right;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mode, top, bottom, left, right);
    }

    /** {@code VALID}, {@code SAME} or {@code explicit(top=1, bottom=1, left=0, right=0)}. */
    @Override
    public String toString() {
        return mode == Mode.EXPLICIT
                ? "explicit(top=" + top + ", bottom=" + bottom + ", left=" + left + ", right=" + right + ")"
                : mode.name();
    }
}
