package org.hebb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** x row i is [i, 100 + i] and y[i] = i, so any selection can be checked row by row. */
    static Dataset numbered(int n) {
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 100 + i;
            y[i] = i;
        }
        return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    static void assertRowsAgree(Dataset d) {
        for (int i = 0; i < d.size(); i++) {
            float id = d.y().data()[i];
            assertEquals(id, d.x().data()[2 * i]);
            assertEquals(100 + id, d.x().data()[2 * i + 1]);
        }
    }

    @Test
    void shuffleIsSeededAndKeepsPairs() {
        Dataset d = numbered(50);
        Dataset a = d.shuffle(new Rng(7));
        Dataset b = d.shuffle(new Rng(7));
        Dataset c = d.shuffle(new Rng(8));
        assertArrayEquals(a.y().data(), b.y().data());
        assertFalse(Arrays.equals(a.y().data(), c.y().data()));
        assertFalse(Arrays.equals(a.y().data(), d.y().data()));
        assertRowsAgree(a);
        float[] sorted = a.y().toArray();
        Arrays.sort(sorted);
        assertArrayEquals(d.y().data(), sorted);
        assertEquals(0f, d.y().data()[0]); // the original is untouched
        assertEquals(49f, d.y().data()[49]);
    }

    @Test
    void batchesCoverEverySampleOnceWithASmallerLastBatch() {
        Dataset d = numbered(10);
        List<Integer> sizes = new ArrayList<>();
        List<Float> seen = new ArrayList<>();
        for (Dataset.Batch b : d.batches(4, new Rng(3))) {
            sizes.add(b.size());
            assertArrayEquals(new int[] {b.size(), 2}, b.x().shape());
            assertRowsAgree(new Dataset(b.x(), b.y()));
            for (float v : b.y().data()) {
                seen.add(v);
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(3, d.batchCount(4));
        List<Float> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, sorted.get(i));
        }
        assertFalse(seen.equals(sorted), "shuffled order expected: " + seen);
        List<Float> inOrder = new ArrayList<>();
        for (Dataset.Batch b : d.batches(3)) {
            for (float v : b.y().data()) {
                inOrder.add(v);
            }
        }
        assertEquals(sorted, inOrder);
        var it = d.batches(10).iterator();
        it.next();
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void splitWithAndWithoutShuffle() {
        Dataset d = numbered(10);
        Dataset.Split keras = d.split(0.25, null);
        assertEquals(8, keras.train().size()); // ceil(10 * 0.75), as Keras
        assertEquals(2, keras.validation().size());
        assertArrayEquals(new float[] {8, 9}, keras.validation().y().data());
        Dataset.Split s = d.split(0.3, new Rng(1));
        Dataset.Split again = d.split(0.3, new Rng(1));
        assertEquals(7, s.train().size());
        assertArrayEquals(s.validation().y().data(), again.validation().y().data());
        assertRowsAgree(s.train());
        assertRowsAgree(s.validation());
        float[] all = new float[10];
        System.arraycopy(s.train().y().data(), 0, all, 0, 7);
        System.arraycopy(s.validation().y().data(), 0, all, 7, 3);
        Arrays.sort(all);
        assertArrayEquals(d.y().data(), all);
    }

    @Test
    void takeSliceSelect() {
        Dataset d = numbered(6);
        assertArrayEquals(new float[] {0, 1, 2}, d.take(3).y().data());
        assertArrayEquals(new float[] {2, 102, 3, 103}, d.slice(2, 4).x().data());
        Dataset s = d.select(new int[] {5, 0, 5});
        assertArrayEquals(new float[] {5, 0, 5}, s.y().data());
        assertRowsAgree(s);
        assertArrayEquals(new int[] {2}, d.sampleShape());
        Dataset oneHot = new Dataset(Tensor.zeros(4, 3, 3, 1), Tensor.zeros(4, 10));
        assertArrayEquals(new int[] {2, 10}, oneHot.take(2).y().shape());
    }

    @Test
    void sizeChecksHaveClearErrors() {
        Dataset d = numbered(5);
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(5, 2), Tensor.zeros(4)));
        assertTrue(mismatch.getMessage().contains("5 samples") && mismatch.getMessage().contains("4"),
                mismatch.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(5, 2), Tensor.zeros(5, 2, 2)));
        assertTrue(rank.getMessage().contains("[N] or [N, K]"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(null, Tensor.zeros(5)));
        var take = assertThrows(IllegalArgumentException.class, () -> d.take(6));
        assertTrue(take.getMessage().contains("take(6)") && take.getMessage().contains("5 samples"), take.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.slice(3, 2));
        assertThrows(IllegalArgumentException.class, () -> d.select(new int[] {5}));
        var batch = assertThrows(IllegalArgumentException.class, () -> d.batches(0));
        assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.split(1.0, null));
        var tiny = assertThrows(IllegalArgumentException.class, () -> d.split(0.01, null));
        assertTrue(tiny.getMessage().contains("0 for validation"), tiny.getMessage());
    }
}
