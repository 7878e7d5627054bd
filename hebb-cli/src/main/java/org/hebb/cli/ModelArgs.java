package org.hebb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hebb.io.ModelFile;
import org.hebb.train.Model;

/** Finds the saved model a command names: a model folder, or a run folder holding {@code model/}. */
final class ModelArgs {
    private ModelArgs() {}

    /** The model saved at {@code path} (a model folder or file, or a run folder). */
    static Model load(Path path) throws IOException {
        Path p = path;
        if (Files.isDirectory(p) && !Files.exists(p.resolve(ModelFile.MODEL_JSON)) && Files.isDirectory(p.resolve("model"))) {
            p = p.resolve("model");
        }
        if (!Files.exists(p)) {
            throw new IOException(path + ": no such model or run folder");
        }
        return ModelFile.load(p);
    }
}
