package org.hebb.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hebb.tensor.Tensor;

/**
 * Fashion-MNIST (Zalando, 2017): 60,000 training and 10,000 test grey images of 28x28 pixels
 * in 10 classes — {@link MnistLike#FASHION_MNIST} with the result as a {@link Split}.
 *
 * <p>Loaded as {@code x [N, 28, 28, 1]} scaled to [0, 1] (NHWC, as the guide's Keras code
 * expects) and {@code y [N]} holding class indices.
 *
 * <p>Where the files are looked for, in order: a directory given by the caller,
 * {@code $HEBB_DATA/fashion-mnist} and {@code $HEBB_DATA}, {@code ~/.hebb/datasets/fashion-mnist},
 * and {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist});
 * otherwise they are downloaded into {@code ~/.hebb/datasets/fashion-mnist} and verified by
 * their published MD5s (see {@link MnistLike}).
 */
public final class FashionMnist {
    /** The class names, by index. */
    public static final List<String> CLASSES = MnistLike.FASHION_MNIST.classes();

    private FashionMnist() {}

    /** Images and labels of one split. */
    public record Split(Tensor x, Tensor y) {
        /** Number of samples. */
        public int size() {
            return y.size();
        }

        /** The same samples as a {@link Dataset} (shares the tensors). */
        public Dataset dataset() {
            return new Dataset(x, y);
        }
    }

    /** The training split (60,000 images) from the first directory that holds it (downloading if none does). */
    public static Split train(Path dir) throws IOException {
        return load(locate(dir), "train");
    }

    /** The test split (10,000 images) from the first directory that holds it (downloading if none does). */
    public static Split test(Path dir) throws IOException {
        return load(locate(dir), "t10k");
    }

    /** Loads {@code prefix}-images/labels from {@code dir} and checks they agree (see {@link MnistLike#load}). */
    public static Split load(Path dir, String prefix) throws IOException {
        Dataset d = MnistLike.FASHION_MNIST.load(dir, prefix);
        return new Split(d.x(), d.y());
    }

    /**
     * The directory holding the files: the first place of the search order that has them, else
     * {@code ~/.hebb/datasets/fashion-mnist} after downloading them (see {@link MnistLike#locate}).
     */
    public static Path locate(Path dir) throws IOException {
        return MnistLike.FASHION_MNIST.locate(dir);
    }
}
