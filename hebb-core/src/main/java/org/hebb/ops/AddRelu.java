package org.hebb.ops;

import java.util.Arrays;
import org.hebb.kernels.Binary;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.Streams;
import org.hebb.tensor.Buffers;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * {@code relu(a + b)} for two tensors of one shape, as one op ("add_relu"): the end of a ResNet
 * block, where the body meets the shortcut. One pass writes the output (the sum is never stored),
 * and the backward pass masks the upstream gradient once, {@code g} where the output is
 * positive, else 0, and hands that array to {@code a} and a copy to {@code b} (two separate ops
 * write the mask, then copy it for each input). Values and gradients are bit for bit those of
 * {@code a.add(b).relu()}. Shapes: a and b {@code [any]}, equal; the output the same.
 */
public final class AddRelu {
    /** Elements per parallel chunk: 256 KB of output, written while its inputs are in cache. */
    private static final int CHUNK = 65536;

    private AddRelu() {}

    /** {@code max(a + b, 0)}; a and b must have the same shape (no broadcasting). */
    public static Tensor apply(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("add_relu: shapes " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()) + " differ (add_relu does not broadcast)");
        }
        float[] x = a.data();
        float[] y = b.data();
        float[] r = Buffers.take(x.length); // every chunk is written whole
        Parallel.forRange(x.length, CHUNK, (i0, i1) -> {
            Binary.run(Binary.Op.ADD, x, i0, 1, y, i0, 1, r, i0, i1 - i0);
            Streams.relu(r, i0, i1);
        });
        return Tensor.fromOp("add_relu", r, a.shape(), g -> {
            float[] gm = Buffers.take(g.length);
            Parallel.forRange(g.length, CHUNK, (i0, i1) -> Streams.maskPositive(g, r, i0, gm, i0, i1 - i0));
            if (!(a.requiresGrad() && b.requiresGrad())) {
                return new float[][] {a.requiresGrad() ? gm : null, b.requiresGrad() ? gm : null};
            }
            // each input owns its gradient array (the engine keeps an owned array instead of copying it)
            float[] copy = Buffers.take(g.length);
            Parallel.forRange(g.length, CHUNK, (i0, i1) -> System.arraycopy(gm, i0, copy, i0, i1 - i0));
            return new float[][] {gm, copy};
        }, a, b);
    }
}
