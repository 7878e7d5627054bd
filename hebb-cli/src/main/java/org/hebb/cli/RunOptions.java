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
 * {@code hebb train --resume DIR} continues with exactly the same ones. A {@code run.json}
 * written before an option existed reads as that option's default ({@code augment} "none",
 * {@code schedule} "none", {@code weight_decay} 0, {@code momentum} and {@code samples} null,
 * {@code label_smoothing} 0, {@code refine_epochs} 0); an {@code augment} of {@code true} or
 * {@code false}, written before augmentation had kinds, reads as "flip-translate" or "none".
 *
 * @param augment "none", "flip-translate" or "flip-shift" (see {@code TrainCommand.augmentation})
 * @param schedule "none", "cosine" or "step"
 * @param weightDecay the papers' weight decay (0 for none); see {@code TrainCommand}
 * @param momentum SGD's momentum, or null for the optimizer's default
 * @param samples the number of training and of test images used (the first ones), or null for all
 * @param labelSmoothing the cross-entropy's label smoothing, in [0, 1)
 * @param refineEpochs how many of the last epochs train without the augmentation (0 for none)
 */
record RunOptions(String model, int epochs, int batch, String optimizer, Double lr, long seed, double validationSplit,
                  Path data, String augment, String schedule, double weightDecay, Double momentum, Integer samples,
                  double labelSmoothing, int refineEpochs) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String FILE = "run.json";
    static final java.util.List<String> SCHEDULES = java.util.List.of("none", "cosine", "step");
    static final java.util.List<String> AUGMENTATIONS = java.util.List.of("none", "flip-translate", "flip-shift");

    /** Checks what must hold however the options were made: from the command line, a resume, run.json. */
    RunOptions {
        if (refineEpochs < 0 || refineEpochs > epochs) {
            throw new IllegalArgumentException("train: --refine-epochs must be in [0, --epochs] = [0, " + epochs
                    + "], got " + refineEpochs + " (run.json: refine_epochs)");
        }
    }

    static RunOptions of(TrainCommand c) {
        if (c.epochs < 1 || c.batch < 1) {
            throw new IllegalArgumentException("train: --epochs and --batch must be >= 1, got " + c.epochs + " and " + c.batch);
        }
        if (c.lr != null && !(c.lr > 0)) {
            throw new IllegalArgumentException("train: --lr must be > 0, got " + c.lr);
        }
        String schedule = c.schedule.trim().toLowerCase(java.util.Locale.ROOT);
        if (!SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("train: --schedule must be one of " + String.join(", ", SCHEDULES)
                    + ", got '" + c.schedule + "'");
        }
        String augment = c.augment == null ? "none" : c.augment.trim().toLowerCase(java.util.Locale.ROOT);
        if (!AUGMENTATIONS.contains(augment)) {
            throw new IllegalArgumentException("train: --augment must be one of " + String.join(", ", AUGMENTATIONS)
                    + ", got '" + c.augment + "'");
        }
        if (!(c.weightDecay >= 0) || Double.isInfinite(c.weightDecay)) {
            throw new IllegalArgumentException("train: --weight-decay must be a finite number >= 0, got " + c.weightDecay);
        }
        if (c.momentum != null) {
            if (!"sgd".equals(c.optimizer.trim().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("train: --momentum applies to --optimizer sgd only, got --optimizer "
                        + c.optimizer);
            }
            if (!(c.momentum >= 0 && c.momentum < 1)) {
                throw new IllegalArgumentException("train: --momentum must be in [0, 1), got " + c.momentum);
            }
        }
        if (!(c.labelSmoothing >= 0 && c.labelSmoothing < 1)) {
            throw new IllegalArgumentException("train: --label-smoothing must be in [0, 1), got " + c.labelSmoothing);
        }
        if (c.refineEpochs > 0 && "none".equals(augment)) {
            throw new IllegalArgumentException("train: --refine-epochs " + c.refineEpochs
                    + " trains the last epochs without augmentation, so it needs --augment");
        }
        if (c.samples != null && c.samples < 1) {
            throw new IllegalArgumentException("train: --samples must be >= 1, got " + c.samples);
        }
        return new RunOptions(c.model, c.epochs, c.batch, c.optimizer, c.lr, c.seed, c.validationSplit, c.data,
                augment, schedule, c.weightDecay, c.momentum, c.samples, c.labelSmoothing, c.refineEpochs);
    }

    /** The same options training until epoch {@code n}. */
    RunOptions withEpochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("train: --epochs must be >= 1, got " + n);
        }
        return new RunOptions(model, n, batch, optimizer, lr, seed, validationSplit, data, augment, schedule,
                weightDecay, momentum, samples, labelSmoothing, refineEpochs);
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
        m.put("augment", augment);
        m.put("schedule", schedule);
        m.put("weight_decay", weightDecay);
        m.put("momentum", momentum);
        m.put("samples", samples);
        m.put("label_smoothing", labelSmoothing);
        m.put("refine_epochs", refineEpochs);
        AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(m));
    }

    /** {@code augment} as written: a kind, or a boolean from before augmentation had kinds. */
    private static String augmentOf(JsonNode v) {
        if (v == null || v.isNull()) {
            return "none";
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "flip-translate" : "none";
        }
        String kind = v.asText();
        if (!AUGMENTATIONS.contains(kind)) {
            throw new IllegalArgumentException("augment must be one of " + String.join(", ", AUGMENTATIONS) + ", got '"
                    + kind + "'");
        }
        return kind;
    }

    private static Double nullOrDouble(JsonNode v) {
        return v == null || v.isNull() ? null : v.asDouble();
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
                    n.get("data").isNull() ? null : Path.of(n.get("data").asText()),
                    augmentOf(n.get("augment")), n.path("schedule").asText("none"),
                    n.path("weight_decay").asDouble(0), nullOrDouble(n.get("momentum")),
                    n.get("samples") == null || n.get("samples").isNull() ? null : n.get("samples").asInt(),
                    n.path("label_smoothing").asDouble(0), n.path("refine_epochs").asInt(0));
        } catch (RuntimeException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(f + ": malformed run options (" + e.getMessage() + ")", e);
        }
    }
}
