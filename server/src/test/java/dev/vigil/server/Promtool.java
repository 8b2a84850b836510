package dev.vigil.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's promtool as a reference parser. Where it is not installed the calling test is
 * skipped with a printed reason, except under CI (CI=true), where .ci/run installs it and its
 * absence is a failure.
 */
final class Promtool {
    private Promtool() {}

    record Result(int exitCode, String output) {}

    static void requireInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/promtool")) || onPath("promtool");
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("promtool is not installed; .ci/run installs Debian's prometheus package");
        }
        if (!installed) {
            System.out.println("SKIPPED: promtool not installed (apt-get install prometheus)");
        }
        assumeTrue(installed, "promtool not installed (apt-get install prometheus)");
    }

    static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    static Result checkRules(java.nio.file.Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("promtool", "check", "rules", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool check rules did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
