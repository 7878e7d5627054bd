package org.hebb.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset in the layout of MNIST: four IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each plain or {@code .gz}) holding grey images and class labels. {@link #FASHION_MNIST} and
 * {@link #MNIST} are built in; others of the same layout (KMNIST, ...) are one constructor call.
 *
 * <p>Loaded as {@code x [N, rows, cols, 1]} scaled to [0, 1] (NHWC) and {@code y [N]} holding
 * class indices.
 *
 * <p>Where the files are looked for, in order ({@link #searchPath}): the directory given by
 * the caller (and its sub-directory named {@link #name()}), {@code $HEBB_DATA/<name>} and
 * {@code $HEBB_DATA}, {@code ~/.hebb/datasets/<name>}, and {@code /usr/share/datasets/<name>}
 * (Debian's {@code dataset-fashion-mnist} installs there). A directory counts when it holds
 * all four files. When none does, {@link #locate} downloads the missing files from
 * {@link #baseUrl()} into {@code ~/.hebb/datasets/<name>}, each verified by its published MD5
 * (see {@link Download}). Files found locally are not checksummed (Debian recompresses them).
 *
 * <p>Immutable; {@link #withBaseUrl} and {@link #withPlaces} give variants (a mirror, or other
 * directories — tests point both at temporary places and a loopback server).
 */
public final class MnistLike {
    /** The four file names, without {@code .gz}: train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /**
     * Fashion-MNIST (Xiao, Rasul and Vollgraf, Zalando, 2017): 60,000 + 10,000 28x28 images of
     * clothes in 10 classes, from the URL and with the MD5s published in the project's README.
     */
    public static final MnistLike FASHION_MNIST = new MnistLike("fashion-mnist", "Fashion-MNIST",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            List.of("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                    "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));

    /**
     * MNIST (LeCun, Cortes and Burges): 60,000 + 10,000 28x28 handwritten digits, from the
     * mirror torchvision uses (the original host no longer serves the files) with the MD5s
     * torchvision publishes.
     */
    public static final MnistLike MNIST = new MnistLike("mnist", "MNIST",
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            List.of("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                    "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    /**
     * The directories outside the caller's that the search and the download use.
     *
     * @param dataDir    {@code $HEBB_DATA}, or null when unset
     * @param cacheRoot  where downloads go, one sub-directory per dataset ({@code ~/.hebb/datasets})
     * @param systemRoot system-wide datasets, one sub-directory per dataset ({@code /usr/share/datasets}), or null
     */
    public record Places(Path dataDir, Path cacheRoot, Path systemRoot) {
        /** The places validated: the cache root is required. */
        public Places {
            if (cacheRoot == null) {
                throw new IllegalArgumentException("MnistLike.Places: the cache root (download directory) is required");
            }
        }

        /** {@code $HEBB_DATA}, {@code ~/.hebb/datasets} and {@code /usr/share/datasets}. */
        public static Places standard() {
            String env = System.getenv("HEBB_DATA");
            Path data = env == null || env.isBlank() ? null : Path.of(env);
            return new Places(data, Path.of(System.getProperty("user.home"), ".hebb", "datasets"),
                    Path.of("/usr/share/datasets"));
        }
    }

    private final String name;
    private final String title;
    private final String baseUrl;
    private final List<String> md5;
    private final List<String> classes;
    private final Places places;

    /**
     * A dataset of the MNIST layout.
     *
     * @param name    directory name under the data roots, e.g. {@code "fashion-mnist"}
     * @param title   name shown in messages, e.g. {@code "Fashion-MNIST"}
     * @param baseUrl URL the four {@code .gz} files are downloaded from (ending in {@code /})
     * @param md5     the MD5 of each {@code .gz} file, in the order of {@link #FILES}
     * @param classes class names, by index
     */
    public MnistLike(String name, String title, String baseUrl, List<String> md5, List<String> classes) {
        this(name, title, baseUrl, md5, classes, null);
    }

    private MnistLike(String name, String title, String baseUrl, List<String> md5, List<String> classes,
            Places places) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("MnistLike: name must be a plain directory name, got '" + name + "'");
        }
        if (md5 == null || md5.size() != FILES.size()) {
            throw new IllegalArgumentException("MnistLike(" + name + "): expected " + FILES.size()
                    + " MD5 checksums (one per file), got " + (md5 == null ? "null" : md5.size()));
        }
        md5.forEach(Download::checkMd5);
        if (classes == null || classes.isEmpty() || classes.size() > 256) {
            throw new IllegalArgumentException("MnistLike(" + name + "): expected 1 to 256 class names, got "
                    + (classes == null ? "null" : classes.size()));
        }
        this.name = name;
        this.title = title;
        this.baseUrl = checkUrl(baseUrl);
        this.md5 = List.copyOf(md5);
        this.classes = List.copyOf(classes);
        this.places = places;
    }

    private static String checkUrl(String url) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("MnistLike: base URL must start with http:// or https://, got " + url);
        }
        return url.endsWith("/") ? url : url + "/";
    }

    /** The same dataset downloaded from another base URL (a mirror, or a test server). */
    public MnistLike withBaseUrl(String url) {
        return new MnistLike(name, title, url, md5, classes, places);
    }

    /** The same dataset searched for and downloaded in other places than {@link Places#standard()}. */
    public MnistLike withPlaces(Places p) {
        if (p == null) {
            throw new IllegalArgumentException("MnistLike.withPlaces: places must not be null");
        }
        return new MnistLike(name, title, baseUrl, md5, classes, p);
    }

    /** Directory name under the data roots. */
    public String name() {
        return name;
    }

    /** Name shown in messages. */
    public String title() {
        return title;
    }

    /** URL the files are downloaded from, ending in {@code /}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Class names, by index. */
    public List<String> classes() {
        return classes;
    }

    /** The published MD5 of each {@code .gz} file, keyed by file name ({@code train-images-idx3-ubyte.gz}, ...). */
    public Map<String, String> checksums() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < FILES.size(); i++) {
            m.put(FILES.get(i) + ".gz", md5.get(i));
        }
        return m;
    }

    private Places places() {
        return places != null ? places : Places.standard();
    }

    /** The directories searched, in order, for a caller's directory {@code dir} (may be null). */
    public List<Path> searchPath(Path dir) {
        Places p = places();
        List<Path> c = new ArrayList<>();
        if (dir != null) {
            c.add(dir);
            c.add(dir.resolve(name));
        }
        if (p.dataDir() != null) {
            c.add(p.dataDir().resolve(name));
            c.add(p.dataDir());
        }
        c.add(cacheDir());
        if (p.systemRoot() != null) {
            c.add(p.systemRoot().resolve(name));
        }
        return c;
    }

    /** The directory downloads go to: {@code <cacheRoot>/<name>} ({@code ~/.hebb/datasets/<name>}). */
    public Path cacheDir() {
        return places().cacheRoot().resolve(name);
    }

    /** The first directory of the {@link #searchPath} holding all four files, if any; never downloads. */
    public Optional<Path> find(Path dir) {
        for (Path c : searchPath(dir)) {
            if (complete(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The directory holding the files: when {@code dir} is given, {@code dir} or
     * {@code dir/<name>} (and nothing else: a wrong directory is an error, not a reason to look
     * elsewhere); otherwise the first of the {@link #searchPath} that has all four, else
     * {@link #cacheDir()} after downloading the missing ones there.
     *
     * @throws IOException if the files are nowhere and the download fails (the message lists the
     *                     places searched and the download's problem)
     */
    public Path locate(Path dir) throws IOException {
        if (dir != null && !complete(dir) && !complete(dir.resolve(name()))) {
            // A directory the user named is a statement of intent: a typo must not silently
            // train on other data or start a download.
            throw new IOException(dir + ": " + title + " files not found there (nor in " + dir.resolve(name())
                    + "); expected the four IDX files, e.g. train-images-idx3-ubyte[.gz]");
        }
        Optional<Path> found = find(dir);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return download();
        } catch (IOException e) {
            throw new IOException(title + " not found in " + searchPath(dir) + ", and the download failed: "
                    + e.getMessage() + hint(), e);
        }
    }

    private String hint() {
        return name.equals("fashion-mnist")
                ? ". Install Debian's package (apt-get install dataset-fashion-mnist), set HEBB_DATA, or pass a directory."
                : ". Set HEBB_DATA or pass a directory holding the four IDX files.";
    }

    /**
     * Downloads the files missing from {@link #cacheDir()} from {@link #baseUrl()}, each verified
     * by its MD5 and renamed into place only then; returns the directory.
     *
     * @throws IOException naming the URL and the problem when a file cannot be fetched or does not match
     */
    public Path download() throws IOException {
        Path into = cacheDir();
        for (int i = 0; i < FILES.size(); i++) {
            String file = FILES.get(i);
            if (has(into, file)) {
                continue;
            }
            URI url = URI.create(baseUrl + file + ".gz");
            System.err.println("hebb: downloading " + url + " to " + into);
            Download.fetch(url, md5.get(i), into.resolve(file + ".gz"));
        }
        return into;
    }

    /** The training split ({@code train-*}), from the directory {@link #locate} finds (downloading if needed). */
    public Dataset train(Path dir) throws IOException {
        return load(locate(dir), "train");
    }

    /** The test split ({@code t10k-*}), from the directory {@link #locate} finds (downloading if needed). */
    public Dataset test(Path dir) throws IOException {
        return load(locate(dir), "t10k");
    }

    /**
     * Loads {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]}
     * from {@code dir} and checks that they agree: 3-dimensional images, one label per image,
     * every label a class index.
     *
     * @throws IOException naming the directory and the problem
     */
    public Dataset load(Path dir, String prefix) throws IOException {
        Idx.UByteArray images = Idx.read(file(dir, prefix + "-images-idx3-ubyte"));
        Idx.UByteArray labels = Idx.read(file(dir, prefix + "-labels-idx1-ubyte"));
        int[] d = images.dims();
        if (d.length != 3) {
            throw new IOException(dir + ": " + prefix + " images must have 3 dimensions [N, rows, cols], got "
                    + Arrays.toString(d));
        }
        if (labels.dims().length != 1 || labels.count() != d[0]) {
            throw new IOException(dir + ": " + prefix + " has " + d[0] + " images but labels of shape "
                    + Arrays.toString(labels.dims()));
        }
        byte[] lb = labels.data();
        float[] y = new float[lb.length];
        for (int i = 0; i < lb.length; i++) {
            int v = lb[i] & 0xFF;
            if (v >= classes.size()) {
                throw new IOException(dir + ": " + prefix + " label " + v + " at index " + i + " is not a class in [0, "
                        + classes.size() + ")");
            }
            y[i] = v;
        }
        return new Dataset(Normalization.scale01(images.data(), d[0], d[1], d[2], 1),
                org.hebb.tensor.Tensor.of(y, lb.length));
    }

    private static boolean complete(Path dir) {
        for (String f : FILES) {
            if (!has(dir, f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean has(Path dir, String base) {
        return Files.isRegularFile(dir.resolve(base)) || Files.isRegularFile(dir.resolve(base + ".gz"));
    }

    private static Path file(Path dir, String base) throws IOException {
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

    @Override
    public String toString() {
        return title + " (" + name + ", " + baseUrl + ")";
    }
}
