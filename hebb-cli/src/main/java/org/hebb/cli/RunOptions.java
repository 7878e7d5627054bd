package org.hebb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hebb.io.AtomicFiles;

/**
 * The options a training run was started with, kept in its folder as {@code run.json} so that
 * {@code hebb train --resume DIR} continues with exactly the same ones.
 */
record RunOptions(String model, int epochs, int batch, String optimizer, Double lr, long seed, double validationSplit,
                  Path data) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String FILE = "run.json";

    static RunOptions of(TrainCommand c) {
        if (c.epochs < 1 || c.batch < 1) {
            throw new IllegalArgumentException("train: --epochs and --batch must be >= 1, got " + c.epochs + " and " + c.batch);
        }
        if (c.lr != null && !(c.lr > 0)) {
            throw new IllegalArgumentException("train: --lr must be > 0, got " + c.lr);
        }
        return new RunOptions(c.model, c.epochs, c.batch, c.optimizer, c.lr, c.seed, c.validationSplit, c.data);
    }

    /** The same options training until epoch {@code n}. */
    RunOptions withEpochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("train: --epochs must be >= 1, got " + n);
        }
        return new RunOptions(model, n, batch, optimizer, lr, seed, validationSplit, data);
    }

    void write(Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("seed", seed);
        m.put("validation_split", validationSplit);
        m.put("data", data == null ? null : data.toAbsolutePath().toString());
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(m));
    }

    static RunOptions read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + ": not a hebb run folder (no " + FILE + ")");
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            return new RunOptions(n.get("model").asText(), n.get("epochs").asInt(), n.get("batch").asInt(),
                    n.get("optimizer").asText(), n.get("lr").isNull() ? null : n.get("lr").asDouble(),
                    n.get("seed").asLong(), n.get("validation_split").asDouble(),
                    n.get("data").isNull() ? null : Path.of(n.get("data").asText()));
        } catch (RuntimeException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(f + ": malformed run options (" + e.getMessage() + ")", e);
        }
    }
}
