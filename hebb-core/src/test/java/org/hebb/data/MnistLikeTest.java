package org.hebb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset location and download, against an HTTP server on 127.0.0.1 started here: nothing in
 * this test reaches the network.
 */
class MnistLikeTest {
    @TempDir
    Path tmp;

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    /** Path to bytes served; "cut" paths announce twice their length and close half-way. */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, Boolean> cut = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            if (cut.getOrDefault(path, false)) {
                ex.sendResponseHeaders(200, body.length * 2L);
                OutputStream out = ex.getResponseBody();
                out.write(body);
                out.flush();
                ex.close(); // fewer bytes than announced: the server drops the connection
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
    }

    static Path subset() throws Exception {
        return Path.of(MnistLikeTest.class.getResource("/fashion-mnist-subset/train-labels-idx1-ubyte.gz").toURI())
                .getParent();
    }

    /** A dataset of the shipped subset's files with their real MD5s, searched for only under tmp. */
    MnistLike subsetSpec() throws Exception {
        List<String> md5 = new ArrayList<>();
        for (String f : MnistLike.FILES) {
            md5.add(Download.md5(subset().resolve(f + ".gz")));
        }
        return new MnistLike("fashion-subset", "Fashion-MNIST subset", base(), md5, MnistLike.FASHION_MNIST.classes())
                .withPlaces(new MnistLike.Places(null, tmp.resolve("cache"), tmp.resolve("system")));
    }

    void serveSubset() throws Exception {
        for (String f : MnistLike.FILES) {
            files.put("/data/" + f + ".gz", Files.readAllBytes(subset().resolve(f + ".gz")));
        }
    }

    static List<Path> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void downloadsVerifiesAndLoads() throws Exception {
        serveSubset();
        MnistLike spec = subsetSpec();
        Path dir = spec.locate(null);
        assertEquals(tmp.resolve("cache").resolve("fashion-subset"), dir);
        assertEquals(4, requests.get());
        assertEquals(4, listing(dir).size(), "only the four verified files, no temporary files: " + listing(dir));
        Dataset test = spec.load(dir, "t10k");
        assertArrayEquals(new int[] {500, 28, 28, 1}, test.x().shape());
        // Found in the cache the second time: no new request.
        assertEquals(dir, spec.locate(null));
        assertEquals(2000, spec.train(null).size());
        assertEquals(4, requests.get());
    }

    @Test
    void corruptFileIsRefusedAndNothingIsLeft() throws Exception {
        byte[] good = "the real contents".getBytes();
        byte[] bad = "the real c0ntents".getBytes();
        files.put("/data/f.gz", bad);
        Path target = tmp.resolve("out").resolve("f.gz");
        String md5 = md5(good);
        URI url = URI.create(base() + "f.gz");
        IOException e = assertThrows(IOException.class, () -> Download.fetch(url, md5, target));
        String m = e.getMessage();
        assertTrue(m.contains(url.toString()) && m.contains("MD5") && m.contains(md5) && m.contains(md5(bad)), m);
        assertEquals(List.of(), listing(tmp.resolve("out")));
    }

    @Test
    void transferCutInHalfIsRefusedAndNothingIsLeft() throws Exception {
        byte[] half = new byte[100_000];
        for (int i = 0; i < half.length; i++) {
            half[i] = (byte) (i * 31);
        }
        files.put("/data/cut.gz", half);
        cut.put("/data/cut.gz", true);
        Path target = tmp.resolve("out").resolve("cut.gz");
        URI url = URI.create(base() + "cut.gz");
        IOException e = assertThrows(IOException.class, () -> Download.fetch(url, md5(half), target));
        String m = e.getMessage();
        assertTrue(m.contains(url.toString()) && m.contains("200000"), m);
        assertEquals(List.of(), listing(tmp.resolve("out")));
    }

    @Test
    void httpErrorIsRefusedAndNothingIsLeft() throws Exception {
        Path target = tmp.resolve("out").resolve("missing.gz");
        URI url = URI.create(base() + "missing.gz");
        IOException e = assertThrows(IOException.class, () -> Download.fetch(url, md5(new byte[0]), target));
        assertTrue(e.getMessage().contains(url.toString()) && e.getMessage().contains("404"), e.getMessage());
        assertEquals(List.of(), listing(tmp.resolve("out")));
    }

