package org.hebb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors reader and writer against the published format: files built byte by byte in
 * the test, an independent reader of the writer's output, Python (standard library + NumPy)
 * opening a file hebb wrote, and one test per kind of malformed file.
 */
class SafetensorsTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    /** A file in the published layout: 8-byte LE length, the header text as given, the data. */
    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(name, h.length, h, data);
    }

    /** A file whose header-length field says {@code declaredLength}, whatever follows. */
    private Path raw(String name, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).array());
        out.writeBytes(header);
        out.writeBytes(data);
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static String refused(Path p) {
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(p));
        assertTrue(e.getMessage().contains(p.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    // ------------------------------------------------------------------ well-formed files

    @Test
    void roundTripKeepsNamesShapesValuesOrderAndMetadata() throws IOException {
        Rng rng = new Rng(3);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.kernel", Tensor.uniform(rng, -1, 1, 3, 4, 2));
        tensors.put("a.bias", Tensor.uniform(rng, -1, 1, 5));
        tensors.put("scalar", Tensor.scalar(Float.NaN));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("special", Tensor.of(new float[] {Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, 1e38f}, 4));
        Map<String, String> meta = Map.of("format", "pt", "note", "Grüße, \"quoted\"\n");
        Path p = dir.resolve("w.safetensors");
        Safetensors.write(p, tensors, meta);

        Safetensors.Contents c = Safetensors.read(p);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(c.tensors().keySet()));
        for (String name : tensors.keySet()) {
            Tensor want = tensors.get(name);
            Tensor got = c.tensors().get(name);
            assertArrayEquals(want.shape(), got.shape(), name);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(Float.floatToRawIntBits(want.data()[i]), Float.floatToRawIntBits(got.data()[i]), name);
            }
        }
        assertEquals(meta, c.metadata());
    }

    @Test
    void readsAFileBuiltByHandFromThePublishedFormat() throws IOException {
        // Two tensors listed in the opposite order of their data, a scalar, metadata after them,
        // and the header padded with spaces as the reference writer does.
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[24,28]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        while (header.length() % 8 != 0) {
            header += " ";
        }
        Path p = file("hand.safetensors", header, floats(1.5f, -2f, 1, 2, 3, 4, 0.25f));
        Safetensors.Contents c = Safetensors.read(p);
        assertEquals(List.of("b", "a", "s"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new int[] {2, 2}, c.tensors().get("b").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c.tensors().get("b").data());
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("a").data());
        assertEquals(0, c.tensors().get("s").rank());
        assertEquals(0.25f, c.tensors().get("s").item());
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void writerOutputFollowsThePublishedLayout() throws IOException {
        // An independent reader: parse the bytes by hand, as the format's description says.
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("b", Tensor.of(new float[] {-1, 0.5f}, 2));
        Path p = dir.resolve("out.safetensors");
        Safetensors.write(p, tensors, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"));
        assertTrue(header.substring(header.strip().length()).chars().allMatch(ch -> ch == ' '), "pad is spaces");
        JsonNode root = new ObjectMapper().readTree(header);
        assertEquals("v", root.get("__metadata__").get("k").asText());
        long dataStart = 8 + n;
        assertEquals(dataStart + 32, bytes.length);
        float[] all = new float[8];
        for (int i = 0; i < 8; i++) {
            all[i] = b.getFloat((int) dataStart + 4 * i);
        }
        JsonNode w = root.get("w");
        assertEquals("F32", w.get("dtype").asText());
        assertEquals("[2,3]", w.get("shape").toString());
        assertEquals("[0,24]", w.get("data_offsets").toString());
        assertEquals("[24,32]", root.get("b").get("data_offsets").toString());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, -1, 0.5f}, all);
    }

    @Test
    void pythonWithNumpyOnlyOpensAFileHebbWrote() throws Exception {
        Assumptions.assumeTrue(pythonWithNumpy(), "python3 with NumPy is not available");
        Path script = script("check_safetensors.py");
        Assumptions.assumeTrue(script != null, "scripts/check_safetensors.py not found from " + Path.of("").toAbsolutePath());
        Rng rng = new Rng(9);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv2d.kernel", Tensor.uniform(rng, -1, 1, 3, 3, 1, 8));
        tensors.put("conv2d.bias", Tensor.uniform(rng, -1, 1, 8));
        tensors.put("scale", Tensor.scalar(2.5f));
        Path p = dir.resolve("py.safetensors");
        Safetensors.write(p, tensors, Map.of("format", "hebb-weights"));

        Process proc = new ProcessBuilder("python3", script.toString(), p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), out);
        Map<String, String[]> rows = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t");
            if (f[0].equals("tensor")) {
                rows.put(f[1], f);
                order.add(f[1]);
            } else if (f[0].equals("meta")) {
                assertEquals("format", f[1]);
                assertEquals("\"hebb-weights\"", f[2]);
            }
        }
        assertEquals(List.copyOf(tensors.keySet()), order, out);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String[] f = rows.get(e.getKey());
            Tensor t = e.getValue();
            assertEquals("<f4", f[2]);
            StringBuilder shape = new StringBuilder();
            for (int d : t.shape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            assertEquals(shape.toString(), f.length > 4 ? f[3] : "", e.getKey());
            double sum = 0;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : t.data()) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(sum, Double.parseDouble(f[4]), 1e-9 * Math.max(1, Math.abs(sum)), e.getKey());
            assertEquals(min, (float) Double.parseDouble(f[5]), 0f, e.getKey());
            assertEquals(max, (float) Double.parseDouble(f[6]), 0f, e.getKey());
        }
    }

    static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Path script(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("scripts").resolve(name);
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void writerRefusesReservedAndEmptyNames() {
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("__metadata__", Tensor.zeros(1));
        var e = assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x"), bad, Map.of()));
        assertContains(e.getMessage(), "__metadata__");
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    // ------------------------------------------------------------------ malformed files, one per case

    private static final String TWO = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}";

    @Test
    void refusesTruncatedData() throws IOException {
        Path p = file("t.safetensors", TWO, floats(1, 2, 3, 4)); // 16 of 20 bytes
        assertContains(refused(p), "tensor 'b'", "[8,20]", "run past the end of the data", "16 bytes", "truncated");
    }

    @Test
    void refusesTruncatedHeader() throws IOException {
        byte[] h = TWO.getBytes(StandardCharsets.UTF_8);
        Path p = raw("th.safetensors", h.length, java.util.Arrays.copyOf(h, 30), new byte[0]);
        assertContains(refused(p), "header length " + h.length, "larger than the 30 bytes", "truncated header");
    }

    @Test
    void refusesAFileShorterThanTheLengthField() throws IOException {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[] {1, 2, 3});
        assertContains(refused(p), "3 bytes", "too short");
    }

    @Test
    void refusesAHugeHeaderLengthWithoutAllocatingIt() throws IOException {
        byte[] h = TWO.getBytes(StandardCharsets.UTF_8);
        Path p = raw("huge.safetensors", Long.MAX_VALUE, h, floats(1, 2, 3, 4, 5));
        assertContains(refused(p), "header length 9223372036854775807", "exceeds the limit of 100000000");
        Path q = raw("huge2.safetensors", -1L, h, floats(1, 2, 3, 4, 5)); // 2^64 - 1 as unsigned
        assertContains(refused(q), "header length 18446744073709551615", "exceeds the limit");
        Path r = raw("huge3.safetensors", 99_000_000L, h, floats(1, 2, 3, 4, 5)); // under the limit, over the file
        assertContains(refused(r), "header length 99000000 is larger than");
    }

    @Test
    void refusesOffsetsOutOfRange() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1000000000000,1000000000008]}}";
        Path p = file("oor.safetensors", header, floats(1, 2));
        assertContains(refused(p), "tensor 'a'", "[1000000000000,1000000000008]", "run past the end");
        Path neg = file("neg.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}",
                floats(1, 2));
        assertContains(refused(neg), "tensor 'a'", "non-negative");
    }

    @Test
    void refusesOverlappingOffsets() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path p = file("overlap.safetensors", header, floats(1, 2, 3));
        assertContains(refused(p), "'a' [0, 8]", "'b' [4, 12]", "overlap");
    }

    @Test
    void refusesGapsAndTrailingBytes() throws IOException {
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertContains(refused(file("gap.safetensors", gap, floats(1, 2))), "[0, 4)", "contiguous");
        String one = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertContains(refused(file("trail.safetensors", one, floats(1, 2))), "cover 4 bytes", "holds 8");
    }

    @Test
    void refusesAShapeWhoseSizeDiffersFromTheOffsets() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}";
        Path p = file("size.safetensors", header, floats(1, 2, 3, 4, 5));
        assertContains(refused(p), "tensor 'a'", "[2, 3]", "needs 24 bytes", "span 20");
    }

    @Test
    void refusesAShapeTooLargeForMemoryBeforeAllocating() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,17179869184]}}";
        assertContains(refused(file("big.safetensors", header, floats(1))), "tensor 'a'", "more elements");
        String negative = "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}";
        assertContains(refused(file("negshape.safetensors", negative, floats(1, 2))), "shape [-2]", "integers in [0");
    }

    @Test
    void refusesAWrongDtypeByName() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        assertContains(refused(file("f16.safetensors", header, new byte[4])), "tensor 'a'", "dtype F16", "only F32");
        String unknown = "{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        assertContains(refused(file("q7.safetensors", unknown, new byte[4])), "unknown dtype 'Q7'");
    }

    @Test
    void refusesAHeaderThatIsNotJson() throws IOException {
        assertContains(refused(file("nojson.safetensors", "{\"a\": [1, 2", new byte[0])), "not valid JSON");
        assertContains(refused(file("text.safetensors", "hello world!", new byte[0])), "does not start with '{'");
        assertContains(refused(file("dup.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", new byte[0])),
                "not valid JSON", "Duplicate");
        assertContains(refused(file("after.safetensors", "{} {}", new byte[0])), "not valid JSON");
        byte[] latin = {'{', '"', (byte) 0xE9, '"', ':', '1', '}'};
        assertContains(refused(raw("latin.safetensors", latin.length, latin, new byte[0])), "UTF-8");
    }

    @Test
    void refusesMalformedEntriesAndMetadata() throws IOException {
        assertContains(refused(file("m1.safetensors", "{\"__metadata__\":{\"k\":1}}", new byte[0])),
                "metadata \"k\" must be a string");
        assertContains(refused(file("m2.safetensors", "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}",
                floats(1))), "tensor 'a'", "dtype");
        assertContains(refused(file("m3.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}",
                floats(1))), "tensor 'a'", "[begin, end]");
        assertContains(refused(file("m4.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],"
                + "\"data_offsets\":[0,4]}}", floats(1))), "tensor 'a'", "shape [1.5]");
        assertContains(refused(file("m5.safetensors", "[1, 2]", new byte[0])), "does not start with '{'");
    }

    @Test
    void refusesAMissingFileNamingIt() {
        Path p = dir.resolve("missing.safetensors");
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void everyHeaderFieldIsCheckedByTheReader() throws IOException {
        // The reader's header view lists entries in header order with their spans.
        Path p = file("h.safetensors", TWO, floats(1, 2, 3, 4, 5));
        Safetensors.Header h = Safetensors.readHeader(p);
        Iterator<Safetensors.Entry> it = h.entries().iterator();
        Safetensors.Entry a = it.next();
        assertEquals("a", a.name());
        assertEquals(2, a.count());
        Safetensors.Entry b = it.next();
        assertEquals(8, b.begin());
        assertEquals(20, b.end());
        assertEquals(8 + TWO.getBytes(StandardCharsets.UTF_8).length, h.dataStart());
    }
}
