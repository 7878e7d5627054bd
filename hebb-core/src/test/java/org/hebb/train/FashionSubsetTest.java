package org.hebb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hebb.data.FashionMnist;
import org.hebb.nn.Activation;
import org.hebb.nn.Conv2D;
import org.hebb.nn.Dense;
import org.hebb.nn.Flatten;
import org.hebb.nn.MaxPooling2D;
import org.hebb.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * End-to-end learning on real images: a small CNN trained on the 2,000 Fashion-MNIST images
 * shipped in the test resources (the first 2,000 of the training set; 500 of the test set).
 */
class FashionSubsetTest {

    static Path subset() throws Exception {
        return Path.of(FashionSubsetTest.class.getResource("/fashion-mnist-subset/train-labels-idx1-ubyte.gz").toURI())
                .getParent();
    }

    @Test
    void smallCnnLearnsFashionMnistSubset() throws Exception {
        FashionMnist.Split train = FashionMnist.load(subset(), "train");
        FashionMnist.Split test = FashionMnist.load(subset(), "t10k");
        assertEquals(2000, train.size());
        assertEquals(500, test.size());
        Rng rng = new Rng(42);
        Sequential model = new Sequential(
                new Conv2D(16, 3, Activation.RELU).rng(rng).inputShape(28, 28, 1),
                new MaxPooling2D(2),
                new Conv2D(32, 3, Activation.RELU).rng(rng),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(10, Activation.SOFTMAX).rng(rng));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(train.x(), train.y(), Fit.epochs(4).batchSize(32).seed(1).verbose(0));
        Map<String, Double> ev = model.evaluate(test.x(), test.y());
        // Measured: about 0.78-0.80 test accuracy after 4 epochs on 2,000 images; chance is 0.10.
        assertTrue(ev.get("accuracy") >= 0.72, "test accuracy " + ev + ", history " + h);
        assertTrue(h.last("loss") < h.get("loss").get(0), h.toString());
    }
}
