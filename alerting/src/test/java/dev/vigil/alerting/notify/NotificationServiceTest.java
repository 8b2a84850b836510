package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alerting.Polling;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the notification configuration keeps alerts, silences and what was already notified. */
class NotificationServiceTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private int port;
    private NotificationService service;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> {
                    int alerts = b.toJsonObject().getJsonArray("alerts").size();
                    paths.add(req.path() + " " + alerts);
                    req.response().end();
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
        service = new NotificationService(
                new InMemoryStateStore(),
                clock,
                vertx,
                new NotifyMetrics(new MetricRegistry()),
                RetryPolicy.defaults(),
                "http://vigil:9090",
                Duration.ofHours(120));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private NotificationsConfig config(String path, String templates) throws Exception {
        return NotificationsConfigLoader.parse(
                """
                route:
                  receiver: hook
                  group_by: [alertname]
                  group_wait: 10s
                  group_interval: 1m
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d%s
                templates: [%s]
                """
                        .formatted(port, path, templates),
                "n.yml");
    }

    private Alert alert(String instance) {
        Instant now = clock.now();
        return Alert.of(
                Labels.of("alertname", "Down", "instance", instance),
                Map.of(),
                now,
                Optional.of(now.plus(Duration.ofMinutes(4))),
                "http://gen");
    }

    private void awaitPaths(int n) throws InterruptedException {
        Polling.await(n + " notifications, got " + paths, () -> paths.size() >= n);
    }

    @Test
    void aReloadCarriesAlertsOverWithoutRenotifyingThem() throws Exception {
        service.apply(config("/first", ""));
        service.put(List.of(alert("a")));
        clock.advance(Duration.ofSeconds(10));
        awaitPaths(1);

        service.apply(config("/second", ""));
        assertThat(service.alerts()).hasSize(1);
        clock.advance(Duration.ofMinutes(2));

        service.put(List.of(alert("a"), alert("b")));
        clock.advance(Duration.ofMinutes(1));
        awaitPaths(2);
        // Had the carried alert been notified again after the reload, the second message would hold it alone.
        assertThat(paths).containsExactly("/first 1", "/second 2");
    }

    @Test
    void aConfigWhoseTemplatesDoNotLoadChangesNothing() throws Exception {
        service.apply(config("/first", ""));
        Path bad = dir.resolve("bad.tmpl");
        Files.writeString(bad, "{{ define \"x\" }}{{ if }}{{ end }}");
        assertThatThrownBy(() -> service.apply(config("/second", "'" + bad + "'")))
                .hasMessageContaining("bad.tmpl");
        service.put(List.of(alert("a")));
        clock.advance(Duration.ofSeconds(10));
        awaitPaths(1);
        assertThat(paths).containsExactly("/first 1");
        assertThat(service.config().receivers().get(0).webhookConfigs().get(0).url())
                .endsWith("/first");
    }

    @Test
    void withoutConfigurationAlertsAreRejectedAndTheDefaultKeepsThemWithoutNotifying() throws Exception {
        assertThat(service.put(List.of(alert("a")))).containsExactly("the notifier has no configuration yet");
        service.apply(NotificationService.DEFAULT_CONFIG);
        assertThat(service.put(List.of(alert("a")))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.alerts()).hasSize(1);
        assertThat(paths).isEmpty();
    }
}
