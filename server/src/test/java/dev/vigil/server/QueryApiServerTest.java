package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.alerting.AlertingOptions;
import dev.vigil.server.api.QueryApiOptions;
import dev.vigil.server.config.ConfigSource;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus HTTP API as the server wires it: its own scrapes are queryable, its flags take effect. */
class QueryApiServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private VigilServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String api(String pathAndQuery) {
        return "http://127.0.0.1:" + server.httpPort() + pathAndQuery;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The embedded default configuration with a one-second interval instead of fifteen, so the first scrape comes
     * quickly; the job, target and everything else are the default's.
     */
    @Test
    void theServerAnswersUpOfItsOwnJobThroughTheQueryApi() throws Exception {
        int port = Http.freePort();
        Path config = dir.resolve("default-fast.yml");
        Files.writeString(
                config,
                ConfigSource.defaultConfigText().replace("15s", "1s").replace("${SELF_ADDRESS}", "127.0.0.1:" + port));
        server = VigilServer.start(TestOptions.of(dir, config, port, false), options -> new InMemoryStorage());

        HttpResponse<String> up = Http.pollUntil(
                api("/api/v1/query?query=" + encode("up{job=\"vigil\"}")),
                r -> r.statusCode() == 200 && r.body().contains("\"value\":["),
                DEADLINE);
        assertThat(up.body())
                .startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                        + "{\"__name__\":\"up\",\"instance\":\"127.0.0.1:" + port + "\",\"job\":\"vigil\"},\"value\":[")
                .endsWith(",\"1\"]}]}}");

        HttpResponse<String> metrics = Http.get(api("/metrics"));
        assertThat(metrics.body())
                .contains("vigil_http_requests_total{code=\"200\",handler=\"/api/v1/query\"}")
                .contains("vigil_http_request_duration_seconds_count{handler=\"/api/v1/query\"}")
                .contains("vigil_engine_queries_concurrent_max 20");
    }

    @Test
    void theEmbeddedDefaultConfigScrapesJobVigilOnThisServer() throws Exception {
        server = VigilServer.start(TestOptions.of(dir, null, 0, false), options -> new InMemoryStorage());
        String self = "127.0.0.1:" + server.httpPort();

        assertThat(Http.get(api("/api/v1/scrape_pools")).body())
                .isEqualTo("{\"status\":\"success\",\"data\":{\"scrapePools\":[\"vigil\"]}}");
        assertThat(Http.get(api("/api/v1/status/config")).body())
                .contains("job_name: vigil")
                .contains("scrape_interval: 15s")
                .contains(self);
        HttpResponse<String> targets = Http.pollUntil(
                api("/api/v1/targets?state=active"), r -> r.body().contains("\"scrapePool\":\"vigil\""), DEADLINE);
        assertThat(targets.body())
                .contains("\"labels\":{\"instance\":\"" + self + "\",\"job\":\"vigil\"}")
                .contains("\"scrapeUrl\":\"http://" + self + "/metrics\"")
                .contains("\"scrapeInterval\":\"15s\"");
    }

    /** As in Prometheus, a subquery without a step steps by the global evaluation_interval in force. */
    @Test
    void subqueriesWithoutAStepFollowTheEvaluationIntervalAcrossReloads() throws Exception {
        Path config = dir.resolve("vigil.yml");
        Files.writeString(config, "global:\n  evaluation_interval: 30s\n");
        server = VigilServer.start(TestOptions.of(dir, config, 0, false), options -> new InMemoryStorage());
        String query = api("/api/v1/query?time=6000&query=" + encode("count_over_time(vector(1)[10m:])"));

        assertThat(Http.get(query).body()).endsWith("[6000,\"20\"]}]}}");

        Files.writeString(config, "global:\n  evaluation_interval: 2m\n");
        assertThat(server.reload().ok()).isTrue();
        assertThat(Http.get(query).body()).endsWith("[6000,\"5\"]}]}}");
    }

    @Test
    void flagsReachTheApi() throws Exception {
        ServerOptions base = TestOptions.of(dir, null, 0, false);
        ServerOptions options = new ServerOptions(
                null,
                dir,
                base.retentionTime(),
                0,
                new ListenAddress("127.0.0.1", 0),
                false,
                true,
                false,
                null,
                Duration.ofSeconds(30),
                1000,
                Duration.ofMinutes(1),
                LogLevel.INFO,
                LogFormat.LOGFMT,
                Duration.ofSeconds(30),
                Map.of("query.max-concurrency", "3"),
                new QueryApiOptions(3, "https://grafana\\.example"),
                AlertingOptions.DEFAULTS);
        server = VigilServer.start(options, o -> InMemoryStorage.withDataDirectory(dir));

        HttpResponse<String> snapshot = Http.send("POST", api("/api/v1/admin/tsdb/snapshot"));
        assertThat(snapshot.statusCode()).as("--web.enable-admin-api").isEqualTo(200);
        assertThat(Http.get(api("/api/v1/status/flags")).body()).contains("\"query.max-concurrency\":\"3\"");
        assertThat(Http.get(api("/metrics")).body()).contains("vigil_engine_queries_concurrent_max 3");
        assertThat(Http.get(api("/api/v1/status/runtimeinfo")).body()).contains("\"storageRetention\":\"15d\"");
        assertThat(Http.get(api("/api/v1/status/walreplay")).body())
                .isEqualTo("{\"status\":\"success\",\"data\":{\"min\":0,\"max\":1,\"current\":1}}");
        assertThat(server.engine().options().maxSamples()).isEqualTo(1000);
        assertThat(server.engine().options().lookbackDelta()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void adminApiIsDisabledByDefault() throws Exception {
        server = VigilServer.start(TestOptions.of(dir, null, 0, false), options -> new InMemoryStorage());
        HttpResponse<String> response = Http.send("POST", api("/api/v1/admin/tsdb/clean_tombstones"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}");
    }
}
