package org.hebb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hebb.tensor.Shapes;
import org.hebb.tensor.Tensor;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, the weight format of Hugging Face and PyTorch tools:
 * <pre>
 * [8 bytes]  N, the header length, unsigned little-endian
 * [N bytes]  a UTF-8 JSON object, padded with spaces:
 *            {"__metadata__": {"key": "value", ...},
 *             "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
 * [rest]     the tensors' bytes, row-major, little-endian; offsets count from the first byte
 *            after the header, and the tensors tile the data exactly (no gap, no overlap)
 * </pre>
 *
 * <p>hebb reads and writes {@code F32} only (its number type). The writer keeps the order of
 * the map it is given for both the header and the data, and pads the header with spaces to a
 * multiple of 8 bytes, as the reference writer does, so the data is 8-byte aligned.
 *
 * <p>The reader checks the whole header before it allocates anything for the data: the header
 * length must be at most {@value #MAX_HEADER_BYTES} bytes and fit in the file; the header must
 * be a JSON object without duplicate keys; each tensor's dtype must be {@code F32} (others are
 * refused by name), its shape made of non-negative integers whose byte size equals the span of
 * its {@code data_offsets}; the offsets must lie within the data, not overlap, leave no gap and
 * end exactly at the end of the file. So a truncated file or a lying header is refused with an
 * {@link IOException} naming the file and the problem, and never causes an allocation larger
 * than the file.
 */
public final class Safetensors {
    /** The largest header accepted, in bytes (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The dtypes of the format; all but {@code F32} are recognised and refused by name. */
    public static final Set<String> DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4",
            "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "C64", "I64", "U64");

    private static final String METADATA = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 20;

    /**
     * One tensor's entry in the header.
     *
     * @param name the tensor's name
     * @param shape its shape (empty for a scalar)
     * @param begin offset of its first byte, from the start of the data
     * @param end offset one past its last byte
     */
    public record Entry(String name, int[] shape, long begin, long end) {
        /** Number of float32 values. */
        public int count() {
            return (int) ((end - begin) / Float.BYTES);
        }
    }

    /**
     * A validated header.
     *
     * @param entries the tensors, in header order
     * @param metadata the {@code __metadata__} map (empty when absent)
     * @param dataStart the file position of the first data byte ({@code 8 + N})
     */
    public record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {}

    /**
     * A file's content.
     *
     * @param tensors the tensors by name, in header order
     * @param metadata the {@code __metadata__} map (empty when absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private Safetensors() {}

    // ------------------------------------------------------------------ writing

    /**
     * Writes {@code tensors} (in the map's order) and {@code metadata} to {@code file},
     * atomically (see {@link AtomicFiles}).
     *
     * @throws IllegalArgumentException if a name is empty or {@code "__metadata__"}, or a
     *     metadata key or value is null
     * @throws IOException if the file cannot be written; an existing file is then unchanged
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, ch -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            AtomicFiles.writeFully(ch, len);
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(header));
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                float[] d = t.data();
                int n = t.size();
                for (int from = 0; from < n; ) {
                    int k = Math.min(n - from, CHUNK_BYTES / Float.BYTES);
                    buf.clear();
                    buf.asFloatBuffer().put(d, from, k);
                    buf.limit(k * Float.BYTES);
                    AtomicFiles.writeFully(ch, buf);
                    from += k;
                }
            }
        });
    }

    /** The header bytes (JSON padded with spaces to a multiple of 8) for these tensors and metadata. */
    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("safetensors: metadata keys and values must not be null, got "
                            + e.getKey() + "=" + e.getValue());
                }
                meta.put(e.getKey(), e.getValue());
            }
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: a tensor name must be non-empty and not \""
                        + METADATA + "\", got " + (name == null ? "null" : "\"" + name + "\""));
            }
            Tensor t = e.getValue();
            ObjectNode info = root.putObject(name);
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + (long) t.size() * Float.BYTES;
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = Json.compact(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads every tensor and the metadata of {@code file}.
     *
     * @throws IOException if the file cannot be read or is not a well-formed F32 safetensors
     *     file; the message names the file and the problem
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            Header h = readHeader(file, ch);
            Map<String, Tensor> out = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : h.entries()) {
                float[] data = new float[e.count()];
                long pos = h.dataStart() + e.begin();
                for (int from = 0; from < data.length; ) {
                    int k = Math.min(data.length - from, CHUNK_BYTES / Float.BYTES);
                    buf.clear().limit(k * Float.BYTES);
                    readFully(file, ch, buf, pos);
                    buf.flip();
                    buf.asFloatBuffer().get(data, from, k);
                    from += k;
                    pos += (long) k * Float.BYTES;
                }
                out.put(e.name(), Tensor.of(data, e.shape()));
            }
            return new Contents(out, h.metadata());
        }
    }

    /**
     * Reads and validates the header of {@code file} without reading the tensors.
     *
     * @throws IOException as {@link #read(Path)}
     */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            return readHeader(file, ch);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad(file, "the file is " + size + " bytes, too short for the 8-byte header length"
                    + " (empty or truncated file)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw bad(file, "header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES
                    + " bytes (not a safetensors file, or a corrupt header length)");
        }
        if (n > size - 8) {
            throw bad(file, "header length " + n + " is larger than the " + (size - 8)
                    + " bytes after it (truncated header, or not a safetensors file)");
        }
        if (n < 2) {
            throw bad(file, "header length " + n + " is too small for a JSON object");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(file, ch, hb, 8);
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(hb.flip());
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "the header is not valid UTF-8 text (not a safetensors file?)");
        }
        if (text.charAt(0) != '{') {
            throw bad(file, "the header does not start with '{' (not a safetensors file?)");
        }
        JsonNode root;
        try {
            root = Json.tree(text);
        } catch (JsonProcessingException e) {
            throw bad(file, "the header is not valid JSON: " + Json.message(e));
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "the header is not a JSON object");
        }
        long dataLength = size - 8 - n;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA)) {
                readMetadata(file, f.getValue(), metadata);
            } else {
                entries.add(entry(file, f.getKey(), f.getValue(), dataLength));
            }
        }
        checkTiling(file, entries, dataLength);
        return new Header(Collections.unmodifiableList(entries), Collections.unmodifiableMap(metadata), 8 + n);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) throws IOException {
        if (!node.isObject()) {
            throw bad(file, "\"" + METADATA + "\" must be an object of strings, got " + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw bad(file, "metadata \"" + m.getKey() + "\" must be a string, got " + m.getValue().getNodeType());
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataLength) throws IOException {
        String who = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw bad(file, who + ": expected {\"dtype\", \"shape\", \"data_offsets\"}, got " + node.getNodeType());
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw bad(file, who + ": missing or non-string \"dtype\"");
        }
        String dt = dtype.textValue();
        if (!dt.equals("F32")) {
            throw bad(file, who + (DTYPES.contains(dt) ? " has dtype " + dt + "; hebb reads only F32 (float32) tensors"
                    : " has unknown dtype '" + dt + "'; hebb reads only F32 (float32) tensors"));
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw bad(file, who + ": missing or non-array \"shape\"");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0
                    || d.longValue() > Integer.MAX_VALUE) {
                throw bad(file, who + ": shape " + shapeNode + " must hold integers in [0, " + Integer.MAX_VALUE
                        + "]");
            }
            shape[i] = (int) d.longValue();
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw bad(file, who + ": shape " + shapeNode + " has more elements than one Java array can hold");
            }
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2) {
            throw bad(file, who + ": \"data_offsets\" must be [begin, end], got " + off);
        }
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = off.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw bad(file, who + ": data_offsets " + off + " must be non-negative integers");
            }
            be[i] = o.longValue();
        }
        if (be[0] > be[1]) {
            throw bad(file, who + ": data_offsets " + off + " end before they begin");
        }
        long bytes = count * Float.BYTES;
        if (be[1] - be[0] != bytes) {
            throw bad(file, who + ": shape " + Shapes.str(shape) + " of F32 needs " + bytes
                    + " bytes but data_offsets " + off + " span " + (be[1] - be[0]));
        }
        if (be[1] > dataLength) {
            throw bad(file, who + ": data_offsets " + off + " run past the end of the data, which is " + dataLength
                    + " bytes (truncated file, or offsets out of range)");
        }
        return new Entry(name, shape, be[0], be[1]);
    }

    /** The tensors must cover the data exactly: sorted by offset, each starts where the previous ends. */
    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < expected) {
                throw bad(file, "tensors '" + previous.name() + "' [" + previous.begin() + ", " + previous.end()
                        + "] and '" + e.name() + "' [" + e.begin() + ", " + e.end() + "] overlap");
            }
            if (e.begin() > expected) {
                throw bad(file, "no tensor covers data bytes [" + expected + ", " + e.begin() + ") (before tensor '"
                        + e.name() + "'); tensors must be contiguous");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataLength) {
            throw bad(file, "the tensors cover " + expected + " bytes of data but the file holds " + dataLength
                    + " after the header (trailing bytes, or a header that lists too few tensors)");
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw bad(file, "unexpected end of file at byte " + pos + " (the file shrank while being read)");
            }
            pos += r;
        }
    }

    private static IOException bad(Path file, String problem) {
        return new IOException(file + ": not a valid safetensors file: " + problem);
    }
}
