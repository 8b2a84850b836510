package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.storage.Storage;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private VigilServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthyDuringStorageReplayAndReadyOnlyAfterIt() throws Exception {
        CountDownLatch replayMayFinish = new CountDownLatch(1);
        StorageFactory slowStorage = options -> {
            replayMayFinish.await();
            return new InMemoryStorage();
        };
        int port = Http.freePort();
        CompletableFuture<VigilServer> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return VigilServer.start(TestOptions.of(dir, null, port, false), slowStorage);
            } catch (StartupException e) {
                throw new IllegalStateException(e);
            }
        });
        String base = "http://127.0.0.1:" + port;

        Http.pollUntil(base + "/-/healthy", r -> r.statusCode() == 200, DEADLINE);
        assertThat(Http.get(base + "/-/ready").statusCode()).isEqualTo(503);

        replayMayFinish.countDown();
        server = starting.get(20, TimeUnit.SECONDS);
        assertThat(Http.get(base + "/-/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsShowProcessJvmHttpAndReloadFigures() throws Exception {
        server = VigilServer.start(TestOptions.of(dir, null, 0, false), options -> new InMemoryStorage());
        String base = "http://127.0.0.1:" + server.httpPort();
        Http.get(base + "/-/ready");

        String body = Http.get(base + "/metrics").body();

        assertThat(body)
                .contains("# TYPE process_cpu_seconds_total counter")
                .containsPattern("process_resident_memory_bytes [1-9]")
                .containsPattern("process_start_time_seconds \\d")
                .containsPattern("jvm_memory_bytes_used\\{area=\"heap\"} [1-9]")
                .contains("vigil_http_requests_total{code=\"200\",handler=\"/-/ready\"} 1")
                .contains("vigil_config_last_reload_successful 1")
                .containsPattern("vigil_config_last_reload_success_timestamp_seconds \\d{10}")
                .contains("vigil_build_info{branch=")
                .contains("vigil_ready 1");
        assertThat(server.configReloader().current().scrapeConfigs())
                .singleElement()
                .satisfies(job -> assertThat(job.jobName()).isEqualTo("vigil"));
    }

    @Test
    void metricsOutputPassesPromtoolCheckMetrics() throws Exception {
        Promtool.requireInstalled();
        server = VigilServer.start(TestOptions.of(dir, null, 0, false), options -> new InMemoryStorage());
        String base = "http://127.0.0.1:" + server.httpPort();
        Http.get(base + "/-/healthy");

        String body = Http.get(base + "/metrics").body();

        Promtool.Result result = Promtool.checkMetrics(body);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void reloadAppliesAGoodFileAndKeepsTheRunningConfigOnABadOne() throws Exception {
        Path config = dir.resolve("vigil.yml");
        writeConfig(config, "30s");
        server = VigilServer.start(
                TestOptions.of(dir.resolve("data"), config, 0, true), options -> new InMemoryStorage());
        String base = "http://127.0.0.1:" + server.httpPort();
        double firstSuccess = metric(base, "vigil_config_last_reload_success_timestamp_seconds");

        writeConfig(config, "45s");
        assertThat(Http.send("POST", base + "/-/reload").statusCode()).isEqualTo(200);
        assertThat(scrapeInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(metric(base, "vigil_config_last_reload_successful")).isEqualTo(1);
        assertThat(metric(base, "vigil_config_last_reload_success_timestamp_seconds"))
                .isGreaterThanOrEqualTo(firstSuccess);

        Files.writeString(config, "global:\n  scrape_interval: often\n");
        HttpResponse<String> failed = Http.send("POST", base + "/-/reload");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains(config + ":2:20: global.scrape_interval:");
        assertThat(metric(base, "vigil_config_last_reload_successful")).isZero();
        assertThat(scrapeInterval()).isEqualTo(Duration.ofSeconds(45));

        writeConfig(config, "15s");
        assertThat(Http.send("POST", base + "/-/reload").statusCode()).isEqualTo(200);
        assertThat(metric(base, "vigil_config_last_reload_successful")).isEqualTo(1);
        assertThat(scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aBadConfigFileStopsStartupWithItsLocation() throws IOException {
        Path config = dir.resolve("broken.yml");
        Files.writeString(config, "scrape_configs:\n  - job_name: a\n    unknown_key: 1\n");

        assertThatThrownBy(() ->
                        VigilServer.start(TestOptions.of(dir, config, 0, false), options -> new InMemoryStorage()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("error loading config from \"" + config + "\"")
                .hasMessageContaining(config + ":3:5: scrape_configs[0].unknown_key");
    }

    @Test
    void aTakenPortStopsStartupWithTheAddress() throws Exception {
        server = VigilServer.start(TestOptions.of(dir, null, 0, false), options -> new InMemoryStorage());
        int taken = server.httpPort();
        assertThatThrownBy(() ->
                        VigilServer.start(TestOptions.of(dir, null, taken, false), options -> new InMemoryStorage()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + taken);
    }

    @Test
    void shutdownClosesHttpThenStorage() throws Exception {
        AtomicBoolean storageClosed = new AtomicBoolean();
        AtomicBoolean httpWasClosedFirst = new AtomicBoolean();
        int port = Http.freePort();
        StorageFactory factory = options -> new ClosingStorage(new InMemoryStorage(), () -> {
            httpWasClosedFirst.set(!isListening(port));
            storageClosed.set(true);
        });
        server = VigilServer.start(TestOptions.of(dir, null, port, true), factory);

        assertThat(Http.send("POST", "http://127.0.0.1:" + port + "/-/quit").statusCode())
                .isEqualTo(200);

        assertThat(server.awaitShutdown(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.shutdownWasClean()).isTrue();
        assertThat(storageClosed).isTrue();
        assertThat(httpWasClosedFirst).isTrue();
        assertThat(server.isReady()).isFalse();
    }

    private Duration scrapeInterval() {
        return server.configReloader().current().global().scrapeInterval().toDuration();
    }

    private static void writeConfig(Path file, String interval) throws IOException {
        Files.writeString(
                file,
                """
                global:
                  scrape_interval: %s
                scrape_configs:
                  - job_name: self
                    static_configs:
                      - targets: ["localhost:9090"]
                """
                        .formatted(interval));
    }

    private static double metric(String base, String name) throws Exception {
        String body = Http.get(base + "/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as("metric %s in /metrics", name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static boolean isListening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Wraps a storage to observe when it is closed. */
    private record ClosingStorage(Storage delegate, Runnable onClose) implements Storage {
        @Override
        public dev.vigil.model.storage.Appender appender() {
            return delegate.appender();
        }

        @Override
        public dev.vigil.model.storage.Querier querier(long minT, long maxT) {
            return delegate.querier(minT, maxT);
        }

        @Override
        public void close() {
            onClose.run();
            delegate.close();
        }
    }
}
