package org.hebb.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code scripts/} folder from where the CLI's code was loaded. */
final class Scripts {
    private Scripts() {}

    /** {@code scripts/NAME} of the checkout (hebb-cli/target/hebb.jar is three levels below), or {@code null}. */
    static Path find(String name) {
        try {
            Path code = Path.of(Scripts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                Path s = p.resolve("scripts").resolve(name);
                if (Files.isRegularFile(s)) {
                    return s;
                }
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        Path local = Path.of("scripts", name);
        return Files.isRegularFile(local) ? local : null;
    }
}
