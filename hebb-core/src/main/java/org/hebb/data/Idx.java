package org.hebb.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed
 * (detected from the first bytes).
 *
 * <p>Format: two zero bytes, a type byte ({@code 0x08} unsigned byte — the only type these
 * datasets use and the only one read here), a byte giving the number of dimensions, then each
 * dimension as a big-endian 32-bit integer, then the values row-major. The header is checked
 * (magic, type, 1 to 4 dimensions, each positive, at most 2^31 - 8 values in all) before any
 * large allocation, and the data must be exactly as long as the header says: a truncated file
 * or one with trailing bytes is refused with an {@link IOException} naming the file and the
 * problem.
 *
 * <p>A header cannot make the reader allocate more than the file holds: a plain file's size is
 * compared with the header before the values are read, and compressed data is read into a
 * buffer that grows only as values actually arrive.
 */
public final class Idx {
    /** Largest number of values read (a guard against a lying header). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /** First allocation when the data length cannot be checked in advance (compressed data). */
    private static final int INITIAL_BUFFER = 1 << 20;

    private Idx() {}

    /** The contents of an IDX file of unsigned bytes: its dimensions and values (0..255 in {@code & 0xFF}). */
    public record UByteArray(int[] dims, byte[] data) {
        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }
    }

    /**
     * Reads an IDX file of unsigned bytes, gzip or plain.
     *
     * @throws IOException naming the file when it is not a well-formed IDX file of unsigned bytes
     */
    public static UByteArray read(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            if (!gz) {
                return read(raw, file.toString(), fileSize);
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                return read(in, file.toString(), -1);
            } catch (ZipException e) {
                throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Reads IDX data from a stream of unknown length; {@code name} appears in error messages. */
    public static UByteArray read(InputStream stream, String name) throws IOException {
        return read(stream, name, -1);
    }

    /** Reads IDX data; {@code streamLength} is the total number of bytes when known, else -1. */
    private static UByteArray read(InputStream stream, String name, long streamLength) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] head = new byte[4];
        try {
            in.readFully(head);
        } catch (EOFException e) {
            throw new IOException(name + ": not an IDX file (shorter than its 4-byte magic number)");
        }
        if (head[0] != 0 || head[1] != 0) {
            throw new IOException(name + ": not an IDX file (magic number starts with 0x"
                    + String.format("%02x%02x", head[0], head[1]) + ", expected 0x0000)");
        }
        if (head[2] != 0x08) {
            throw new IOException(name + ": IDX data type 0x" + String.format("%02x", head[2])
                    + " is not supported (only 0x08, unsigned bytes)");
        }
        int rank = head[3];
        if (rank < 1 || rank > 4) {
            throw new IOException(name + ": IDX file declares " + rank + " dimensions (expected 1 to 4)");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw new IOException(name + ": truncated IDX header (dimension " + i + " of " + rank + " missing)");
            }
            if (dims[i] <= 0) {
                throw new IOException(name + ": IDX dimension " + i + " is " + dims[i] + " (must be > 0)");
            }
            total *= dims[i];
            if (total > MAX_VALUES) {
                throw new IOException(name + ": IDX header declares dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "..., more than " + MAX_VALUES + " values");
            }
        }
        long headerBytes = 4L + 4L * rank;
        if (streamLength >= 0 && streamLength - headerBytes != total) {
            long held = streamLength - headerBytes;
            throw new IOException(name + ": IDX header " + Arrays.toString(dims) + " declares " + total
                    + " values, but the file holds " + held + (held < total ? " (truncated)" : " (bytes after the data)"));
        }
        byte[] data = readValues(in, name, dims, (int) total);
        if (readByte(in, name) != -1) {
            throw new IOException(name + ": IDX file has bytes after the " + total + " values its header "
                    + Arrays.toString(dims) + " declares");
        }
        return new UByteArray(dims, data);
    }

    /** Reads exactly {@code total} values, growing the buffer only as data arrives. */
    private static byte[] readValues(InputStream in, String name, int[] dims, int total) throws IOException {
        byte[] data = new byte[Math.min(total, INITIAL_BUFFER)];
        int got = 0;
        while (got < total) {
            if (got == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
            }
            int r;
            try {
                r = in.read(data, got, data.length - got);
            } catch (EOFException | ZipException e) {
                throw new IOException(name + ": truncated or corrupt IDX data after " + got + " of " + total
                        + " values (" + e.getMessage() + ")", e);
            }
            if (r < 0) {
                throw new IOException(name + ": truncated IDX data: header " + Arrays.toString(dims) + " declares "
                        + total + " values, file holds " + got);
            }
            got += r;
        }
        return data;
    }

    private static int readByte(InputStream in, String name) throws IOException {
        try {
            return in.read();
        } catch (EOFException | ZipException e) {
            throw new IOException(name + ": corrupt data after the IDX values (" + e.getMessage() + ")", e);
        }
    }
}
