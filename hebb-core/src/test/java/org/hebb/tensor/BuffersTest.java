package org.hebb.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hebb.nn.Parameter;
import org.hebb.train.Fit;
import org.hebb.train.Sequential;
import org.hebb.zoo.Zoo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pool of large arrays: what it hands out and takes back, and that training with it gives
 * bit for bit the weights training without it gives (the tests run with
 * {@code hebb.buffers=poison}, so an op reading a recycled array before writing it fails).
 */
class BuffersTest {
    private static final int N = Buffers.MIN_FLOATS;

    @AfterEach
    void restore() {
        Buffers.setMode(System.getProperty("hebb.buffers", "on"));
    }

    @Test
    void givenArraysComeBackOnceAndShortOnesNever() {
        Buffers.setMode("on");
        float[] a = new float[N];
        Buffers.give(a);
        Buffers.give(a); // twice: still one entry, or two takers would share it
        assertEquals(N, Buffers.pooledFloats());
        assertSame(a, Buffers.take(N));
        assertNotSame(a, Buffers.take(N), "taken once, handed out once");
        assertEquals(0, Buffers.pooledFloats());

        float[] small = new float[N - 1];
        Buffers.give(small);
        assertEquals(0, Buffers.pooledFloats(), "below MIN_FLOATS the collector keeps it");
        assertNotSame(small, Buffers.take(N - 1));
        Buffers.give(null); // ignored
    }

    @Test
    void takeZeroedClearsARecycledArrayAndPoisonFillsWithNaN() {
        Buffers.setMode("on");
        float[] dirty = new float[N + 5];
        Arrays.fill(dirty, 3f);
        Buffers.give(dirty);
        float[] z = Buffers.takeZeroed(N + 5);
        assertSame(dirty, z);
        for (float v : z) {
            assertEquals(0f, v);
        }
        Buffers.setMode("poison");
        Buffers.give(z);
        float[] p = Buffers.take(N + 5);
        assertSame(z, p);
        for (float v : p) {
            assertTrue(Float.isNaN(v));
        }
    }

    @Test
    void offAllocatesAfreshAndUnknownModesAreRefused() {
        Buffers.setMode("off");
        float[] a = new float[N];
        Buffers.give(a);
        assertEquals(0, Buffers.pooledFloats());
        assertNotSame(a, Buffers.take(N));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Buffers.setMode("maybe"));
        assertTrue(e.getMessage().contains("on, off or poison"), e.getMessage());
    }

    @Test
    void trimKeepsOfEachSizeAtMostWhatWasRequested() {
        Buffers.setMode("on");
        for (int i = 0; i < 3; i++) {
            Buffers.give(new float[N]);
            Buffers.give(new float[N + 1]);
        }
        Buffers.take(N); // one request of size N, none of N + 1
        Buffers.trim();
        assertEquals(1L * N, Buffers.pooledFloats(), "one array of size N stays, none of N + 1");
        Buffers.trim();
        assertEquals(0, Buffers.pooledFloats(), "no request since the last trim");
    }

    @Test
    void theGraphReleasesOpResultsButNotLeavesOrTheirViews() {
        Buffers.setMode("on");
        Tensor x = Tensor.zeros(N).requiresGrad(true);
        Tensor view = x.reshape(2, N / 2); // shares x's data
        Tensor y = view.relu();
        Tensor loss = y.sum();
        loss.backward(); // gives back the intermediate gradients
        long before = Buffers.pooledFloats();
        Autograd.releaseGraph(loss);
        assertEquals(before + N, Buffers.pooledFloats(), "relu's output only: x and its view stay with their owner");
        assertSame(y.data(), Buffers.take(N), "the last given is the first taken");

        // A caller's tensor that is itself an op result stays the caller's when named, and so
        // does what it was computed from: a kept tensor counts as a leaf.
        Tensor w = Tensor.zeros(N).requiresGrad(true);
        Tensor hidden = w.relu();
        Tensor kept = hidden.mul(hidden);
        Tensor product = kept.mul(kept);
        Tensor out = product.sum();
        out.backward();
        Autograd.releaseGraph(out, kept);
        List<float[]> pooled = drain();
        assertTrue(pooled.stream().anyMatch(a -> a == product.data()), "the product is given back");
        assertTrue(pooled.stream().noneMatch(a -> a == kept.data() || a == hidden.data()),
                "the kept tensor and its inputs stay");
    }

    /** Takes every array of N floats out of the pool. */
    private static List<float[]> drain() {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < 100 && Buffers.pooledFloats() > 0; i++) {
            out.add(Buffers.take(N));
        }
        return out;
    }

    @Test
    void poisonFillsWhatIsGivenBack() {
        Buffers.setMode("poison");
        float[] a = new float[N];
        Buffers.give(a);
        assertTrue(Float.isNaN(a[0]) && Float.isNaN(a[N - 1]), "a reader after give sees NaN");
    }

    /** After its first step, ResNet-20 trains without allocating a poolable array, and the pool stays put. */
    @Test
    void stepsAfterTheFirstAllocateNothingPoolable() {
        Buffers.setMode("on");
        Rng.seed(2);
        Sequential m = Zoo.get("resnet20", 28, 28, 1);
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        Tensor x = Tensor.rand(new Rng(4), 4, 28, 28, 1);
        Tensor y = Tensor.of(new float[] {2, 5, 9, 0}, 4);
        m.fit(x, y, Fit.epochs(1).batchSize(4).verbose(0));
        long misses = Buffers.misses();
        long pooled = Buffers.pooledFloats();
        assertTrue(misses > 0 && pooled > 0, "the first step fills the pool");
        m.fit(x, y, Fit.epochs(3).batchSize(4).verbose(0));
        assertEquals(misses, Buffers.misses(), "later steps find every array in the pool");
        assertEquals(pooled, Buffers.pooledFloats(), "and give back as many as they take");
    }

    /** Three steps of ResNet-20 (batch 4: its first stage's arrays are pooled) with each mode. */
    @Test
    void trainingGivesTheSameWeightsWithAndWithoutThePool() {
        float[] images = new float[4 * 28 * 28];
        Rng r = new Rng(3);
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
        }
        Tensor x = Tensor.of(images, 4, 28, 28, 1);
        Tensor y = Tensor.of(new float[] {1, 7, 3, 0}, 4);
        List<float[]> reference = null;
        for (String mode : new String[] {"off", "on", "poison"}) {
            Buffers.setMode(mode);
            // Dirty arrays of the first stage's size (4 x 28 x 28 x 16) waiting in the pool, so
            // that every op taking one gets a recycled array from the first step on.
            for (int i = 0; i < 64; i++) {
                float[] dirty = new float[4 * 28 * 28 * 16];
                Arrays.fill(dirty, 7f);
                Buffers.give(dirty);
            }
            Rng.seed(11);
            Sequential m = Zoo.get("resnet20", 28, 28, 1);
            m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
            m.fit(x, y, Fit.epochs(3).batchSize(4).rng(new Rng(5)).verbose(0));
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : m.parameters()) {
                weights.add(p.value().toArray());
            }
            if (reference == null) {
                reference = weights;
                assertEquals(0, Buffers.pooledFloats(), "off pools nothing");
            } else {
                assertTrue(Buffers.pooledFloats() > 0, mode + ": the steps gave arrays back");
                for (int i = 0; i < weights.size(); i++) {
                    assertArrayEquals(reference.get(i), weights.get(i), mode + ": parameter " + i);
                }
            }
        }
    }
}
