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
 */
public final class Idx {
    /** Largest number of values read (a guard against a lying header). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private Idx() {}

    /** The contents of an IDX file of unsigned bytes: its dimensions and values (0..255 in {@code & 0xFF}). */
    public record UByteArray(int[] dims, byte[] data) {
        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }
    }

    /** Reads an IDX file of unsigned bytes, gzip or plain. */
    public static UByteArray read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return read(in, file.toString());
            } catch (java.util.zip.ZipException e) {
                throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Reads IDX data from a stream; {@code name} appears in error messages. */
    public static UByteArray read(InputStream stream, String name) throws IOException {
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
        byte[] data = new byte[(int) total];
        int got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw new IOException(name + ": truncated IDX data: header " + Arrays.toString(dims) + " declares "
                    + total + " values, file holds " + got);
        }
        if (in.read() != -1) {
            throw new IOException(name + ": IDX file has bytes after the " + total + " values its header "
                    + Arrays.toString(dims) + " declares");
        }
        return new UByteArray(dims, data);
    }
}
