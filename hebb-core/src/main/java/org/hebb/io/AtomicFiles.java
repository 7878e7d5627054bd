package org.hebb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash never leaves a half-written one: the content goes to a
 * temporary file {@code <name>.tmp-<16 hex digits>} in the target's directory, is forced to
 * disk ({@link FileChannel#force(boolean) force(true)}), and is then renamed over the target
 * with {@link StandardCopyOption#ATOMIC_MOVE}. Readers see the old file or the new one, never a
 * mix. When the writer fails, the temporary file is deleted and the old file is untouched.
 *
 * <p>The temporary name's random suffix comes from {@link ThreadLocalRandom}, never from hebb's
 * {@link org.hebb.tensor.Rng}: saving a checkpoint must not change the random stream of the
 * run being saved. On a file system without atomic rename (some network shares) the rename
 * falls back to a plain replace.
 */
public final class AtomicFiles {

    /** Writes the content of a file into an open channel positioned at 0. */
    @FunctionalInterface
    public interface Writer {
        /** Writes everything into {@code channel}; any exception abandons the write. */
        void write(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically with {@code writer}, creating missing parent
     * directories.
     *
     * @throws IOException if the writer or the file system fails; {@code target} is then as it
     *     was and no temporary file is left behind
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = createTemp(abs);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writer.write(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
    }

    /** Writes all remaining bytes of {@code buffer} (a channel may write fewer per call). */
    public static void writeFully(FileChannel ch, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    /** The temporary-file prefix used for {@code target}: {@code <name>.tmp-}. */
    public static String tempPrefix(Path target) {
        return target.getFileName() + ".tmp-";
    }

    private static Path createTemp(Path abs) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = String.format("%016x", ThreadLocalRandom.current().nextLong());
            Path tmp = abs.resolveSibling(tempPrefix(abs) + suffix);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename durable where the platform allows syncing a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the rename itself is still atomic.
        }
    }
}
