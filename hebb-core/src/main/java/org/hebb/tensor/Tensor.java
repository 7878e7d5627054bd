package org.hebb.tensor;

import java.util.Arrays;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Streams;
import org.hebb.ops.*;

/**
 * An n-dimensional array of float32 values, contiguous and row-major, that can record the
 * operations applied to it so that gradients flow back through them ({@link #backward()}).
 *
 * <p><b>Shapes.</b> Any rank, including the scalar shape {@code []}. Images are NHWC:
 * {@code [batch, height, width, channels]}. Elementwise ops broadcast like NumPy: shapes are
 * aligned on the right and a dimension of 1 stretches to match.
 *
 * <p><b>Autograd.</b> A tensor created with {@link #requiresGrad(boolean) requiresGrad(true)}
 * is a leaf whose gradient is accumulated by {@code backward()}; every op on it returns a
 * tensor that remembers the op (see {@link Autograd}). Inside {@link Autograd#noGrad()}
 * nothing is recorded.
 *
 * <p><b>Methods are entry points.</b> The math of each op, forward and backward together,
 * lives in one class of {@code org.hebb.ops}; a method here is one line that calls it.
 *
 * <p>Tensors are not thread-safe for writing; reading one from several threads is fine.
 */
public final class Tensor {
    /** Elements per parallel chunk when a gradient is copied or added into another. */
    private static final int GRAD_CHUNK = 1 << 16;
    private final float[] data;
    private final int[] shape;
    private final Autograd.Node node;
    private boolean requiresGrad;
    private boolean retainGrad;
    private float[] grad;

    private Tensor(float[] data, int[] shape, Autograd.Node node, boolean requiresGrad) {
        this.data = data;
        this.shape = shape;
        this.node = node;
        this.requiresGrad = requiresGrad;
    }

    // ------------------------------------------------------------------ construction

