package org.hebb.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a generated report in headless Chromium with {@code scripts/check_report.sh} and
 * checks that every image loaded; skipped where no {@code chromium} is on the PATH.
 */
class ChromiumCheckTest {

    @Test
    void everyImageOfAReportLoadsInHeadlessChromium(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("chromium"), "chromium is not on PATH (Debian: apt-get install -y chromium)");
        Path run = dir.resolve("run with space");
        Path page = ReportTest.synthetic(120, ReportTest.history(4, true)).write(run);

        Result ok = check(page);
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.contains("IMAGES 4/4"), ok.output);

        // the check can fail: with one image gone, the page no longer passes
        Files.delete(run.resolve(Report.CONFUSION_PNG));
        Result broken = check(page);
        assertEquals(1, broken.exit, broken.output);
        assertTrue(broken.output.contains("IMAGES 3/4 not loaded: confusion.png"), broken.output);
    }

    record Result(int exit, String output) {}

    static Result check(Path page) throws IOException, InterruptedException {
        Path script = script();
        Process p = new ProcessBuilder("bash", script.toString(), page.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("check_report.sh did not finish in 150 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** scripts/check_report.sh of the repository (tests run in hebb-cli/). */
    static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("scripts/check_report.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new AssertionError("scripts/check_report.sh not found above " + Path.of("").toAbsolutePath());
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, exe)));
    }
}
