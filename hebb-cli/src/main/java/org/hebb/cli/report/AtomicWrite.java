package org.hebb.cli.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/** Writes a file through a temporary file in the same directory, renamed into place. */
final class AtomicWrite {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicWrite() {}

    /**
     * Writes {@code bytes} to {@code target}: a reader sees the old file or the complete new
     * one, never a part. The temporary file is removed if anything fails.
     *
     * @throws IOException naming {@code target} if the write or the rename fails
     */
    static void bytes(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        // Not Files.createTempFile: its files are private (0600) and would stay so after the
        // rename; this one gets the usual permissions of new files.
        for (int attempt = 0; tmp == null; attempt++) {
            Path candidate = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + COUNTER.incrementAndGet() + ".tmp");
            try {
                tmp = Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new IOException("report: cannot create a temporary file for " + target + ": " + e, e);
                }
            } catch (IOException e) {
                throw new IOException("report: cannot create a temporary file for " + target + ": " + e, e);
            }
        }
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("report: cannot write " + target + ": " + e, e);
        }
    }
}
