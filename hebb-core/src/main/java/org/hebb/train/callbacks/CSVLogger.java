package org.hebb.train.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hebb.train.Callback;
import org.hebb.train.Model;
import org.hebb.train.TrainingRun;

/**
 * Writes one CSV row per epoch ({@code epoch,loss,accuracy,val_loss,...}), flushed after each
 * row so that a crash loses at most the epoch in progress. With {@code append}, a resumed run
 * adds rows to the existing file.
 */
public final class CSVLogger implements Callback {
    private final Path file;
    private final boolean append;
    private Writer writer;
    private List<String> columns;

    /** Logs to {@code file}, replacing it unless {@code append}. */
    public CSVLogger(Path file, boolean append) {
        this.file = file;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Model model, TrainingRun run) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean exists = append && Files.exists(file) && Files.size(file) > 0;
            if (exists) {
                String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
                columns = new ArrayList<>(List.of(first.split(",", -1)));
                columns.remove(0);
            }
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        try {
            if (columns == null) {
                columns = new ArrayList<>(logs.keySet());
                writer.write("epoch," + String.join(",", columns) + "\n");
            }
            StringBuilder b = new StringBuilder().append(epoch);
            for (String c : columns) {
                Double v = logs.get(c);
                b.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
            }
            writer.write(b.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Model model, Map<String, Double> logs) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
