package org.hebb.tensor;

/**
 * A small, fast, seedable random generator (SplitMix64) whose whole state is one {@code long},
 * so a run can be checkpointed and resumed bit-identically.
 *
 * <p>Every random choice in hebb (initializers, dropout masks, shuffling, augmentation) draws
 * from an {@code Rng} that is passed in, or from {@link #global()}, which {@link #seed(long)}
 * resets. The algorithm is written out here (rather than borrowed from {@code java.util}) so
 * that the same seed gives the same numbers on every JDK.
 *
 * <p>Not thread-safe: give each thread its own generator (see {@link #split()}).
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static Rng global = new Rng(42);

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator starting from {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The process-wide generator used when no generator is passed explicitly. */
    public static synchronized Rng global() {
        return global;
    }

    /** Resets the process-wide generator: same seed, same run. */
    public static synchronized void seed(long seed) {
        global = new Rng(seed);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits (every float in the range is reachable on its grid). */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        long r;
        do {
            r = nextLong() >>> 32;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Standard normal sample (Box-Muller; the second value of each pair is kept for the next call). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 0.0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double theta = 2.0 * Math.PI * u2;
        spareGaussian = r * Math.sin(theta);
        hasSpare = true;
        return r * Math.cos(theta);
    }

    /** A new generator seeded from this one: independent streams for independent consumers. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The generator's complete state, for checkpoints: {@code [state, hasSpare, spareBits]}. */
    public long[] getState() {
        return new long[] {state, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /** Restores a state taken by {@link #getState()}. */
    public void setState(long[] s) {
        if (s == null || s.length != 3) {
            throw new IllegalArgumentException("Rng state must have 3 longs, got "
                    + (s == null ? "null" : String.valueOf(s.length)));
        }
        state = s[0];
        hasSpare = s[1] != 0;
        spareGaussian = Double.longBitsToDouble(s[2]);
    }
}
