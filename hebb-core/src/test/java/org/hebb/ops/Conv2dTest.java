package org.hebb.ops;

import static org.hebb.testing.GradCheck.check;
import static org.hebb.testing.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hebb.kernels.ConvGeometry;
import org.hebb.kernels.Padding;
import org.hebb.kernels.Parallel;
import org.hebb.kernels.ThinConv;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    /** Input [n, h, w, c], kernel [kh, kw, c, f], strides, dilations, "valid" or "same". */
    record Case(int n, int h, int w, int c, int kh, int kw, int f, int sh, int sw, int dh, int dw, boolean same) {
        Padding padding() {
            return same ? Padding.SAME : Padding.VALID;
        }
    }

    static final List<Case> CASES = List.of(
            new Case(2, 6, 6, 1, 3, 3, 4, 1, 1, 1, 1, false),   // C = 1, the seed CNN's first layer in small
            new Case(2, 6, 6, 1, 3, 3, 4, 1, 1, 1, 1, true),
            new Case(2, 7, 7, 3, 3, 3, 4, 2, 2, 1, 1, true),    // stride 2, odd size, SAME
            new Case(1, 8, 6, 3, 3, 3, 4, 2, 2, 1, 1, true),    // stride 2, even sizes, SAME
            new Case(1, 7, 8, 3, 3, 2, 4, 2, 1, 1, 1, false),   // stride 2, VALID, non-square
            new Case(2, 9, 8, 3, 3, 3, 4, 1, 1, 2, 2, false),   // dilation 2, VALID
            new Case(1, 7, 7, 1, 3, 3, 4, 1, 1, 2, 2, true),    // dilation 2, SAME
            new Case(2, 4, 5, 3, 1, 1, 4, 1, 1, 1, 1, false),   // 1x1 stride 1: the no-im2col path
            new Case(1, 5, 5, 3, 1, 1, 4, 2, 2, 1, 1, true),    // 1x1 stride 2
            new Case(2, 6, 5, 3, 3, 3, 5, 1, 1, 1, 1, true),    // stride 1 SAME, C != F: dX as a convolution of G
            new Case(1, 6, 7, 2, 2, 3, 3, 1, 1, 1, 1, true),    // even kernel height: SAME pads 0 above, 1 below
            new Case(2, 6, 6, 4, 3, 2, 3, 1, 1, 1, 1, false),   // stride 1 VALID: the general input gradient
            // 16 channels into 16 filters, stride 1 across: ThinConv's sixteen-channel runs (with
            // 16-lane vectors), forward and input gradient; 30 positions a row = 2 groups of 14 + 2
            new Case(1, 4, 30, 16, 3, 3, 16, 1, 1, 1, 1, true),
            new Case(1, 5, 15, 16, 3, 3, 16, 2, 1, 1, 1, true), // stride 2 down only: forward direct, dX by col2im
            new Case(1, 6, 16, 16, 3, 3, 16, 1, 1, 2, 2, false), // dilation 2: forward direct, dX by col2im
            new Case(1, 3, 17, 16, 2, 6, 16, 1, 1, 1, 1, true),  // six columns: two runs of three a kernel row
            new Case(1, 3, 19, 16, 3, 5, 16, 1, 1, 1, 1, true),  // five columns: one tap at a time
            new Case(1, 2, 9, 32, 3, 3, 32, 1, 1, 1, 1, true),   // 32 into 32: groups of 7 positions, 9 = 7 + 2
            new Case(1, 2, 8, 64, 3, 3, 64, 1, 1, 1, 1, true));  // 64 into 64: 8 = 4 + 3 + 1; gradients below

    /** {out, padBefore} along one axis, by the TensorFlow formulas. */
    static int[] axis(int in, int k, int s, int d, boolean same) {
        int extent = (k - 1) * d + 1;
        if (!same) {
            return new int[] {(in - extent) / s + 1, 0};
        }
        int out = (in + s - 1) / s;
        int total = Math.max((out - 1) * s + extent - in, 0);
        return new int[] {out, total / 2};
    }

    /** Direct convolution, seven loops, summed in double. */
    static float[] naive(Tensor x, Tensor k, Tensor b, Case t) {
        int[] v = axis(t.h, t.kh, t.sh, t.dh, t.same);
        int[] u = axis(t.w, t.kw, t.sw, t.dw, t.same);
        int oh = v[0];
        int ow = u[0];
        float[] out = new float[t.n * oh * ow * t.f];
        for (int n = 0; n < t.n; n++)
            for (int y = 0; y < oh; y++)
                for (int xx = 0; xx < ow; xx++)
                    for (int f = 0; f < t.f; f++) {
                        double s = b == null ? 0 : b.get(f);
                        for (int i = 0; i < t.kh; i++)
                            for (int j = 0; j < t.kw; j++)
                                for (int c = 0; c < t.c; c++) {
                                    int ih = y * t.sh - v[1] + i * t.dh;
                                    int iw = xx * t.sw - u[1] + j * t.dw;
                                    if (ih >= 0 && ih < t.h && iw >= 0 && iw < t.w) {
                                        s += (double) x.get(n, ih, iw, c) * k.get(i, j, c, f);
                                    }
                                }
                        out[((n * oh + y) * ow + xx) * t.f + f] = (float) s;
                    }
        return out;
    }

    static Tensor conv(Tensor x, Tensor k, Tensor b, Case t) {
        return Conv2d.forward(x, k, b, t.sh, t.sw, t.padding(), t.dh, t.dw);
    }

    @Test
    void forwardMatchesDirectConvolution() {
        int seed = 0;
        for (Case t : CASES) {
            Tensor x = uniform(++seed, -1, 1, t.n, t.h, t.w, t.c);
            Tensor k = uniform(++seed, -1, 1, t.kh, t.kw, t.c, t.f);
            Tensor b = uniform(++seed, -1, 1, t.f);
            for (Tensor bias : new Tensor[] {b, null}) {
                Tensor y = conv(x, k, bias, t);
                int[] v = axis(t.h, t.kh, t.sh, t.dh, t.same);
                int[] u = axis(t.w, t.kw, t.sw, t.dw, t.same);
                assertArrayEquals(new int[] {t.n, v[0], u[0], t.f}, y.shape(), t.toString());
                float[] want = naive(x, k, bias, t);
                for (int i = 0; i < want.length; i++) {
                    // sums of up to 576 products: a relative tolerance
                    assertEquals(want[i], y.data()[i], 1e-5f * Math.max(1, Math.abs(want[i])), t + " at " + i);
                }
            }
        }
    }

    @Test
    void smallConvolutionByHand() {
        // 3x3 image 1..9, 2x2 kernel [[1, 0], [0, -1]], bias 10: out[i][j] = x[i][j] - x[i+1][j+1] + 10 = 6
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        Tensor k = Tensor.of(new float[] {1, 0, 0, -1}, 2, 2, 1, 1);
        Tensor y = Conv2d.forward(x, k, Tensor.of(new float[] {10}, 1), 1, Padding.VALID);
        assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new float[] {6, 6, 6, 6}, y.data());
        // SAME pads one zero row/column at the bottom/right: the last row and column see zeros
        Tensor s = Conv2d.forward(x, k, null, 1, Padding.SAME);
        assertArrayEquals(new float[] {-4, -4, 3, -4, -4, 6, 7, 8, 9}, s.data());
    }

    /**
     * Wide channel counts, where central differences over every kernel value would take long:
     * the gradients against their double sums, {@code dK = sum x * G} and {@code dX = sum G * K}
     * over every output position and tap.
     */
    @Test
    void gradientsOfWideConvolutionsMatchTheirSums() {
        int seed = 200;
        // (16 images: blocks of two)
        for (Case t : List.of(new Case(2, 3, 9, 32, 3, 3, 32, 1, 1, 1, 1, true), new Case(16, 3, 5, 32, 3, 3, 32, 1, 1,
                1, 1, true), new Case(16, 7, 7, 64, 3, 3, 64, 1, 1, 1, 1, true),
                new Case(2, 7, 7, 64, 3, 3, 64, 1, 1, 1, 1, true), new Case(1, 4, 8, 64, 3, 3, 64, 2, 1, 1, 1, true))) {
            Tensor x = uniform(++seed, -1, 1, t.n, t.h, t.w, t.c).requiresGrad(true);
            Tensor k = uniform(++seed, -1, 1, t.kh, t.kw, t.c, t.f).requiresGrad(true);
            Tensor y = conv(x, k, null, t);
            Tensor g = uniform(++seed, -1, 1, y.shape());
            y.backward(g);
            int[] v = axis(t.h, t.kh, t.sh, t.dh, t.same);
            int[] u = axis(t.w, t.kw, t.sw, t.dw, t.same);
            double[] dx = new double[x.size()];
            double[] dk = new double[k.size()];
            for (int n = 0; n < t.n; n++)
                for (int oy = 0; oy < v[0]; oy++)
                    for (int ox = 0; ox < u[0]; ox++)
                        for (int i = 0; i < t.kh; i++)
                            for (int j = 0; j < t.kw; j++) {
                                int ih = oy * t.sh - v[1] + i * t.dh;
                                int iw = ox * t.sw - u[1] + j * t.dw;
                                if (ih < 0 || ih >= t.h || iw < 0 || iw >= t.w) {
                                    continue;
                                }
                                for (int c = 0; c < t.c; c++)
                                    for (int f = 0; f < t.f; f++) {
                                        double gv = g.get(n, oy, ox, f);
                                        dx[((n * t.h + ih) * t.w + iw) * t.c + c] += gv * k.get(i, j, c, f);
                                        dk[((i * t.kw + j) * t.c + c) * t.f + f] += gv * x.get(n, ih, iw, c);
                                    }
                            }
            assertClose(dx, x.grad().data(), "dX of " + t);
            assertClose(dk, k.grad().data(), "dK of " + t);
        }
    }

    private static void assertClose(double[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4 * Math.max(1, Math.abs(want[i])), what + " at " + i);
        }
    }

    @Test
    void gradientsOfInputKernelAndBias() {
        int seed = 50;
        for (Case t : CASES) {
            if (t.c > 16) {
                continue; // gradientsOfWideConvolutionsMatchTheirSums
            }
            Tensor x = uniform(++seed, -1, 1, t.n, t.h, t.w, t.c);
            Tensor k = uniform(++seed, -1, 1, t.kh, t.kw, t.c, t.f);
            Tensor b = uniform(++seed, -1, 1, t.f);
            check("conv2d " + t, in -> conv(in[0], in[1], in[2], t), x, k, b);
        }
        Case t = CASES.get(2);
        check("conv2d without bias", in -> conv(in[0], in[1], null, t),
                uniform(90, -1, 1, t.n, t.h, t.w, t.c), uniform(91, -1, 1, t.kh, t.kw, t.c, t.f));
        check("conv2d explicit padding",
                in -> Conv2d.forward(in[0], in[1], in[2], 2, 1, Padding.explicit(2, 0, 1, 1), 1, 1),
                uniform(92, -1, 1, 1, 5, 4, 2), uniform(93, -1, 1, 2, 3, 2, 3), uniform(94, -1, 1, 3));
        check("conv2d stride 1, explicit uneven padding keeping the size (dX as a convolution)",
                in -> Conv2d.forward(in[0], in[1], in[2], 1, 1, Padding.explicit(2, 0, 0, 2), 1, 1),
                uniform(95, -1, 1, 2, 4, 5, 3), uniform(96, -1, 1, 3, 3, 3, 2), uniform(97, -1, 1, 2));
        check("conv2d stride 1, padding as large as the kernel",
                in -> Conv2d.forward(in[0], in[1], in[2], 1, 1, Padding.explicit(3, 0, 0, 1), 1, 1),
                uniform(98, -1, 1, 1, 4, 4, 2), uniform(99, -1, 1, 3, 2, 2, 3), uniform(100, -1, 1, 3));
    }

    @Test
    void inputGradientIsAConvolutionForStrideOneSameSizeAndFewFilters() {
        ConvGeometry same = Conv2d.geometry(new int[] {2, 7, 6, 3}, new int[] {3, 3, 3, 5}, null, 1, 1, Padding.SAME, 1, 1);
        ConvGeometry t = Conv2d.inputGradientGeometry(same, 5);
        assertArrayEquals(new int[] {2, 7, 6, 5}, t.inputShape());
        assertArrayEquals(new int[] {2, 7, 6, 9}, t.outputShape(9), "the gradient comes out H x W");
        ConvGeometry even = Conv2d.geometry(new int[] {1, 7, 6, 3}, new int[] {2, 4, 3, 4}, null, 1, 1, Padding.SAME,
                1, 1);
        ConvGeometry te = Conv2d.inputGradientGeometry(even, 4);
        assertEquals(1, te.padTop(), "SAME pads 0 above and 1 below; G is padded the other way round");
        assertEquals(0, te.padBottom());
        assertEquals(2, te.padLeft());
        assertEquals(1, te.padRight());
        assertArrayEquals(new int[] {1, 7, 6, 3}, te.outputShape(3));
        // Not worth it (measured): VALID, whose G would need a larger column matrix, and more
        // filters than the limit, where the general form's product is deep enough.
        assertNull(Conv2d.inputGradientGeometry(Conv2d.geometry(new int[] {1, 7, 6, 3}, new int[] {3, 2, 3, 4}, null, 1,
                1, Padding.VALID, 1, 1), 4));
        int wide = Conv2d.INPUT_GRADIENT_CONV_MAX_FILTERS + 1;
        assertNull(Conv2d.inputGradientGeometry(Conv2d.geometry(new int[] {1, 7, 6, 3}, new int[] {3, 3, 3, wide}, null,
                1, 1, Padding.SAME, 1, 1), wide));
        // ... unless ThinConv computes it directly, with no column matrix
        ConvGeometry wide32 = Conv2d.geometry(new int[] {1, 7, 6, 32}, new int[] {3, 3, 32, 32}, null, 1, 1,
                Padding.SAME, 1, 1);
        assertEquals(ThinConv.appliesWide(wide32, 32), Conv2d.inputGradientGeometry(wide32, 32) != null);
        assertNull(Conv2d.inputGradientGeometry(Conv2d.geometry(new int[] {1, 7, 6, 32}, new int[] {3, 3, 32, 48},
                null, 1, 1, Padding.SAME, 1, 1), 48));
        int[] x = {1, 8, 8, 2};
        int[] k = {3, 3, 2, 4};
        assertNull(Conv2d.inputGradientGeometry(Conv2d.geometry(x, k, null, 2, 2, Padding.SAME, 1, 1), 4));
        assertNull(Conv2d.inputGradientGeometry(Conv2d.geometry(x, k, null, 1, 1, Padding.SAME, 2, 2), 4));
        ConvGeometry uneven = Conv2d.inputGradientGeometry(
                Conv2d.geometry(x, k, null, 1, 1, Padding.explicit(2, 0, 0, 2), 1, 1), 4);
        assertEquals(0, uneven.padTop());
        assertEquals(2, uneven.padBottom());
        assertEquals(2, uneven.padLeft());
        assertEquals(0, uneven.padRight());
        assertNull(Conv2d.inputGradientGeometry(Conv2d.geometry(x, k, null, 1, 1, Padding.explicit(3, 0, 0, 0), 1, 1),
                4));
    }

    @Test
    void onlyInputsThatNeedGradientsGetThem() {
        Case t = CASES.get(2);
        Tensor x = uniform(1, -1, 1, t.n, t.h, t.w, t.c);
        Tensor k = uniform(2, -1, 1, t.kh, t.kw, t.c, t.f).requiresGrad(true);
        Tensor b = uniform(3, -1, 1, t.f).requiresGrad(true);
        conv(x, k, b, t).sum().backward();
        assertNull(x.grad());
        // d(sum y)/d b[f] = number of output positions
        int positions = t.n * 4 * 4;
        for (float g : b.grad().data()) {
            assertEquals(positions, g, 1e-4f);
        }
    }

    @Test
    void gradientsDoNotDependOnTheThreadCount() {
        // big enough that the input gradient and the bias gradient are cut into several chunks
        Tensor x = uniform(5, -1, 1, 6, 16, 16, 8);
        Tensor k = uniform(6, -1, 1, 3, 3, 8, 32);
        Tensor b = uniform(7, -1, 1, 32);
        Tensor w = uniform(8, -1, 1, 6, 16, 16, 32);
        int saved = Parallel.threads();
        float[][][] grads = new float[3][][];
        try {
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                for (Tensor p : new Tensor[] {x, k, b}) {
                    p.requiresGrad(true);
                    p.zeroGrad();
                }
                Conv2d.forward(x, k, b, 1, Padding.SAME).mul(w).sum().backward();
                grads[t - 1] = new float[][] {x.grad().toArray(), k.grad().toArray(), b.grad().toArray()};
            }
        } finally {
            Parallel.setThreads(saved);
        }
        for (int t = 1; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(grads[0][i], grads[t][i], "input " + i + " with " + (t + 1) + " threads");
            }
        }
    }

    @Test
    void batchCutIntoBlocksAndGroupsGivesTheSumOfPerImageGradients() {
        // 40 images of 20x20x8 (28,800 column floats each): the passes cut the batch into 10
        // blocks of 4, and the backward pass deals them to 8 groups (some of two blocks) whose
        // kernel-gradient partials are added at the end. Each image on its own (one block) must
        // give the same output, input gradient and kernel gradient.
        int n = 40;
        for (boolean relu : new boolean[] {false, true}) {
            Tensor x = uniform(31, -1, 1, n, 20, 20, 8).requiresGrad(true);
            Tensor k = uniform(32, -1, 1, 3, 3, 8, 5).requiresGrad(true);
            Tensor b = uniform(33, -1, 1, 5).requiresGrad(true);
            Tensor w = uniform(34, -1, 1, n, 20, 20, 5);
            Tensor y = Conv2d.forward(x, k, b, 1, 1, Padding.SAME, 1, 1, relu);
            y.mul(w).sum().backward();
            float[] kSum = new float[k.size()];
            float[] bSum = new float[b.size()];
            for (int i = 0; i < n; i++) {
                Tensor xi = x.detach().slice(0, i, i + 1).requiresGrad(true);
                Tensor ki = k.detach().requiresGrad(true);
                Tensor bi = b.detach().requiresGrad(true);
                Tensor yi = Conv2d.forward(xi, ki, bi, 1, 1, Padding.SAME, 1, 1, relu);
                yi.mul(w.slice(0, i, i + 1)).sum().backward();
                String what = "image " + i + (relu ? " (relu)" : "");
                assertArrayEquals(yi.toArray(), y.slice(0, i, i + 1).toArray(), 1e-6f, what + " output");
                assertArrayEquals(xi.grad().toArray(), x.grad().slice(0, i, i + 1).toArray(), 1e-6f,
                        what + " input gradient");
                float[] kg = ki.grad().toArray();
                float[] bg = bi.grad().toArray();
                for (int j = 0; j < kSum.length; j++) {
                    kSum[j] += kg[j];
                }
                for (int j = 0; j < bSum.length; j++) {
                    bSum[j] += bg[j];
                }
            }
            assertArrayEquals(kSum, k.grad().toArray(), 2e-3f, "kernel gradient = sum over images");
            assertArrayEquals(bSum, b.grad().toArray(), 2e-3f, "bias gradient = sum over images");
        }
    }

    @Test
    void wrongShapesFailNamingConv2dAndTheShapes() {
        Tensor x = Tensor.of(new float[2 * 5 * 5 * 3], 2, 5, 5, 3);
        Tensor k = Tensor.of(new float[3 * 3 * 3 * 4], 3, 3, 3, 4);
        assertMessage(() -> Conv2d.forward(Tensor.of(new float[75], 5, 5, 3), k, null, 1, Padding.VALID),
                "conv2d", "[5, 5, 3]");
        assertMessage(() -> Conv2d.forward(x, Tensor.of(new float[36], 3, 3, 4), null, 1, Padding.VALID),
                "conv2d", "kernel", "[3, 3, 4]");
        assertMessage(() -> Conv2d.forward(x, Tensor.of(new float[72], 3, 3, 2, 4), null, 1, Padding.VALID),
                "conv2d", "[2, 5, 5, 3]", "[3, 3, 2, 4]", "3 channels");
        assertMessage(() -> Conv2d.forward(x, k, Tensor.of(new float[3], 3), 1, Padding.VALID),
                "conv2d", "bias", "[4]", "[3]");
        assertMessage(() -> Conv2d.forward(x, k, Tensor.of(new float[4], 1, 4), 1, Padding.VALID),
                "conv2d", "bias", "[1, 4]");
        assertMessage(() -> Conv2d.forward(x, Tensor.of(new float[6 * 6 * 3 * 4], 6, 6, 3, 4), null, 1,
                Padding.VALID), "conv2d", "[6, 6, 3, 4]", "[2, 5, 5, 3]", "larger than the padded input 5x5");
        assertMessage(() -> Conv2d.forward(x, k, null, 0, Padding.VALID), "conv2d", "strides", "0x0");
        assertMessage(() -> Conv2d.forward(x, k, null, 1, 1, Padding.VALID, 3, 3),
                "conv2d", "dilated extent 7x7", "[2, 5, 5, 3]");
        assertMessage(() -> Conv2d.forward(x, Tensor.of(new float[0], 3, 3, 3, 0), null, 1, Padding.VALID),
                "conv2d", "[3, 3, 3, 0]");
        // SAME pads whatever the kernel size: the same 6x6 kernel is accepted
        assertArrayEquals(new int[] {2, 5, 5, 4},
                Conv2d.forward(x, Tensor.of(new float[6 * 6 * 3 * 4], 6, 6, 3, 4), null, 1, Padding.SAME).shape());
    }

    static void assertMessage(Runnable r, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(parts[0]), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void fusedReluEqualsConvThenReluForwardAndBackward() {
        Tensor x = uniform(31, -1, 1, 2, 6, 6, 3);
        Tensor k = uniform(32, -1, 1, 3, 3, 3, 4);
        Tensor b = uniform(33, -0.5f, 0.5f, 4);
        Tensor fused = Conv2d.forward(x, k, b, 1, 1, Padding.SAME, 1, 1, true);
        Tensor plain = Conv2d.forward(x, k, b, 1, 1, Padding.SAME, 1, 1).relu();
        assertArrayEquals(plain.data(), fused.data());
        assertEquals("conv2d_relu", Conv2d.forward(x.detach().requiresGrad(true), k, b, 1, 1, Padding.SAME, 1, 1, true)
                .node().op());
        check("conv2d_relu", in -> Conv2d.forward(in[0], in[1], in[2], 2, 1, Padding.VALID, 1, 1, true),
                uniform(34, -1, 1, 2, 7, 6, 2), uniform(35, -1, 1, 3, 2, 2, 3),
                uniform(36, 0.05f, 0.3f, 3));
    }

    @Test
    void firstLayerWithReluGetsTheGradientsOfTheMaskedOutputGradient() {
        // Few channels (ThinConv's direct path), a fused ReLU and no input gradient: the fused
        // path that masks the gradient image by image. 51 filters (two vectors, one, and a
        // remainder), 20 images (several blocks and groups), VALID and SAME with stride 2.
        Case[] cases = {new Case(20, 9, 9, 1, 3, 3, 51, 1, 1, 1, 1, false),
                new Case(20, 8, 7, 3, 3, 3, 51, 2, 2, 1, 1, true)};
        int seed = 70;
        for (Case t : cases) {
            Tensor x = uniform(++seed, -1, 1, t.n, t.h, t.w, t.c);
            Tensor k = uniform(++seed, -1, 1, t.kh, t.kw, t.c, t.f).requiresGrad(true);
            Tensor b = uniform(++seed, -0.3f, 0.3f, t.f).requiresGrad(true);
            int[] v = axis(t.h, t.kh, t.sh, t.dh, t.same);
            int[] u = axis(t.w, t.kw, t.sw, t.dw, t.same);
            Tensor w = uniform(++seed, -1, 1, t.n, v[0], u[0], t.f);
            float[][][] grads = new float[2][][];
            int saved = Parallel.threads();
            try {
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    k.zeroGrad();
                    b.zeroGrad();
                    Conv2d.forward(x, k, b, t.sh, t.sw, t.padding(), t.dh, t.dw, true).mul(w).sum().backward();
                    grads[threads - 1] = new float[][] {k.grad().toArray(), b.grad().toArray()};
                }
            } finally {
                Parallel.setThreads(saved);
            }
            assertArrayEquals(grads[0][0], grads[1][0], t + ": kernel gradient, 1 vs 2 threads");
            assertArrayEquals(grads[0][1], grads[1][1], t + ": bias gradient, 1 vs 2 threads");
            float[] pre = naive(x, k, b, t);
            double[] dk = new double[k.size()];
            double[] db = new double[t.f];
            for (int n = 0; n < t.n; n++)
                for (int y = 0; y < v[0]; y++)
                    for (int xx = 0; xx < u[0]; xx++)
                        for (int f = 0; f < t.f; f++) {
                            int o = ((n * v[0] + y) * u[0] + xx) * t.f + f;
                            double gm = pre[o] > 0 ? w.data()[o] : 0;
                            db[f] += gm;
                            for (int i = 0; i < t.kh; i++)
                                for (int j = 0; j < t.kw; j++)
                                    for (int c = 0; c < t.c; c++) {
                                        int ih = y * t.sh - v[1] + i * t.dh;
                                        int iw = xx * t.sw - u[1] + j * t.dw;
                                        if (ih >= 0 && ih < t.h && iw >= 0 && iw < t.w) {
                                            dk[((i * t.kw + j) * t.c + c) * t.f + f] += x.get(n, ih, iw, c) * gm;
                                        }
                                    }
                        }
            for (int i = 0; i < dk.length; i++) {
                assertEquals(dk[i], grads[0][0][i], 1e-4, t + ": kernel gradient " + i);
            }
            for (int f = 0; f < t.f; f++) {
                assertEquals(db[f], grads[0][1][f], 1e-4, t + ": bias gradient " + f);
            }
        }
    }
}
