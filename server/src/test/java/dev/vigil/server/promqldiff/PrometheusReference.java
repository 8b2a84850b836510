package dev.vigil.server.promqldiff;

import dev.vigil.server.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus serving an OpenMetrics file: {@code promtool tsdb create-blocks-from openmetrics} writes the
 * blocks, then {@code prometheus} starts on them on a loopback port with no scrape jobs. {@link #close} stops the
 * process. Not thread-safe.
 */
final class PrometheusReference implements AutoCloseable {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Path dir;
    private Process process;
    private String url;

    PrometheusReference(Path dir) {
        this.dir = dir;
    }

    /** Null when both binaries are installed, else why the reference cannot run. */
    static String missingBinaries() {
        for (Path binary : List.of(PROMETHEUS, PROMTOOL)) {
            if (!Files.isExecutable(binary)) {
                return binary + " is not installed (apt-get install prometheus)";
            }
        }
        return null;
    }

    /** Backfills {@code openMetrics} into blocks and starts Prometheus on them; returns once it is ready. */
    void start(Path openMetrics, Duration deadline) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("data"));
        run(
                deadline,
                PROMTOOL.toString(),
                "tsdb",
                "create-blocks-from",
                "openmetrics",
                "--quiet",
                openMetrics.toString(),
                data.toString());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  evaluation_interval: 1m\nscrape_configs: []\n");
        int port = Http.freePort();
        process = new ProcessBuilder(
                        PROMETHEUS.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + data,
                        "--storage.tsdb.retention.time=100y",
                        "--web.listen-address=127.0.0.1:" + port,
                        // Prometheus 3 allows negative offsets without a flag.
                        "--enable-feature=promql-negative-offset",
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        url = "http://127.0.0.1:" + port;
        try {
            Http.pollUntil(url + "/-/ready", r -> r.statusCode() == 200, deadline);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; Prometheus log: " + log(), e);
        }
    }

    String url() {
        return url;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void run(Duration deadline, String... command) throws IOException, InterruptedException {
        Path output = dir.resolve("promtool.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + deadline);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with exit code " + p.exitValue() + ": "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