    /**
     * Wraps {@code data} (not copied) as a tensor of the given shape.
     *
     * @throws IllegalArgumentException if {@code data.length} is not the shape's size
     */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shape.clone();
        int n = Shapes.size(s);
        if (data.length != n) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shapes.str(s) + " needs " + n
                    + " values, got " + data.length);
        }
        return new Tensor(data, s, null, false);
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0], null, false);
    }

    /**
     * The result of an op: records {@code backward} on the tape when gradients are enabled and
     * any input requires a gradient; otherwise returns a plain tensor. Used by the classes of
     * {@code org.hebb.ops} and by layers that define their own ops.
     */
    public static Tensor fromOp(String op, float[] data, int[] shape, Autograd.Backward backward,
                                Tensor... inputs) {
        if (data.length != Shapes.size(shape)) {
            throw new IllegalStateException(op + ": produced " + data.length + " values for shape "
                    + Shapes.str(shape));
        }
        if (Autograd.isGradEnabled()) {
            for (Tensor in : inputs) {
                if (in.requiresGrad) {
                    return new Tensor(data, shape.clone(), new Autograd.Node(op, inputs.clone(), backward), true);
                }
            }
        }
        return new Tensor(data, shape.clone(), null, false);
    }

    // ------------------------------------------------------------------ factories (Factories)

    /** A tensor of {@code shape} filled with 0. */
    public static Tensor zeros(int... shape) {
        return Factories.full("zeros", 0f, shape);
    }

    /** A tensor of {@code shape} filled with 1. */
    public static Tensor ones(int... shape) {
        return Factories.full("ones", 1f, shape);
    }

    /** A tensor of {@code shape} filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        return Factories.full("full", value, shape);
    }

    /** Zeros with the shape of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return Factories.full("zerosLike", 0f, like.shape);
    }

    /** Ones with the shape of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return Factories.full("onesLike", 1f, like.shape);
    }

    /** {@code [0, 1, ..., n-1]}, shape {@code [n]}. */
    public static Tensor arange(int n) {
        return Factories.arange(n);
    }

    /** {@code [start, start+step, ...]} below {@code stop} (above it for a negative step), as NumPy's {@code arange}. */
    public static Tensor arange(float start, float stop, float step) {
        return Factories.arange(start, stop, step);
    }

    /** The {@code n x n} identity matrix. */
    public static Tensor eye(int n) {
        return Factories.eye(n);
    }

    /** Values uniform in [0, 1), drawn from {@code rng} in row-major order. */
    public static Tensor rand(Rng rng, int... shape) {
        return Factories.uniform("rand", rng, 0f, 1f, shape);
    }

    /** Values uniform in [0, 1), drawn from {@link Rng#global()}. */
    public static Tensor rand(int... shape) {
        return rand(Rng.global(), shape);
    }

    /** Standard normal values N(0, 1), drawn from {@code rng} in row-major order. */
    public static Tensor randn(Rng rng, int... shape) {
        return Factories.randn(rng, shape);
    }

    /** Standard normal values N(0, 1), drawn from {@link Rng#global()}. */
    public static Tensor randn(int... shape) {
        return randn(Rng.global(), shape);
    }

    /** Values uniform in {@code [lo, hi)}, drawn from {@code rng}; requires {@code lo <= hi}. */
    public static Tensor uniform(Rng rng, float lo, float hi, int... shape) {
        return Factories.uniform("uniform", rng, lo, hi, shape);
    }

    /** Values uniform in {@code [lo, hi)}, drawn from {@link Rng#global()}. */
    public static Tensor uniform(float lo, float hi, int... shape) {
        return uniform(Rng.global(), lo, hi, shape);
    }

    /**
     * {@code [n, numClasses]} one-hot rows: row {@code i} is 1 at column {@code classes[i]}.
     * Not differentiable. Fails on a class outside {@code [0, numClasses)}.
     */
    public static Tensor oneHot(int[] classes, int numClasses) {
        return Gather.oneHot(classes, numClasses);
    }

    /**
     * One-hot encoding of whole-number {@code labels}: shape {@code labels.shape + [numClasses]},
     * a trailing axis of size 1 dropped first ({@code [N]} or {@code [N, 1]} give {@code [N, numClasses]}).
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        return Gather.oneHot(labels, numClasses);
    }

    // ------------------------------------------------------------------ shape and data access

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code axis}; negative counts from the end. */
    public int dim(int axis) {
        return shape[Shapes.axis("dim", axis, shape.length)];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /**
     * The backing array, row-major, <em>live</em>: writing to it changes this tensor (and any
     * reshaped view sharing it). Kernels and optimizers use it; ordinary code should not.
     */
    public float[] data() {
        return data;
    }

    /** A copy of the values. */
    public float[] toArray() {
        return data.clone();
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("item: expected a tensor with one element, got shape "
                    + Shapes.str(shape));
        }
        return data[0];
    }

    /** The value at the given multi-index. */
    public float get(int... index) {
        return data[flatIndex(index)];
    }

    /** Sets the value at the given multi-index (not recorded by autograd). */
    public void set(float value, int... index) {
        data[flatIndex(index)] = value;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get/set: index " + Arrays.toString(index) + " has rank "
                    + index.length + ", tensor has shape " + Shapes.str(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape "
                        + Shapes.str(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    // ------------------------------------------------------------------ autograd

    /** Marks this leaf as needing a gradient; returns {@code this}. */
    public Tensor requiresGrad(boolean value) {
        if (node != null && !value) {
            throw new IllegalStateException("requiresGrad(false) on the result of op '" + node.op()
                    + "': use detach() instead");
        }
        this.requiresGrad = value;
        return this;
    }

    /** True when gradients flow into this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for tensors not produced by a recorded op (inputs and parameters). */
    public boolean isLeaf() {
        return node == null;
    }

    /** The recorded op that produced this tensor, or {@code null} for a leaf. */
    public Autograd.Node node() {
        return node;
    }

    /** Keeps this intermediate tensor's gradient after backward (leaves always keep theirs). */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    /**
     * The accumulated gradient, same shape as this tensor, or {@code null} before any backward
     * reached it. The returned tensor shares the gradient buffer.
     */
    public Tensor grad() {
        return grad == null ? null : new Tensor(grad, shape.clone(), null, false);
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** The same values, cut off from the tape (shares data). */
    public Tensor detach() {
        return new Tensor(data, shape.clone(), null, false);
    }

    /**
     * Backpropagates from this one-element tensor (usually a loss): every leaf that requires a
     * gradient receives d(this)/d(leaf), added to what it already holds.
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalArgumentException("backward: without an upstream gradient the tensor must have one"
                    + " element, got shape " + Shapes.str(shape) + "; pass backward(upstream)");
        }
        Autograd.backward(this, new float[] {1f});
    }

    /** Backpropagates with {@code upstream} = dL/d(this), which must have this tensor's shape. */
    public void backward(Tensor upstream) {
        if (!Arrays.equals(upstream.shape, shape)) {
            throw new IllegalArgumentException("backward: upstream gradient has shape " + Shapes.str(upstream.shape)
                    + ", tensor has shape " + Shapes.str(shape));
        }
        Autograd.backward(this, upstream.data);
    }

    float[] gradArray() {
        return grad;
    }

    void accumulateGrad(float[] g) {
        accumulateGrad(g, false);
    }

    /**
     * Adds g to this tensor's gradient; when {@code owned} (no one else holds g) the first
     * gradient is kept as it is rather than copied.
     */
    void accumulateGrad(float[] g, boolean owned) {
        if (grad == null && owned) {
            grad = g;
            return;
        }
        // Residual blocks send two 6.4 MB gradients into one tensor: copy or add in parallel chunks.
        boolean copy = grad == null;
        float[] dst = copy ? Buffers.take(g.length) : grad;
        Parallel.forRange(g.length, GRAD_CHUNK, (i0, i1) -> {
            if (copy) {
                System.arraycopy(g, i0, dst, i0, i1 - i0);
            } else {
                Streams.addInto(dst, i0, g, i0, i1 - i0);
            }
        });
        grad = dst;
    }

    /** Drops the gradient unless it is retained; returns the dropped array (null if none). */
    float[] releaseGrad() {
        if (retainGrad) {
            return null;
        }
        float[] g = grad;
        grad = null;
        return g;
    }

    // ------------------------------------------------------------------ arithmetic (ops.Arithmetic)

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    /** {@code this * other} elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    /** {@code this / other} elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    /** {@code this + c}. */
    public Tensor add(float c) {
        return Arithmetic.addScalar(this, c);
    }

    /** {@code this * c}. */
    public Tensor mul(float c) {
        return Arithmetic.mulScalar(this, c);
    }

    // ------------------------------------------------------------------ elementwise math (ops.Elementwise)

    /** {@code e^this}, elementwise. */
    public Tensor exp() {
        return Elementwise.exp(this);
    }

    /** Natural logarithm, elementwise. */
    public Tensor log() {
        return Elementwise.log(this);
    }

    /** Square root, elementwise. */
    public Tensor sqrt() {
        return Elementwise.sqrt(this);
    }

    /** {@code |this|}, elementwise. */
    public Tensor abs() {
        return Elementwise.abs(this);
    }

    /** {@code this^p}, elementwise. */
    public Tensor pow(float p) {
        return Elementwise.pow(this, p);
    }

    /** {@code this^exponent}, elementwise, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Elementwise.pow(this, exponent);
    }

    /** {@code min(max(this, min), max)}, elementwise; requires {@code min <= max}. */
    public Tensor clamp(float min, float max) {
        return Elementwise.clamp(this, min, max);
    }

    /** Elementwise maximum of this and {@code other}, broadcasting. */
    public Tensor maximum(Tensor other) {
        return Elementwise.maximum(this, other);
    }

    /** Elementwise minimum of this and {@code other}, broadcasting. */
    public Tensor minimum(Tensor other) {
        return Elementwise.minimum(this, other);
    }

    /** 0/1 mask of {@code this > other}, broadcasting; not recorded for autograd. */
    public Tensor gt(Tensor other) {
        return Elementwise.gt(this, other);
    }

    /** 0/1 mask of {@code this >= other}, broadcasting; not recorded for autograd. */
    public Tensor ge(Tensor other) {
        return Elementwise.ge(this, other);
    }

    /** 0/1 mask of {@code this < other}, broadcasting; not recorded for autograd. */
    public Tensor lt(Tensor other) {
        return Elementwise.lt(this, other);
    }

    /** 0/1 mask of {@code this <= other}, broadcasting; not recorded for autograd. */
    public Tensor le(Tensor other) {
        return Elementwise.le(this, other);
    }

    /** 0/1 mask of {@code this == other}, broadcasting; not recorded for autograd. */
    public Tensor eq(Tensor other) {
        return Elementwise.eq(this, other);
    }

    /** 0/1 mask of {@code this > c}; not recorded for autograd. */
    public Tensor gt(float c) {
        return Elementwise.gt(this, scalar(c));
    }

    /** 0/1 mask of {@code this >= c}; not recorded for autograd. */
    public Tensor ge(float c) {
        return Elementwise.ge(this, scalar(c));
    }

    /** 0/1 mask of {@code this < c}; not recorded for autograd. */
    public Tensor lt(float c) {
        return Elementwise.lt(this, scalar(c));
    }

    /** 0/1 mask of {@code this <= c}; not recorded for autograd. */
    public Tensor le(float c) {
        return Elementwise.le(this, scalar(c));
    }

    /** 0/1 mask of {@code this == c}; not recorded for autograd. */
    public Tensor eq(float c) {
        return Elementwise.eq(this, scalar(c));
    }

    /**
     * This where {@code condition} is non-zero, {@code other} elsewhere (PyTorch's
     * {@code x.where(cond, y)}); the three shapes broadcast together.
     */
    public Tensor where(Tensor condition, Tensor other) {
        return Elementwise.where(condition, this, other);
    }

    // ------------------------------------------------------------------ activations (ops.Activations)

    /** {@code max(this, 0)}. */
    public Tensor relu() {
        return Activations.relu(this);
    }

    /** Leaky ReLU with negative slope 0.01 (PyTorch's default; Keras' is 0.3). */
    public Tensor leakyRelu() {
        return Activations.leakyRelu(this);
    }

    /** Leaky ReLU: {@code this} where positive, {@code alpha * this} elsewhere. */
    public Tensor leakyRelu(float alpha) {
        return Activations.leakyRelu(this, alpha);
    }

    /** ELU with alpha 1: {@code this} where positive, {@code e^this - 1} elsewhere. */
    public Tensor elu() {
        return Activations.elu(this);
    }

    /** ELU: {@code this} where positive, {@code alpha * (e^this - 1)} elsewhere. */
    public Tensor elu(float alpha) {
        return Activations.elu(this, alpha);
    }

    /** Exact GELU {@code x * Phi(x)} (erf form). */
    public Tensor gelu() {
        return Activations.gelu(this);
    }

    /** Logistic sigmoid, stable for any input. */
    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Activations.tanh(this);
    }

    /** Softmax along the last axis. */
    public Tensor softmax() {
        return Activations.softmax(this, -1);
    }

    /** Softmax along {@code axis} (negative counts from the end). */
    public Tensor softmax(int axis) {
        return Activations.softmax(this, axis);
    }

    /** Log-softmax along the last axis. */
    public Tensor logSoftmax() {
        return Activations.logSoftmax(this, -1);
    }

    /** Log-softmax along {@code axis} (negative counts from the end). */
    public Tensor logSoftmax(int axis) {
        return Activations.logSoftmax(this, axis);
    }

    // ------------------------------------------------------------------ reductions (ops.Reduce)

    /** Sum of all elements, as a scalar tensor. */
    public Tensor sum() {
        return Reduce.sumAll(this);
    }

    /** Sum over {@code axis}, which is removed. */
    public Tensor sum(int axis) {
        return Reduce.sum(this, new int[] {axis}, false);
    }

    /** Sum over {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        return Reduce.sum(this, new int[] {axis}, keepDims);
    }

    /** Sum over {@code axes}, kept as size 1 when {@code keepDims}. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reduce.sum(this, axes, keepDims);
    }

    /** Mean of all elements, as a scalar tensor. */
    public Tensor mean() {
        return Reduce.mean(this, Reduce.allAxes(rank()), false);
    }

    /** Mean over {@code axis}, which is removed. */
    public Tensor mean(int axis) {
        return Reduce.mean(this, new int[] {axis}, false);
    }

    /** Mean over {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor mean(int axis, boolean keepDims) {
        return Reduce.mean(this, new int[] {axis}, keepDims);
    }

    /** Mean over {@code axes}, kept as size 1 when {@code keepDims}. */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reduce.mean(this, axes, keepDims);
    }

    /** Largest element, as a scalar tensor. */
    public Tensor max() {
        return Reduce.max(this, Reduce.allAxes(rank()), false);
    }

    /** Maximum over {@code axis}, which is removed. */
    public Tensor max(int axis) {
        return Reduce.max(this, new int[] {axis}, false);
    }

    /** Maximum over {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor max(int axis, boolean keepDims) {
        return Reduce.max(this, new int[] {axis}, keepDims);
    }

    /** Maximum over {@code axes}, kept as size 1 when {@code keepDims}. */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reduce.max(this, axes, keepDims);
    }

    /** Smallest element, as a scalar tensor. */
    public Tensor min() {
        return Reduce.min(this, Reduce.allAxes(rank()), false);
    }

    /** Minimum over {@code axis}, which is removed. */
    public Tensor min(int axis) {
        return Reduce.min(this, new int[] {axis}, false);
    }

    /** Minimum over {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor min(int axis, boolean keepDims) {
        return Reduce.min(this, new int[] {axis}, keepDims);
    }

    /** Minimum over {@code axes}, kept as size 1 when {@code keepDims}. */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reduce.min(this, axes, keepDims);
    }

    /** Flat row-major index of the first largest element, as a float scalar; not differentiable. */
    public Tensor argmax() {
        return Reduce.argmaxAll(this);
    }

    /** Index along {@code axis} of the first maximum (axis removed), as floats; not differentiable. */
    public Tensor argmax(int axis) {
        return Reduce.argmax(this, axis, false);
    }

    /** Index along {@code axis} of the first maximum, as floats; not differentiable. */
    public Tensor argmax(int axis, boolean keepDims) {
        return Reduce.argmax(this, axis, keepDims);
    }

    /** Flat row-major index of the first smallest element, as a float scalar; not differentiable. */
    public Tensor argmin() {
        return Reduce.argminAll(this);
    }

    /** Index along {@code axis} of the first minimum (axis removed), as floats; not differentiable. */
    public Tensor argmin(int axis) {
        return Reduce.argmin(this, axis, false);
    }

    /** Index along {@code axis} of the first minimum, as floats; not differentiable. */
    public Tensor argmin(int axis, boolean keepDims) {
        return Reduce.argmin(this, axis, keepDims);
    }

    /** Population variance (divides by n, like NumPy) of all elements, as a scalar tensor. */
    public Tensor var() {
        return Reduce.var(this, Reduce.allAxes(rank()), false);
    }

    /** Population variance over {@code axis}, which is removed. */
    public Tensor var(int axis) {
        return Reduce.var(this, new int[] {axis}, false);
    }

    /** Population variance over {@code axis}, kept as size 1 when {@code keepDims}. */
    public Tensor var(int axis, boolean keepDims) {
        return Reduce.var(this, new int[] {axis}, keepDims);
    }

    /** Population variance over {@code axes}, kept as size 1 when {@code keepDims}. */
    public Tensor var(int[] axes, boolean keepDims) {
        return Reduce.var(this, axes, keepDims);
    }

    // ------------------------------------------------------------------ shape ops (ops.Reshape and others)

    /** The same data viewed with a new shape of equal size; one dimension may be {@code -1}. */
    public Tensor reshape(int... newShape) {
        return Reshape.reshape(this, newShape);
    }

    /** The same data as a 1-D tensor (shared, like {@link #reshape}). */
    public Tensor flatten() {
        return Reshape.flatten(this);
    }

    /**
     * Axes from {@code startAxis} on merged into one (shared data): {@code [N, H, W, C]} with
     * {@code startAxis = 1} becomes {@code [N, H*W*C]}, as Keras' {@code Flatten}.
     */
    public Tensor flatten(int startAxis) {
        return Reshape.flatten(this, startAxis);
    }

    /** Every dimension of size 1 removed (shared data). */
    public Tensor squeeze() {
        return Reshape.squeeze(this);
    }

    /** Dimension {@code axis}, which must have size 1, removed (shared data). */
    public Tensor squeeze(int axis) {
        return Reshape.squeeze(this, axis);
    }

    /** A dimension of size 1 inserted at position {@code axis} of the result (shared data). */
    public Tensor unsqueeze(int axis) {
        return Reshape.unsqueeze(this, axis);
    }

    /** All axes reversed (a copy): {@code [m, n] -> [n, m]}, like NumPy's {@code .T}. */
    public Tensor transpose() {
        return Permute.transpose(this);
    }

    /** Axes {@code a} and {@code b} swapped (a copy). */
    public Tensor transpose(int a, int b) {
        return Permute.transpose(this, a, b);
    }

    /**
     * Axes reordered (a copy): output axis {@code k} is input axis {@code axes[k]}, e.g.
     * {@code permute(0, 3, 1, 2)} turns NHWC into NCHW.
     */
    public Tensor permute(int... axes) {
        return Permute.permute(this, axes);
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}, a copy;
     * negative indices count from the end as in Python, out-of-range ones are an error.
     */
    public Tensor slice(int axis, int start, int end) {
        return Slice.slice(this, axis, start, end);
    }

    /**
     * One element per position of the other axes, picked along {@code axis}: for
     * {@code [N, K]}, axis 1 and {@code N} class indices, each row's entry at its class ({@code [N]}).
     */
    public Tensor gather(int axis, int[] indices) {
        return Gather.gather(this, axis, indices);
    }

    /** {@link #gather(int, int[])} with the indices in a tensor of whole numbers ({@code [N]} or {@code [N, 1]}). */
    public Tensor gather(int axis, Tensor indices) {
        return Gather.gather(this, axis, indices);
    }

    /** The slices at {@code indices} along {@code axis}, in that order (NumPy's {@code take}); e.g. a minibatch of rows. */
    public Tensor take(int axis, int... indices) {
        return Gather.take(this, axis, indices);
    }

    /**
     * {@code ts} joined along existing axis {@code axis}: shapes equal except there
     * ({@code [2, 3]} and {@code [2, 5]} on axis 1 give {@code [2, 8]}).
     */
    public static Tensor concat(int axis, Tensor... ts) {
        return Concat.concat(axis, ts);
    }

    /** {@code n} tensors of one shape joined along a new axis of size {@code n} inserted at {@code axis}. */
    public static Tensor stack(int axis, Tensor... ts) {
        return Concat.stack(axis, ts);
    }

    // ------------------------------------------------------------------ linear algebra (ops.MatMul)

    /**
     * Matrix product. {@code [m, k] x [k, n] -> [m, n]}; with rank 3, batched:
     * {@code [b, m, k] x [b, k, n] -> [b, m, n]} (a rank-2 operand is shared by every batch).
     */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    // ------------------------------------------------------------------ printing

    /** NumPy-style text: values in nested brackets, shape, and grad state (see {@link TensorFormat}). */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
