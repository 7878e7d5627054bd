package org.hebb.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.hebb.data.FashionMnist;
import org.hebb.kernels.Parallel;
import org.hebb.nn.Parameter;
import org.hebb.tensor.Rng;
import org.hebb.zoo.Zoo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed CNN trained for a few steps gives bit-identical weights with 1 and 2 threads. */
class ThreadDeterminismTest {
    private final int threads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(threads);
    }

    @Test
    void seedCnnStepsAreBitIdenticalWhateverTheThreadCount() throws Exception {
        FashionMnist.Split s = FashionMnist.load(FashionSubsetTest.subset(), "t10k");
        List<List<float[]>> runs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int t : new int[] {1, 2}) {
            Parallel.setThreads(t);
            Rng.seed(7);
            Sequential m = Zoo.get("seed-cnn", 28, 28, 1);
            m.compile("adam", "sparse_categorical_crossentropy");
            History h = m.fit(s.x(), s.y(), Fit.epochs(1).batchSize(100).seed(3).verbose(0));
            List<float[]> w = new ArrayList<>();
            for (Parameter p : m.parameters()) {
                w.add(p.value().toArray());
            }
            runs.add(w);
            losses.add(h.last("loss"));
        }
        assertEquals(losses.get(0), losses.get(1));
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertArrayEquals(runs.get(0).get(i), runs.get(1).get(i), "parameter " + i);
        }
    }
}
