package org.hebb.ops;

import org.hebb.kernels.Gemm;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Matrix product, 2-D and batched.
 *
 * <p>Shapes: {@code [m, k] x [k, n] -> [m, n]}; {@code [b, m, k] x [b, k, n] -> [b, m, n]};
 * a rank-2 operand beside a rank-3 one is shared by every batch. Gradients, for g = dL/dC:
 * {@code dA = g * B^T} and {@code dB = A^T * g}, each one GEMM with a transposed operand read
 * in place; a shared operand's gradient sums over the batch in batch order.
 */
public final class MatMul {
    private MatMul() {}

    /** {@code a @ b}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int[] as = a.shape();
        int[] bs = b.shape();
        if (as.length < 2 || as.length > 3 || bs.length < 2 || bs.length > 3) {
            throw new IllegalArgumentException("matmul: expected rank-2 or rank-3 operands, got shapes "
                    + Shapes.str(as) + " and " + Shapes.str(bs));
        }
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int k2 = bs[bs.length - 2];
        int n = bs[bs.length - 1];
        int batchA = as.length == 3 ? as[0] : 1;
        int batchB = bs.length == 3 ? bs[0] : 1;
        if (k != k2 || (as.length == 3 && bs.length == 3 && batchA != batchB)) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(as) + " and " + Shapes.str(bs)
                    + " are not aligned (" + k + " != " + k2 + (batchA != batchB && as.length == 3
                    && bs.length == 3 ? ", or batch " + batchA + " != " + batchB : "") + ")");
        }
        int batch = Math.max(batchA, batchB);
        int strideA = as.length == 3 ? m * k : 0;
        int strideB = bs.length == 3 ? k * n : 0;
        int[] outShape = (as.length == 3 || bs.length == 3) ? new int[] {batch, m, n} : new int[] {m, n};
        float[] x = a.data();
        float[] y = b.data();
        float[] c = new float[batch * m * n];
        for (int i = 0; i < batch; i++) {
            Gemm.gemm(false, false, m, n, k, x, i * strideA, y, i * strideB, c, i * m * n, false);
        }
        return Tensor.fromOp("matmul", c, outShape, g -> {
            float[] ga = null;
            float[] gb = null;
            if (a.requiresGrad()) {
                ga = new float[x.length];
                for (int i = 0; i < batch; i++) {
                    Gemm.gemm(false, true, m, k, n, g, i * m * n, y, i * strideB, ga, i * strideA, strideA == 0);
                }
            }
            if (b.requiresGrad()) {
                gb = new float[y.length];
                for (int i = 0; i < batch; i++) {
                    Gemm.gemm(true, false, k, n, m, x, i * strideA, g, i * m * n, gb, i * strideB, strideB == 0);
                }
            }
            return new float[][] {ga, gb};
        }, a, b);
    }
}
