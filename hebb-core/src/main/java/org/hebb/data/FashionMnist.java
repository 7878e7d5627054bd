package org.hebb.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hebb.tensor.Tensor;

/**
 * Fashion-MNIST (Zalando, 2017): 60,000 training and 10,000 test grey images of 28x28 pixels
 * in 10 classes, stored as four IDX files ({@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-images-idx3-ubyte[.gz]},
 * {@code t10k-labels-idx1-ubyte[.gz]}).
 *
 * <p>Loaded as {@code x [N, 28, 28, 1]} scaled to [0, 1] (NHWC, as the guide's Keras code
 * expects) and {@code y [N]} holding class indices.
 *
 * <p>Where the files are looked for, in order: a directory given by the caller,
 * {@code $HEBB_DATA} (or {@code $HEBB_DATA/fashion-mnist}), {@code ~/.hebb/datasets/fashion-mnist},
 * and {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist}).
 */
public final class FashionMnist {
    /** The class names, by index. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /** Images and labels of one split. */
    public record Split(Tensor x, Tensor y) {
        /** Number of samples. */
        public int size() {
            return y.size();
        }
    }

    /** The training split (60,000 images) from the first directory that holds it. */
    public static Split train(Path dir) throws IOException {
        Path d = locate(dir);
        return load(d, "train");
    }

    /** The test split (10,000 images) from the first directory that holds it. */
    public static Split test(Path dir) throws IOException {
        Path d = locate(dir);
        return load(d, "t10k");
    }

    /** Loads {@code prefix}-images/labels from {@code dir} and checks they agree. */
    public static Split load(Path dir, String prefix) throws IOException {
        Idx.UByteArray images = Idx.read(find(dir, prefix + "-images-idx3-ubyte"));
        Idx.UByteArray labels = Idx.read(find(dir, prefix + "-labels-idx1-ubyte"));
        int[] d = images.dims();
        if (d.length != 3) {
            throw new IOException(dir + ": " + prefix + " images must have 3 dimensions [N, rows, cols], got "
                    + java.util.Arrays.toString(d));
        }
        if (labels.dims().length != 1 || labels.count() != d[0]) {
            throw new IOException(dir + ": " + prefix + " has " + d[0] + " images but labels of shape "
                    + java.util.Arrays.toString(labels.dims()));
        }
        byte[] px = images.data();
        float[] x = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = (px[i] & 0xFF) / 255f;
        }
        byte[] lb = labels.data();
        float[] y = new float[lb.length];
        for (int i = 0; i < lb.length; i++) {
            int v = lb[i] & 0xFF;
            if (v >= CLASSES.size()) {
                throw new IOException(dir + ": " + prefix + " label " + v + " at index " + i + " is not a class in [0, 10)");
            }
            y[i] = v;
        }
        return new Split(Tensor.of(x, d[0], d[1], d[2], 1), Tensor.of(y, lb.length));
    }

    /** The directory holding the files: {@code dir} if given, else the standard places (see the class comment). */
    public static Path locate(Path dir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (dir != null) {
            candidates.add(dir);
        } else {
            String env = System.getenv("HEBB_DATA");
            if (env != null && !env.isBlank()) {
                candidates.add(Path.of(env, "fashion-mnist"));
                candidates.add(Path.of(env));
            }
            candidates.add(Path.of(System.getProperty("user.home"), ".hebb", "datasets", "fashion-mnist"));
            candidates.add(Path.of("/usr/share/datasets/fashion-mnist"));
        }
        for (Path c : candidates) {
            if (has(c, "train-images-idx3-ubyte") && has(c, "t10k-images-idx3-ubyte")) {
                return c;
            }
        }
        throw new IOException("Fashion-MNIST not found; looked in " + candidates
                + ". Install Debian's package (apt-get install dataset-fashion-mnist) or set HEBB_DATA.");
    }

    private static boolean has(Path dir, String base) {
        return Files.isRegularFile(dir.resolve(base)) || Files.isRegularFile(dir.resolve(base + ".gz"));
    }

    private static Path find(Path dir, String base) throws IOException {
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new IOException(dir + ": missing " + base + " (or " + base + ".gz)");
    }
}
