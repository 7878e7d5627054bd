package org.hebb.train.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hebb.nn.Activation;
import org.hebb.nn.Dense;
import org.hebb.optim.Adam;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.train.Callback;
import org.hebb.train.Fit;
import org.hebb.train.History;
import org.hebb.train.Model;
import org.hebb.train.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.framework.Summary;
import org.tensorflow.util.Event;

/**
 * Reads hebb's event files the way TensorBoard does: TFRecord framing with both masked CRC-32Cs
 * checked by an independent bitwise CRC, then each record parsed by protobuf-java from
 * TensorBoard's published schema (src/test/proto).
 */
class TensorBoardTest {

    @Test
    void eventFileHoldsEveryEpochAsTensorBoardReadsIt(@TempDir Path dir) throws IOException {
        Tensor[] d = blobs(160, 7);
        Rng r = new Rng(3);
        Sequential m = new Sequential(new Dense(8, Activation.RELU).rng(r).inputShape(2), new Dense(2, Activation.SOFTMAX).rng(r));
        m.compile(new Adam(0.02), org.hebb.losses.Losses.sparseCategoricalCrossentropy(), org.hebb.train.Metrics.sparseAccuracy());
        Path logDir = dir.resolve("logs");
        TensorBoard tb = new TensorBoard(logDir);
        List<Integer> recordsSeen = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
                try {
                    recordsSeen.add(readRecords(tb.file()).size());   // before the file is closed
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        double before = System.currentTimeMillis() / 1000.0;
        History h = m.fit(d[0], d[1], Fit.epochs(3).batchSize(32).seed(5).validationSplit(0.25).verbose(0).callbacks(tb, probe));
        double after = System.currentTimeMillis() / 1000.0;

        assertEquals(List.of(2, 3, 4), recordsSeen, "each epoch is on disk when the epoch ends");
        assertEquals(logDir, tb.file().getParent());
        String name = tb.file().getFileName().toString();
        assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+"), name);
        long seconds = Long.parseLong(name.split("\\.")[3]);
        assertTrue(seconds >= (long) before && seconds <= (long) after + 1, name);

        List<byte[]> records = readRecords(tb.file());
        assertEquals(4, records.size());
        Event first = Event.parseFrom(records.get(0));
        assertEquals("brain.Event:2", first.getFileVersion());
        assertEquals(0, first.getStep());
        assertFalse(first.hasSummary());
        double lastWall = first.getWallTime();
        assertTrue(lastWall >= before - 1e-3 && lastWall <= after + 1e-3, first.toString());

        List<String> tags = List.of("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate");
        for (int epoch = 0; epoch < 3; epoch++) {
            Event e = Event.parseFrom(records.get(epoch + 1));
            assertEquals(Event.WhatCase.SUMMARY, e.getWhatCase());
            assertEquals(epoch, e.getStep());
            assertTrue(e.getWallTime() >= lastWall && e.getWallTime() <= after + 1e-3);
            lastWall = e.getWallTime();
            List<Summary.Value> values = e.getSummary().getValueList();
            assertEquals(tags, values.stream().map(Summary.Value::getTag).toList());
            for (Summary.Value v : values) {
                String logged = v.getTag().equals("learning_rate") ? "lr" : v.getTag();
                assertEquals(Summary.Value.ValueCase.SIMPLE_VALUE, v.getValueCase());
                assertEquals(h.get(logged).get(epoch).floatValue(), v.getSimpleValue(), 0f, v.getTag() + " at epoch " + epoch);
            }
        }
        assertEquals(0.02f, Event.parseFrom(records.get(3)).getSummary().getValue(4).getSimpleValue());
    }

    @Test
    void handEncodingIsByteForByteWhatProtobufWrites() {
        Map<String, Double> few = new LinkedHashMap<>();
        few.put("loss", 0.6931471805599453);
        few.put("val_accuracy", 1.0);
        Map<String, Double> odd = new LinkedHashMap<>();
        odd.put("δ/loss ünicode", Double.NaN);
        odd.put("zero", 0.0);
        odd.put("negative zero", -0.0);
        odd.put("inf", Double.NEGATIVE_INFINITY);
        odd.put("tiny", 1e-45);
        odd.put("t".repeat(300), 3.0e38);   // a tag longer than 127 bytes: two-byte varint lengths
        Map<String, Double> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("metric_" + i, i * 0.125);   // a summary longer than 127 bytes
        }
        long[] steps = {0, 1, 127, 128, 300, 1L << 40, Long.MAX_VALUE, -1};
        for (Map<String, Double> scalars : List.of(few, odd, many)) {
            for (long step : steps) {
                double wall = 1.7e9 + step % 1000 / 7.0;
                Summary.Builder s = Summary.newBuilder();
                scalars.forEach((k, v) -> s.addValue(Summary.Value.newBuilder().setTag(k).setSimpleValue(v.floatValue())));
                byte[] expected = Event.newBuilder().setWallTime(wall).setStep(step).setSummary(s).build().toByteArray();
                byte[] got = EventFileWriter.encodeEvent(wall, step, EventFileWriter.encodeScalars(scalars)).toByteArray();
                assertArrayEquals(expected, got, "step " + step + ", " + scalars.keySet());
            }
        }
        byte[] expected = Event.newBuilder().setWallTime(1.5e9).setFileVersion("brain.Event:2").build().toByteArray();
        assertArrayEquals(expected, EventFileWriter.encodeFileVersion(1.5e9).toByteArray());
    }

