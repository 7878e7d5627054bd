package org.hebb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, int payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        for (int i = 0; i < payload; i++) b.put((byte) i);
        return b.array();
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void readsPlainAndGzip() throws IOException {
        byte[] raw = idx(8, new int[] {2, 3}, 6);
        for (Path p : new Path[] {write("a.idx", raw), write("a.idx.gz", gzip(raw))}) {
            Idx.UByteArray a = Idx.read(p);
            assertArrayEquals(new int[] {2, 3}, a.dims());
            assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, a.data());
        }
    }

    @Test
    void refusesWrongMagic() throws IOException {
        byte[] raw = idx(8, new int[] {2}, 2);
        raw[1] = 7;
        var e = assertThrows(IOException.class, () -> Idx.read(write("bad.idx", raw)));
        assertTrue(e.getMessage().contains("bad.idx") && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void refusesUnsupportedTypeAndRank() throws IOException {
        var t = assertThrows(IOException.class, () -> Idx.read(write("f.idx", idx(0x0D, new int[] {2}, 8))));
        assertTrue(t.getMessage().contains("f.idx") && t.getMessage().contains("0x0d"), t.getMessage());
        var r = assertThrows(IOException.class, () -> Idx.read(write("r.idx", idx(8, new int[] {1, 1, 1, 1, 1}, 1))));
        assertTrue(r.getMessage().contains("r.idx") && r.getMessage().contains("5 dimensions"), r.getMessage());
    }

    @Test
    void refusesOversizedDimensionsBeforeAllocating() throws IOException {
        var e = assertThrows(IOException.class,
                () -> Idx.read(write("huge.idx", idx(8, new int[] {60000, 28000, 28000}, 0))));
        assertTrue(e.getMessage().contains("huge.idx") && e.getMessage().contains("more than"), e.getMessage());
        var neg = assertThrows(IOException.class, () -> Idx.read(write("neg.idx", idx(8, new int[] {-5}, 0))));
        assertTrue(neg.getMessage().contains("neg.idx") && neg.getMessage().contains("-5"), neg.getMessage());
    }

    @Test
    void refusesTruncatedData() throws IOException {
        byte[] raw = idx(8, new int[] {4, 4}, 16);
        byte[] cutData = java.util.Arrays.copyOf(raw, raw.length - 3);
        var d = assertThrows(IOException.class, () -> Idx.read(write("cut.idx", cutData)));
        assertTrue(d.getMessage().contains("cut.idx") && d.getMessage().contains("truncated")
                && d.getMessage().contains("13"), d.getMessage());
        byte[] gzCut = gzip(cutData);
        var g = assertThrows(IOException.class, () -> Idx.read(write("cutdata.idx.gz", gzCut)));
        assertTrue(g.getMessage().contains("cutdata.idx.gz") && g.getMessage().contains("truncated")
                && g.getMessage().contains("13"), g.getMessage());
    }

    @Test
    void refusesTruncatedHeader() throws IOException {
        byte[] raw = idx(8, new int[] {4, 4}, 16);
        byte[] cutHeader = java.util.Arrays.copyOf(raw, 6);
        var h = assertThrows(IOException.class, () -> Idx.read(write("cuth.idx", cutHeader)));
        assertTrue(h.getMessage().contains("cuth.idx") && h.getMessage().contains("truncated IDX header"), h.getMessage());
        var empty = assertThrows(IOException.class, () -> Idx.read(write("empty.idx", new byte[0])));
        assertTrue(empty.getMessage().contains("empty.idx") && empty.getMessage().contains("not an IDX file"),
                empty.getMessage());
    }

    @Test
    void refusesCutCompressedStream() throws IOException {
        byte[] gz = gzip(idx(8, new int[] {64, 64}, 4096));
        byte[] cutGz = java.util.Arrays.copyOf(gz, gz.length / 2);
        var e = assertThrows(IOException.class, () -> Idx.read(write("cut.idx.gz", cutGz)));
        assertTrue(e.getMessage().contains("cut.idx.gz"), e.getMessage());
    }

    @Test
    void refusesLyingHeaderBeforeAllocating() throws IOException {
        // The header claims 2e9 values (under the 2^31 limit) but the file holds 10: a plain file
        // is refused from its size, a compressed one once its data runs out — neither allocates 2 GB.
        byte[] raw = idx(8, new int[] {2_000_000_000}, 10);
        var plain = assertThrows(IOException.class, () -> Idx.read(write("lying.idx", raw)));
        assertTrue(plain.getMessage().contains("lying.idx") && plain.getMessage().contains("2000000000")
                && plain.getMessage().contains("holds 10"), plain.getMessage());
        var gz = assertThrows(IOException.class, () -> Idx.read(write("lying.idx.gz", gzip(raw))));
        assertTrue(gz.getMessage().contains("lying.idx.gz") && gz.getMessage().contains("truncated"), gz.getMessage());
    }

    @Test
    void fashionMnistSubsetLoadsWithShapesAndScale() throws Exception {
        Path subset = Path.of(getClass().getResource("/fashion-mnist-subset/t10k-labels-idx1-ubyte.gz").toURI()).getParent();
        FashionMnist.Split s = FashionMnist.load(subset, "t10k");
        assertArrayEquals(new int[] {500, 28, 28, 1}, s.x().shape());
        float max = 0;
        for (float v : s.x().data()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }
}
