package org.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorFormatTest {

    @Test
    void matrixRowsOnTheirOwnLines() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        assertEquals("Tensor([[1.0000, 2.0000],\n"
                + "        [3.0000, 4.0000]], shape=[2, 2])", t.toString());
    }

    @Test
    void vectorScalarAndEmpty() {
        assertEquals("Tensor([0.0000, 1.0000, 2.0000], shape=[3])", Tensor.arange(3).toString());
        assertEquals("Tensor([ 1.0000, -2.5000], shape=[2])", Tensor.of(new float[] {1, -2.5f}, 2).toString());
        assertEquals("Tensor(3.5000)", Tensor.scalar(3.5f).toString());
        assertEquals("Tensor([], shape=[0, 3])", Tensor.zeros(0, 3).toString());
        assertEquals("Tensor([[0.5000]], shape=[1, 1])", Tensor.full(0.5f, 1, 1).toString());
    }

    @Test
    void rank3BlocksAreSeparatedByABlankLine() {
        Tensor t = Tensor.arange(8).reshape(2, 2, 2);
        assertEquals("Tensor([[[0.0000, 1.0000],\n"
                + "         [2.0000, 3.0000]],\n"
                + "\n"
                + "        [[4.0000, 5.0000],\n"
                + "         [6.0000, 7.0000]]], shape=[2, 2, 2])", t.toString());
    }

    @Test
    void scientificWhenValuesAreLargeSmallOrFarApart() {
        assertEquals("Tensor([1.0000e+09, 1.0000e+00], shape=[2])", Tensor.of(new float[] {1e9f, 1f}, 2).toString());
        assertEquals("Tensor([1.0000e-05, 0.0000e+00], shape=[2])", Tensor.of(new float[] {1e-5f, 0f}, 2).toString());
        assertEquals("Tensor([ 2.0000e-01, -5.0000e+02], shape=[2])",
                Tensor.of(new float[] {0.2f, -500f}, 2).toString(), "a ratio above 1000 switches to scientific");
        assertEquals("Tensor([  0.2000, -50.0000], shape=[2])",
                Tensor.of(new float[] {0.2f, -50f}, 2).toString(), "a ratio of 250 stays fixed");
        assertEquals("Tensor([0.0000, 0.0000], shape=[2])", Tensor.zeros(2).toString());
    }

    @Test
    void nanAndInfinity() {
        assertEquals("Tensor([    nan,     inf, -1.0000,    -inf], shape=[4])",
                Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -1f, Float.NEGATIVE_INFINITY}, 4).toString());
    }

    @Test
    void gradStateIsShown() {
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2).requiresGrad(true);
        assertEquals("Tensor([[1.0000, 2.0000]], shape=[1, 2], requiresGrad=true)", x.toString());
        Tensor w = Tensor.of(new float[] {3, 4}, 2, 1);
        assertEquals("Tensor([[11.0000]], shape=[1, 1], grad_fn=matmul)", x.matmul(w).toString());
        assertEquals("Tensor(3.0000, grad_fn=sum)", x.sum().toString());
        try (var scope = Autograd.noGrad()) {
            assertEquals("Tensor(3.0000)", x.sum().toString());
        }
    }

    @Test
    void longRowsWrapUnderTheFirstValue() {
        Tensor t = Tensor.arange(1f, 21f, 1f);
        assertEquals("Tensor([ 1.0000,  2.0000,  3.0000,  4.0000,  5.0000,  6.0000,  7.0000,  8.0000,\n"
                + "         9.0000, 10.0000, 11.0000, 12.0000, 13.0000, 14.0000, 15.0000, 16.0000,\n"
                + "        17.0000, 18.0000, 19.0000, 20.0000], shape=[20])", t.toString());
        for (String line : t.toString().split("\n")) {
            assertTrue(line.length() <= TensorFormat.LINE_WIDTH, line);
        }
    }

    @Test
    void bigTensorsAreSummarised() {
        Tensor t = Tensor.arange(2000).add(1000f).reshape(40, 50);
        assertEquals("Tensor([[1000.0000, 1001.0000, 1002.0000, ..., 1047.0000, 1048.0000, 1049.0000],\n"
                + "        [1050.0000, 1051.0000, 1052.0000, ..., 1097.0000, 1098.0000, 1099.0000],\n"
                + "        [1100.0000, 1101.0000, 1102.0000, ..., 1147.0000, 1148.0000, 1149.0000],\n"
                + "        ...,\n"
                + "        [2850.0000, 2851.0000, 2852.0000, ..., 2897.0000, 2898.0000, 2899.0000],\n"
                + "        [2900.0000, 2901.0000, 2902.0000, ..., 2947.0000, 2948.0000, 2949.0000],\n"
                + "        [2950.0000, 2951.0000, 2952.0000, ..., 2997.0000, 2998.0000, 2999.0000]], shape=[40, 50])",
                t.toString());
        // Exactly at the threshold nothing is summarised; one element more and it is.
        assertTrue(!Tensor.zeros(TensorFormat.THRESHOLD).toString().contains("..."));
        assertTrue(Tensor.zeros(TensorFormat.THRESHOLD + 1).toString().contains("..."));
    }

    @Test
    void bigRank3SummaryKeepsBlankLinesAndShortDimensions() {
        // 2 x 300 x 2: only the middle axis is long enough to cut.
        String s = Tensor.zeros(2, 300, 2).toString();
        assertEquals("Tensor([[[0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000],\n"
                + "         ...,\n"
                + "         [0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000]],\n"
                + "\n"
                + "        [[0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000],\n"
                + "         ...,\n"
                + "         [0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000],\n"
                + "         [0.0000, 0.0000]]], shape=[2, 300, 2])", s);
    }
}