    @Test
    void framingUsesTensorFlowsMaskedCrc32c() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, crc32c(check), "the CRC-32C check value");
        assertEquals(mask(crc32c(check)), EventFileWriter.maskedCrc32c(check, 0, check.length));
        // Every TensorFlow event file starts with a 24-byte file_version record; its header is
        // 18 00 00 00 00 00 00 00 a3 7f 4b 22.
        byte[] header = Arrays.copyOf(EventFileWriter.frame(EventFileWriter.encodeFileVersion(1.6e9).toByteArray()), 12);
        assertArrayEquals(new byte[] {0x18, 0, 0, 0, 0, 0, 0, 0, (byte) 0xa3, 0x7f, 0x4b, 0x22}, header);
        byte[] framed = EventFileWriter.frame(new byte[] {1, 2, 3});
        assertEquals(8 + 4 + 3 + 4, framed.length);
        assertEquals(mask(crc32c(new byte[] {1, 2, 3})), ByteBuffer.wrap(framed, 15, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void twoRunsInTheSameSecondWriteTwoFiles(@TempDir Path dir) throws IOException {
        Path a;
        Path b;
        try (EventFileWriter w1 = EventFileWriter.create(dir); EventFileWriter w2 = EventFileWriter.create(dir)) {
            a = w1.path();
            b = w2.path();
            w1.addScalars(0, Map.of("loss", 1.0));
            w2.addScalars(0, Map.of("loss", 2.0));
        }
        assertNotEquals(a, b);
        assertEquals(1.0f, Event.parseFrom(readRecords(a).get(1)).getSummary().getValue(0).getSimpleValue());
        assertEquals(2.0f, Event.parseFrom(readRecords(b).get(1)).getSummary().getValue(0).getSimpleValue());
    }

    @Test
    void learningRateComesFromTheOptimizerWhenTheLogsHaveNone() {
        Sequential m = new Sequential(new Dense(2).inputShape(2));
        m.compile(new Adam(0.005), org.hebb.losses.Losses.meanSquaredError());
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", 0.25);
        Map<String, Double> s = TensorBoard.scalars(m, logs);
        assertEquals(List.of("loss", "learning_rate"), List.copyOf(s.keySet()));
        assertEquals(0.005, s.get("learning_rate"), 1e-12);
        logs.put("lr", 0.5);
        assertEquals(0.5, TensorBoard.scalars(m, logs).get("learning_rate"));
    }

    @Test
    void badInputFailsNamingWhatIsWrong(@TempDir Path dir) throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        TensorBoard tb = new TensorBoard(notADir.resolve("logs"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> tb.onTrainBegin(null, null));
        assertTrue(e.getMessage().contains("plain-file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard(null));
        try (EventFileWriter w = EventFileWriter.create(dir.resolve("ok"))) {
            var empty = assertThrows(IllegalArgumentException.class, () -> w.addScalars(3, Map.of()));
            assertTrue(empty.getMessage().contains("step 3"), empty.getMessage());
            Map<String, Double> blank = new LinkedHashMap<>();
            blank.put("", 1.0);
            assertThrows(IllegalArgumentException.class, () -> w.addScalars(0, blank));
            assertEquals(1, readRecords(w.path()).size(), "a refused call writes nothing");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The records of a TFRecord file; fails on a bad length CRC, a bad data CRC or a cut record. */
    static List<byte[]> readRecords(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            assertTrue(b.remaining() >= 12, "record header cut short at " + b.position());
            byte[] len = new byte[8];
            b.get(len);
            assertEquals(mask(crc32c(len)), b.getInt(), "length CRC of record " + out.size());
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertTrue(n >= 0 && n + 4 <= b.remaining(), "record " + out.size() + " of " + n + " bytes cut short");
            byte[] data = new byte[(int) n];
            b.get(data);
            assertEquals(mask(crc32c(data)), b.getInt(), "data CRC of record " + out.size());
            out.add(data);
        }
        return out;
    }

    /** CRC-32C bit by bit (reflected Castagnoli polynomial 0x82F63B78), independent of java.util.zip. */
    static int crc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte x : data) {
            crc ^= x & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** TensorFlow's mask: rotate right by 15 bits and add a constant. */
    static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    static Tensor[] blobs(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            y[i] = c;
            x[2 * i] = (float) (r.nextGaussian() * 0.5 + (c == 0 ? -1.5 : 1.5));
            x[2 * i + 1] = (float) (r.nextGaussian() * 0.5 + (c == 0 ? 1 : -1));
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n)};
    }
}
