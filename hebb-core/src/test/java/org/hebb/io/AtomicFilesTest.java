package org.hebb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hebb.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes go to a temporary file renamed into place: a failed write changes nothing. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path p = dir.resolve("a.txt");
        AtomicFiles.writeString(p, "first");
        AtomicFiles.writeString(p, "second");
        assertEquals("second", Files.readString(p));
        assertEquals(List.of("a.txt"), listing());
    }

    @Test
    void aWriteThatFailsMidwayLeavesThePreviousFileByteIdentical() throws IOException {
        Path p = dir.resolve("model.safetensors");
        Safetensors.write(p, Map.of("w", Tensor.of(new float[] {1, 2, 3}, 3)), Map.of());
        byte[] before = Files.readAllBytes(p);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(p, ch -> {
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(new byte[4096])); // half a file on disk...
            throw new IOException("disk full (simulated)");                // ...then the failure
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(List.of("model.safetensors"), listing());
    }

    @Test
    void aSafetensorsWriteThatFailsAfterItsHeaderLeavesThePreviousFile() throws IOException {
        Path p = dir.resolve("w.safetensors");
        Safetensors.write(p, Map.of("w", Tensor.of(new float[] {1, 2, 3}, 3)), Map.of("v", "1"));
        byte[] before = Files.readAllBytes(p);
        // The header is built from entrySet(); the data is written from values(), which fails.
        Map<String, Tensor> flaky = new java.util.LinkedHashMap<>() {
            @Override
            public java.util.Collection<Tensor> values() {
                throw new IllegalStateException("tensor source failed (simulated)");
            }
        };
        flaky.put("w", Tensor.of(new float[] {9, 9, 9, 9}, 4));
        assertThrows(IllegalStateException.class, () -> Safetensors.write(p, flaky, Map.of("v", "2")));
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(List.of("w.safetensors"), listing());
    }

    @Test
    void aRuntimeFailureAlsoLeavesNoTraceAndNoNewFile() throws IOException {
        Path p = dir.resolve("new.json");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(p, ch -> {
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(new byte[] {'{'}));
            throw new IllegalStateException("bug");
        }));
        assertTrue(Files.notExists(p));
        assertEquals(List.of(), listing());
    }

    @Test
    void createsMissingDirectoriesAndNamesTheTemporaryFileAfterTheTarget() throws IOException {
        Path p = dir.resolve("sub/dir/x.bin");
        String[] seen = new String[1];
        AtomicFiles.write(p, ch -> {
            try (Stream<Path> s = Files.list(p.getParent())) {
                seen[0] = s.map(q -> q.getFileName().toString()).findFirst().orElseThrow();
            }
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(new byte[] {7}));
        });
        assertTrue(seen[0].matches("x\\.bin\\.tmp-[0-9a-f]{16}"), seen[0]);
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(p));
    }
}
