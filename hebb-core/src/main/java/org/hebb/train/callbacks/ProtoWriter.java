package org.hebb.train.callbacks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few protocol-buffer encodings hebb's event files need, written by hand so that hebb-core
 * does not depend on protobuf: a field is a key {@code (number << 3) | wireType} as a varint,
 * then its value — a varint (wire type 0: {@code int64}), 8 little-endian bytes (1: {@code double}),
 * a varint length and the bytes (2: {@code string}, embedded messages) or 4 little-endian bytes
 * (5: {@code float}). Callers write fields in field-number order and leave out proto3 defaults
 * they do not need, which is what protobuf's own serializer does, so the output is byte for
 * byte the canonical encoding.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private byte[] buf = new byte[64];
    private int size;

    /** Field {@code number} as an {@code int64} (a varint; negative values take 10 bytes). */
    ProtoWriter int64(int number, long value) {
        key(number, VARINT);
        varint(value);
        return this;
    }

    /** Field {@code number} as a {@code double} (fixed 64 bits, little-endian). */
    ProtoWriter float64(int number, double value) {
        key(number, FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            put((byte) (bits >>> (8 * i)));
        }
        return this;
    }

    /** Field {@code number} as a {@code float} (fixed 32 bits, little-endian). */
    ProtoWriter float32(int number, float value) {
        key(number, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            put((byte) (bits >>> (8 * i)));
        }
        return this;
    }

    /** Field {@code number} as a {@code string} (UTF-8, length-delimited). */
    ProtoWriter string(int number, String value) {
        return bytes(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Field {@code number} as an embedded message, given its encoding. */
    ProtoWriter message(int number, ProtoWriter value) {
        return bytes(number, value.toByteArray());
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private ProtoWriter bytes(int number, byte[] value) {
        key(number, LENGTH_DELIMITED);
        varint(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    private void key(int number, int wireType) {
        varint(((long) number << 3) | wireType);
    }

    /** Base-128 little-endian groups, high bit set on all but the last (unsigned view of {@code v}). */
    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
