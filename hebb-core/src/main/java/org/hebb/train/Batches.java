package org.hebb.train;

import java.util.List;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/** Row (sample) selection on batch-first tensors: contiguous ranges, gathers by index, concatenation. */
final class Batches {
    private Batches() {}

    /** Rows {@code [from, to)} of {@code t}, copied. */
    static Tensor rows(Tensor t, int from, int to) {
        int[] s = t.shape();
        int row = Shapes.prod(s, 1, s.length);
        float[] out = new float[(to - from) * row];
        System.arraycopy(t.data(), from * row, out, 0, out.length);
        s[0] = to - from;
        return Tensor.of(out, s);
    }

    /** Rows {@code order[from .. to)} of {@code t}, copied in that order. */
    static Tensor gather(Tensor t, int[] order, int from, int to) {
        int[] s = t.shape();
        int row = Shapes.prod(s, 1, s.length);
        float[] src = t.data();
        float[] out = new float[(to - from) * row];
        for (int i = from; i < to; i++) {
            System.arraycopy(src, order[i] * row, out, (i - from) * row, row);
        }
        s[0] = to - from;
        return Tensor.of(out, s);
    }

    /** The tensors stacked along the batch axis (all must share the per-sample shape). */
    static Tensor concatRows(List<Tensor> parts) {
        int[] s = parts.get(0).shape();
        int n = 0;
        for (Tensor p : parts) {
            n += p.dim(0);
        }
        int row = Shapes.prod(s, 1, s.length);
        float[] out = new float[n * row];
        int at = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), 0, out, at, p.size());
            at += p.size();
        }
        s[0] = n;
        return Tensor.of(out, s);
    }
}
