package org.hebb.train.callbacks;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes a TensorBoard event file: {@code events.out.tfevents.<unix seconds>.<hostname>} in a
 * log directory, a sequence of TFRecords each holding one serialized {@code tensorboard.Event}.
 *
 * <p><b>Record framing</b> (TensorFlow's TFRecord): {@code uint64 length} (little-endian),
 * {@code uint32 maskedCrc32c(length bytes)}, the {@code length} data bytes,
 * {@code uint32 maskedCrc32c(data)}, where {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8}
 * (CRC-32C, Castagnoli polynomial).
 *
 * <p><b>Messages</b> (TensorBoard's {@code event.proto} and {@code summary.proto}):
 * {@code Event {double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5}},
 * {@code Summary {repeated Value value = 1}}, {@code Value {string tag = 1; float simple_value = 2}}.
 * The first record is {@code file_version = "brain.Event:2"}; each {@link #addScalars} call adds
 * one Event whose Summary holds one value per scalar.
 *
 * <p>The file is an append-only log, not written through a temporary file: each record reaches
 * the operating system in one write, and a record cut short by a crash is detected by its
 * length and checksums (TensorBoard stops reading there). Not thread-safe.
 */
public final class EventFileWriter implements Closeable {
    /** The version string of the first record; TensorBoard reads files starting with it. */
    public static final String FILE_VERSION = "brain.Event:2";

    private static final int MASK_DELTA = 0xa282ead8;

    private final Path path;
    private final FileChannel channel;

    private EventFileWriter(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates the directory {@code logDir} if needed and a new event file in it, named
     * {@code events.out.tfevents.<unix seconds>.<hostname>} (with {@code .1}, {@code .2}, ...
     * appended if that name is taken: an existing file is never overwritten), and writes the
     * {@code file_version} record.
     *
     * @throws IOException if the directory or the file cannot be created or written; the
     *     message names the path
     */
    public static EventFileWriter create(Path logDir) throws IOException {
        if (logDir == null) {
            throw new IllegalArgumentException("TensorBoard: log directory is null");
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IOException("TensorBoard: cannot create log directory " + logDir + ": " + e, e);
        }
        double wallTime = now();
        String base = "events.out.tfevents." + (long) Math.floor(wallTime) + "." + hostname();
        for (int n = 0; ; n++) {
            Path file = logDir.resolve(n == 0 ? base : base + "." + n);
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw new IOException("TensorBoard: cannot create event file " + file + ": " + e, e);
            }
            EventFileWriter w = new EventFileWriter(file, ch);
            try {
                w.write(encodeFileVersion(wallTime));
                w.flush();
            } catch (IOException e) {
                w.closeQuietly();
                throw e;
            }
            return w;
        }
    }

    /** The event file being written. */
    public Path path() {
        return path;
    }

    /**
     * Appends one Event at {@code step} (wall time now) whose Summary holds one
     * {@code simple_value} per entry of {@code scalars}, in the map's order, as float32.
     * Non-finite values are written as they are (TensorBoard shows NaN and infinities).
     *
     * @throws IllegalArgumentException if {@code scalars} is empty or has a null or empty tag
     *     or a null value
     * @throws IOException if the write fails; the message names the file
     */
    public void addScalars(long step, Map<String, ? extends Number> scalars) throws IOException {
        if (scalars == null || scalars.isEmpty()) {
            throw new IllegalArgumentException("TensorBoard: no scalars to write at step " + step + " to " + path);
        }
        for (Map.Entry<String, ? extends Number> e : scalars.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("TensorBoard: scalar tags must be non-empty and values non-null, got "
                        + e.getKey() + "=" + e.getValue() + " at step " + step + " for " + path);
            }
        }
        write(encodeEvent(now(), step, encodeScalars(scalars)));
    }

    /** Forces what was written to the storage device, so that it survives a crash. */
    public void flush() throws IOException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new IOException("TensorBoard: cannot flush " + path + ": " + e, e);
        }
    }

    /** Flushes and closes the file. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            try {
                flush();
            } finally {
                channel.close();
            }
        }
    }

    /** The first Event of a file: {@code wall_time} and {@code file_version}. */
    static ProtoWriter encodeFileVersion(double wallTime) {
        return new ProtoWriter().float64(1, wallTime).string(3, FILE_VERSION);
    }

    /** A Summary with one {@code Value {tag, simple_value}} per entry, in the map's order. */
    static ProtoWriter encodeScalars(Map<String, ? extends Number> scalars) {
        ProtoWriter summary = new ProtoWriter();
        for (Map.Entry<String, ? extends Number> e : scalars.entrySet()) {
            summary.message(1, new ProtoWriter().string(1, e.getKey()).float32(2, e.getValue().floatValue()));
        }
        return summary;
    }

    /**
     * An Event with a summary, encoded as protobuf does: {@code wall_time}, then {@code step}
     * unless it is 0 (proto3 leaves defaults out), then {@code summary}.
     */
    static ProtoWriter encodeEvent(double wallTime, long step, ProtoWriter summary) {
        ProtoWriter event = new ProtoWriter().float64(1, wallTime);
        if (step != 0) {
            event.int64(2, step);
        }
        return event.message(5, summary);
    }

    /** {@code data} framed as one TFRecord: length, masked CRC of the length, data, masked CRC of the data. */
    static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc32c(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc32c(data, 0, data.length));
        return b.array();
    }

    /** TensorFlow's masked CRC-32C of {@code len} bytes of {@code data} from {@code off}. */
    static int maskedCrc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    private void write(ProtoWriter event) throws IOException {
        ByteBuffer record = ByteBuffer.wrap(frame(event.toByteArray()));
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
        } catch (IOException e) {
            throw new IOException("TensorBoard: cannot write " + path + ": " + e, e);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the first failure is the one reported
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** The host name with characters other than letters, digits, '.', '-' and '_' replaced by '_'. */
    static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
        }
        String clean = h.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.isEmpty() ? "localhost" : clean;
    }
}