    @Test
    void failedDatasetDownloadKeepsOnlyVerifiedFilesAndSaysWhere() throws Exception {
        serveSubset();
        files.put("/data/t10k-images-idx3-ubyte.gz", "not the images".getBytes());
        MnistLike spec = subsetSpec();
        IOException e = assertThrows(IOException.class, () -> spec.locate(null));
        String m = e.getMessage();
        assertTrue(m.contains("not found in") && m.contains("t10k-images-idx3-ubyte.gz") && m.contains("MD5"), m);
        List<Path> left = listing(spec.cacheDir());
        assertEquals(2, left.size(), "the two files before the corrupt one, verified: " + left);
        assertFalse(left.stream().anyMatch(p -> p.getFileName().toString().contains("t10k")), left.toString());
    }

    @Test
    void aDirectoryTheUserNamedMustHoldTheFiles() throws Exception {
        serveSubset();
        MnistLike spec = subsetSpec();
        IOException e = assertThrows(IOException.class, () -> spec.locate(tmp.resolve("typo")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("typo") + ": ") && e.getMessage().contains("not found"),
                e.getMessage());
        assertEquals(0, requests.get(), "no download for a wrong directory");
    }

    @Test
    void noDownloadWhenFilesAreFoundLocally() throws Exception {
        serveSubset();
        MnistLike spec = subsetSpec();
        Path mine = tmp.resolve("mine");
        copySubset(mine);
        assertEquals(mine, spec.locate(mine));
        // Also under <dir>/<name>, and in $HEBB_DATA and the system directory.
        Path nested = tmp.resolve("root");
        copySubset(nested.resolve("fashion-subset"));
        assertEquals(nested.resolve("fashion-subset"), spec.locate(nested));
        Path system = tmp.resolve("system");
        copySubset(system.resolve("fashion-subset"));
        assertEquals(system.resolve("fashion-subset"), spec.locate(null));
        MnistLike withEnv = spec.withPlaces(new MnistLike.Places(mine, tmp.resolve("cache"), system));
        assertEquals(mine, withEnv.locate(null));
        assertEquals(0, requests.get());
    }

    @Test
    void searchOrderIsCallerEnvCacheSystem() {
        Path env = tmp.resolve("env");
        MnistLike spec = MnistLike.MNIST.withPlaces(new MnistLike.Places(env, tmp.resolve("cache"), tmp.resolve("sys")));
        assertEquals(List.of(tmp.resolve("u"), tmp.resolve("u").resolve("mnist"), env.resolve("mnist"), env,
                tmp.resolve("cache").resolve("mnist"), tmp.resolve("sys").resolve("mnist")), spec.searchPath(tmp.resolve("u")));
        assertTrue(spec.find(tmp.resolve("u")).isEmpty());
    }

    @Test
    void builtInChecksumsAreThePublishedOnes() {
        assertEquals("8d4fb7e6c68d591d4c3dfef9ec88bf0d", MnistLike.FASHION_MNIST.checksums().get("train-images-idx3-ubyte.gz"));
        assertEquals("ec29112dd5afa0611ce80d1b7f02629c", MnistLike.MNIST.checksums().get("t10k-labels-idx1-ubyte.gz"));
        assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/", MnistLike.MNIST.baseUrl());
        assertEquals(10, MnistLike.MNIST.classes().size());
        assertThrows(IllegalArgumentException.class,
                () -> new MnistLike("x", "X", "ftp://host/", List.of("a", "b", "c", "d"), List.of("0")));
        assertThrows(IllegalArgumentException.class, () -> MnistLike.MNIST.withBaseUrl("file:///etc/"));
    }

    @Test
    void fashionMnistFacadeLoadsTheSubset() throws Exception {
        FashionMnist.Split s = FashionMnist.load(subset(), "train");
        assertEquals(2000, s.size());
        assertEquals(s.x(), s.dataset().x());
        assertEquals(10, FashionMnist.CLASSES.size());
    }

    void copySubset(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String f : MnistLike.FILES) {
            Files.copy(subset().resolve(f + ".gz"), dir.resolve(f + ".gz"));
        }
    }

    static String md5(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }
}
