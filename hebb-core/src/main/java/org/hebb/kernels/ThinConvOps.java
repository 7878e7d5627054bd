package org.hebb.kernels;

/**
 * The two inner loops of {@link ThinConv}, on one run of output positions along an output row
 * whose windows lie wholly inside the (padded) image. The window of position {@code p} starts at
 * {@code x[xBase + p * step]}, and its tap {@code t} (in the kernel's {@code [KH, KW, C]} order)
 * is at {@code tapOff[t]} from there. A plain implementation and a Vector API one, chosen once
 * at start-up (see {@link Simd}); the plain one is the test oracle of the other (they agree to
 * rounding: the vector one adds the taps with fused multiply-adds, and the positions of a
 * kernel-gradient run in two interleaved partial sums).
 */
interface ThinConvOps {

    /**
     * {@code out[oBase + p*f + j] = bias[j] + sum over t of x[xBase + p*step + tapOff[t]] * k[t*f + j]}
     * for {@code p < count}, {@code j < f} (pass zeros for no bias) and, when {@code relu},
     * {@code max(., 0)} applied. {@code threeWide} says the taps are those of a kernel three
     * columns wide at dilation 1 across (each kernel row's taps: columns 0, 1 and 2 of C channels,
     * column dx at {@code dx * C} from column 0), which lets an implementation broadcast each input
     * value once for all three columns; false is always correct.
     */
    void forwardRun(float[] x, int xBase, int step, int[] tapOff, float[] k, int f, float[] bias,
                    float[] out, int oBase, int count, boolean relu, boolean threeWide);

    /**
     * {@code dk[t*f + j] += sum over p < count of x[xBase + p*step + tapOff[t]] * g[gBase + p*f + j]}
     * for every tap t and {@code j < f}.
     */
    void kernelGradRun(float[] x, int xBase, int step, int[] tapOff, float[] g, int gBase, int f,
                       float[] dk, int count);

    /**
     * {@link #kernelGradRun} over {@code rows} runs of {@code count} positions: run r's windows
     * start at {@code x[xBase + r*rowStep + p*step]} and its gradient rows at
     * {@code g[gBase + (r*count + p)*f]} (an image's output rows, one after the other).
     */
    default void kernelGradRows(float[] x, int xBase, int step, int rowStep, int rows, int[] tapOff, float[] g,
                                int gBase, int f, float[] dk, int count) {
        for (int r = 0; r < rows; r++) {
            kernelGradRun(x, xBase + r * rowStep, step, tapOff, g, gBase + r * count * f, f, dk, count);
        }
    }

    /**
     * True when {@link #forwardRun} and {@link #kernelGradRows} have register-blocked paths for
     * {@code channels} input channels into as many filters over windows {@code channels} floats
     * apart (stride 1): the vector implementation with 16-lane vectors, for 16, 32 or 64
     * channels ({@link ThinConvWide}). See {@link ThinConv#appliesWide}.
     */
    default boolean registerBlockedRuns(int channels) {
        return false;
    }

    /** The plain-Java loops. */
    ThinConvOps PLAIN = new ThinConvOps() {
        @Override
        public void forwardRun(float[] x, int xBase, int step, int[] tapOff, float[] k, int f, float[] bias,
                               float[] out, int oBase, int count, boolean relu, boolean threeWide) {
            for (int p = 0; p < count; p++) {
                int xb = xBase + p * step;
                int ob = oBase + p * f;
                for (int j = 0; j < f; j++) {
                    out[ob + j] = bias[j];
                }
                for (int t = 0; t < tapOff.length; t++) {
                    float a = x[xb + tapOff[t]];
                    int kb = t * f;
                    for (int j = 0; j < f; j++) {
                        out[ob + j] += a * k[kb + j];
                    }
                }
                if (relu) {
                    for (int j = 0; j < f; j++) {
                        out[ob + j] = Math.max(out[ob + j], 0f);
                    }
                }
            }
        }

        @Override
        public void kernelGradRun(float[] x, int xBase, int step, int[] tapOff, float[] g, int gBase, int f,
                                  float[] dk, int count) {
            for (int t = 0; t < tapOff.length; t++) {
                int kb = t * f;
                for (int p = 0; p < count; p++) {
                    float a = x[xBase + p * step + tapOff[t]];
                    int gb = gBase + p * f;
                    for (int j = 0; j < f; j++) {
                        dk[kb + j] += a * g[gb + j];
                    }
                }
            }
        }
    };
}
