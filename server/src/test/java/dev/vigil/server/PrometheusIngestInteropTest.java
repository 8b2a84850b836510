package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus (2.42, Debian's package) against a Vigil server on loopback: Prometheus remote-writes its own
 * series to Vigil's receiver and the same samples land in Vigil's storage; Prometheus scrapes Vigil's {@code /federate}
 * with {@code honor_labels} and the federated series show up in its query API; and Prometheus uses Vigil as a
 * {@code remote_read} endpoint for a series only Vigil has. Skipped with a printed reason where Prometheus is not
 * installed, except under CI, where .ci/run installs it.
 */
class PrometheusIngestInteropTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private final InMemoryStorage storage = new InMemoryStorage();
    private VigilServer vigil;
    private Process prometheus;

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (vigil != null) {
            vigil.close();
        }
    }

    @Test
    void prometheusWritesToFederatesFromAndReadsFromVigil() throws Exception {
        boolean installed = Files.isExecutable(PROMETHEUS);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("prometheus is not installed; .ci/run installs Debian's prometheus package");
        }
        if (!installed) {
            System.out.println("SKIPPED: " + PROMETHEUS + " not installed (apt-get install prometheus)");
        }
        assumeTrue(installed, PROMETHEUS + " not installed");

        int vigilPort = Http.freePort();
        int promPort = Http.freePort();
        Path vigilConfig = dir.resolve("vigil.yml");
        Files.writeString(
                vigilConfig,
                """
                global:
                  scrape_interval: 1s
                  external_labels:
                    federated_from: vigil
                scrape_configs:
                  - job_name: vigil
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """
                        .formatted(vigilPort));
        vigil = VigilServer.start(
                TestOptions.of(dir.resolve("vigil-data"), vigilConfig, vigilPort, false, true), options -> storage);
        String vigilUrl = "http://127.0.0.1:" + vigilPort;

        HttpResponse<String> imported = CLIENT.send(
                HttpRequest.newBuilder(URI.create(vigilUrl + "/api/v1/import/prometheus"))
                        .POST(HttpRequest.BodyPublishers.ofString("interop_remote_read_only{src=\"import\"} 42\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        Path promConfig = dir.resolve("prometheus.yml");
        Files.writeString(
                promConfig,
                """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%2$d"]
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params:
                      'match[]': ['{job="vigil"}']
                    static_configs:
                      - targets: ["127.0.0.1:%1$d"]
                remote_write:
                  - url: http://127.0.0.1:%1$d/api/v1/write
                    write_relabel_configs:
                      - source_labels: [job]
                        regex: prometheus
                        action: keep
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 1s
                remote_read:
                  - url: http://127.0.0.1:%1$d/api/v1/read
                    read_recent: true
                    required_matchers:
                      federated_from: vigil
                """
                        .formatted(vigilPort, promPort));
        prometheus = new ProcessBuilder(
                        PROMETHEUS.toString(),
                        "--config.file=" + promConfig,
                        "--storage.tsdb.path=" + dir.resolve("prom-data"),
                        "--web.listen-address=127.0.0.1:" + promPort,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        String promUrl = "http://127.0.0.1:" + promPort;
        Http.pollUntil(promUrl + "/-/ready", r -> r.statusCode() == 200, DEADLINE);

        // Remote write: Prometheus's own scrape_duration_seconds samples arrive in Vigil, value for value.
        Map<Long, Double> inVigil = awaitVigilSamples(
                "scrape_duration_seconds", Matcher.equal("job", "prometheus"), samples -> samples.size() >= 5);
        long first = inVigil.keySet().iterator().next();
        long last = inVigil.keySet().stream().reduce((a, b) -> b).orElseThrow();
        JsonArray matrix = query(promUrl, "scrape_duration_seconds{job=\"prometheus\"}[5m]", last)
                .getJsonObject("data")
                .getJsonArray("result");
        assertThat(matrix).hasSize(1);
        Map<Long, Double> inPrometheus = new LinkedHashMap<>();
        for (Object point : matrix.getJsonObject(0).getJsonArray("values")) {
            JsonArray p = (JsonArray) point;
            long t = Math.round(Double.parseDouble(p.getValue(0).toString()) * 1000);
            if (t >= first && t <= last) {
                inPrometheus.put(t, Double.parseDouble(p.getString(1)));
            }
        }
        assertThat(inPrometheus).hasSizeGreaterThanOrEqualTo(5).isEqualTo(inVigil);

        // Federation: Vigil's own series, scraped by Prometheus with honor_labels, keep their labels and gain
        // Vigil's external label.
        JsonObject federated = awaitPrometheus(promUrl, "vigil_ready{job=\"vigil\"}", result -> !result.isEmpty());
        JsonObject metric = federated
                .getJsonObject("data")
                .getJsonArray("result")
                .getJsonObject(0)
                .getJsonObject("metric");
        assertThat(metric.getString("instance")).isEqualTo("127.0.0.1:" + vigilPort);
        assertThat(metric.getString("federated_from")).isEqualTo("vigil");
        assertThat(awaitPrometheus(promUrl, "up{job=\"federate\"} == 1", result -> !result.isEmpty())
                        .getJsonObject("data")
                        .getJsonArray("result"))
                .hasSize(1);

        // Remote read: a series only Vigil has answers a query in Prometheus.
        JsonArray remote = awaitPrometheus(
                        promUrl, "interop_remote_read_only{federated_from=\"vigil\"}", result -> !result.isEmpty())
                .getJsonObject("data")
                .getJsonArray("result");
        assertThat(remote).hasSize(1);
        assertThat(remote.getJsonObject(0).getJsonObject("metric").getMap())
                .isEqualTo(Map.of("__name__", "interop_remote_read_only", "src", "import", "federated_from", "vigil"));
        assertThat(remote.getJsonObject(0).getJsonArray("value").getString(1)).isEqualTo("42");
    }

    private Map<Long, Double> awaitVigilSamples(String metric, Matcher matcher, Predicate<Map<Long, Double>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<Long, Double> samples = new LinkedHashMap<>();
            try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                SeriesSet set = q.select(true, Matcher.equal(Labels.METRIC_NAME, metric), matcher);
                if (set.next()) {
                    SeriesIterator it = set.at().iterator();
                    while (it.next()) {
                        samples.put(it.timestamp(), it.value());
                    }
                }
            }
            if (done.test(samples)) {
                return samples;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Vigil did not receive " + metric + " by remote write; has " + samples
                        + "; Prometheus log: " + prometheusLog());
            }
            Thread.sleep(100);
        }
    }

    private JsonObject awaitPrometheus(String promUrl, String expr, Predicate<JsonArray> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            JsonObject reply = query(promUrl, expr, System.currentTimeMillis());
            if (done.test(reply.getJsonObject("data").getJsonArray("result"))) {
                return reply;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Prometheus query " + expr + " did not succeed; last: " + reply + "; log: " + prometheusLog());
            }
            Thread.sleep(200);
        }
    }

    private static JsonObject query(String promUrl, String expr, long timeMs) throws Exception {
        String url = promUrl + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time="
                + (timeMs / 1000) + "." + String.format("%03d", timeMs % 1000);
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private String prometheusLog() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
