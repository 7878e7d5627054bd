package org.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void sameSeedSameStreamDifferentSeedDifferentStream() {
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        Rng c = new Rng(8);
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            assertNotEquals(x, c.nextLong());
        }
    }

    @Test
    void knownSplitMix64Values() {
        // SplitMix64 reference output for seed 0 (Vigna's splitmix64.c): first two values.
        Rng r = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
    }

    @Test
    void uniformAndGaussianMoments() {
        Rng r = new Rng(1);
        int n = 200_000;
        double su = 0;
        double sg = 0;
        double sg2 = 0;
        for (int i = 0; i < n; i++) {
            float u = r.nextFloat();
            assertTrue(u >= 0f && u < 1f);
            su += u;
            double g = r.nextGaussian();
            sg += g;
            sg2 += g * g;
        }
        assertEquals(0.5, su / n, 0.005);
        assertEquals(0.0, sg / n, 0.01);
        assertEquals(1.0, sg2 / n, 0.01);
    }

    @Test
    void nextIntIsInRangeAndCoversIt() {
        Rng r = new Rng(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void stateRoundTripResumesTheStreamExactly() {
        Rng r = new Rng(5);
        r.nextGaussian(); // leaves a spare Gaussian pending
        long[] s = r.getState();
        double[] expected = {r.nextGaussian(), r.nextGaussian(), r.nextDouble()};
        Rng q = new Rng(0);
        q.setState(s);
        assertArrayEquals(expected, new double[] {q.nextGaussian(), q.nextGaussian(), q.nextDouble()});
        assertThrows(IllegalArgumentException.class, () -> q.setState(new long[2]));
    }

    @Test
    void shuffleIsAPermutationAndSeeded() {
        int[] a = new int[50];
        for (int i = 0; i < a.length; i++) a[i] = i;
        int[] b = a.clone();
        new Rng(9).shuffle(a);
        new Rng(9).shuffle(b);
        assertArrayEquals(a, b);
        boolean[] seen = new boolean[50];
        for (int v : a) seen[v] = true;
        for (boolean s : seen) assertTrue(s);
    }

    @Test
    void globalSeedResets() {
        Rng.seed(42);
        long x = Rng.global().nextLong();
        Rng.seed(42);
        assertEquals(x, Rng.global().nextLong());
    }
}
