package dev.vigil.scraper.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.relabel.Relabeler;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.http.ScrapeVertx;
import dev.vigil.scraper.target.ScrapeReport;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetBuilder;
import dev.vigil.scraper.target.TargetHealth;
import dev.vigil.testkit.InMemoryStorage;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scrapes Debian's {@code prometheus-node-exporter} and checks the result against an independent reading of the same
 * exporter's body.
 *
 * <p>The comparison: the test fetches {@code /metrics} itself with the same {@code Accept} header and counts the sample
 * lines the simplest way (every non-blank line not starting with {@code #}), and collects their metric names (the
 * text before the first {@code {} or space). The scrape's {@code scrape_samples_scraped} must equal that line count,
 * and the metric names stored for the job must equal the names read. The collectors used have a fixed series set,
 * so two fetches a moment apart expose the same series (values differ, which is not compared). Skipped when the
 * exporter is not installed, unless {@code CI=true}, where its absence fails the test.
 */
class NodeExporterInteropTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    private Process exporter;
    private ScheduledExecutorService scheduler;
    private final Vertx vertx = ScrapeVertx.create();

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.destroy();
            if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
                exporter.destroyForcibly();
            }
        }
        ScrapeVertx.close(vertx);
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Test
    void scrapeMatchesAnIndependentReadingOfTheBody() throws Exception {
        boolean installed = Files.isExecutable(BINARY);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(BINARY + " is missing on CI; .ci/run installs prometheus-node-exporter");
        }
        if (!installed) {
            System.out.println("NodeExporterInteropTest skipped: " + BINARY + " is not installed");
        }
        assumeTrue(installed, BINARY + " is not installed");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        exporter = new ProcessBuilder(
                        BINARY.toString(),
                        "--web.listen-address=" + address,
                        "--collector.disable-defaults",
                        "--collector.cpu",
                        "--collector.meminfo",
                        "--collector.loadavg",
                        "--collector.uname")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();

        String yaml = "scrape_configs:\n  - job_name: node\n    scrape_interval: 5s\n    scrape_timeout: 5s\n"
                + "    static_configs:\n      - targets: ['" + address + "']\n";
        ScrapeConfig config = ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0);
        ScrapeClient client = new ScrapeClient(config, Path::of, vertx);
        String body = awaitBody(address, client.acceptHeader());

        InMemoryStorage storage = new InMemoryStorage();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        Target target = new TargetBuilder(config)
                .build(List.of(TargetGroup.ofAddresses("node", List.of(address), Labels.EMPTY)))
                .active()
                .get(0);
        ScrapeLoop loop = new ScrapeLoop(
                target,
                config,
                Relabeler.NONE,
                client,
                storage,
                scheduler,
                Runnable::run,
                ScrapeMetrics.unregistered(),
                Clock.systemUTC(),
                null,
                new BodyBufferPool(1));
        ScrapeReport report = loop.scrapeNow().get(20, TimeUnit.SECONDS);

        assertThat(report.lastError()).isEmpty();
        assertThat(report.health()).isEqualTo(TargetHealth.UP);
        List<String> sampleLines =
                body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(report.samplesScraped()).isEqualTo(sampleLines.size());
        assertThat(report.seriesAdded()).isEqualTo(sampleLines.size());

        Set<String> namesInBody = new TreeSet<>();
        for (String line : sampleLines) {
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            namesInBody.add(line.substring(0, end));
        }
        Set<String> namesStored = new TreeSet<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false, Matcher.equal("job", "node"));
            while (set.next()) {
                namesStored.add(set.at().labels().metricName());
            }
        }
        namesStored.removeAll(Set.of(
                "up",
                "scrape_duration_seconds",
                "scrape_samples_scraped",
                "scrape_samples_post_metric_relabeling",
                "scrape_series_added"));
        assertThat(namesStored).isEqualTo(namesInBody).contains("node_load1", "node_memory_MemTotal_bytes");
    }

    /** The exporter's body once it answers, decompressed if it chose gzip. */
    private static String awaitBody(String address, String accept) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    byte[] bytes = response.body();
                    if (response.headers()
                            .firstValue("Content-Encoding")
                            .orElse("")
                            .equals("gzip")) {
                        bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
                    }
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node exporter at " + address + " did not answer in time");
            }
            Thread.sleep(50);
        }
    }
}
