package dev.vigil.alerting.send;

import static dev.vigil.alerting.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sending alerts to Alertmanagers: discovery, relabeling, payload, batching, queue overflow and failures. */
class AlertSenderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private record Received(String path, String authorization, JsonNode body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    private volatile String mode = "ok";
    private Vertx vertx;
    private HttpServer server;
    private int port;
    private final SenderMetrics metrics = new SenderMetrics(new MetricRegistry());
    private AlertSender sender;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            try {
                received.add(
                        new Received(req.path(), req.getHeader("Authorization"), MAPPER.readTree(body.toString())));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            switch (mode) {
                case "hold-first" -> {
                    mode = "ok";
                    held.add(req);
                }
                case "500" -> req.response().setStatusCode(500).end("boom");
                default -> req.response().setStatusCode(200).end();
            }
        });
    }

    private AlertSender start(String alerting, SenderOptions options) throws Exception {
        VigilConfig config = ConfigLoader.parse(
                """
                global:
                  external_labels:
                    cluster: eu1
                alerting:
                """
                        + alerting.replace("PORT", String.valueOf(port)),
                "test.yml");
        sender = new AlertSender(vertx, options, metrics);
        sender.applyConfig(config.alerting(), config.global().externalLabels());
        for (int i = 0; i < config.alerting().alertmanagers().size(); i++) {
            var statics =
                    config.alerting().alertmanagers().get(i).serviceDiscovery().staticConfigs();
            List<DiscoveredGroup> groups = new ArrayList<>();
            for (var s : statics) {
                groups.add(new DiscoveredGroup(
                        s.targets().stream()
                                .map(t -> Labels.of("__address__", t))
                                .toList(),
                        Labels.fromMap(s.labels())));
            }
            sender.sync(AlertSender.setKey(i), groups);
        }
        return sender;
    }

    private static Alert alert(String name, String severity) {
        return Alert.of(
                Labels.of("alertname", name, "severity", severity),
                Map.of("summary", name + " fired"),
                T0,
                Optional.of(T0.plus(Duration.ofMinutes(4))),
                "http://vigil:9090/graph?g0.expr=up&g0.tab=1");
    }

    private int alertsReceived() {
        return received.stream().mapToInt(r -> r.body().size()).sum();
    }

    @Test
    void postsTheV2PayloadWithExternalLabelsAndRelabelingApplied() throws Exception {
        start(
                """
                  alert_relabel_configs:
                    - source_labels: [severity]
                      regex: info
                      action: drop
                  alertmanagers:
                    - path_prefix: /am/
                      timeout: 5s
                      authorization:
                        credentials: secret
                      static_configs:
                        - targets: ["127.0.0.1:PORT"]
                      alert_relabel_configs:
                        - target_label: via
                          replacement: first
                    - static_configs:
                        - targets: ["127.0.0.1:PORT", "bad/address", "127.0.0.1:1"]
                      relabel_configs:
                        - source_labels: [__address__]
                          regex: .*:1
                          action: drop
                """,
                SenderOptions.DEFAULTS);
        assertThat(sender.status().activeAlertmanagers())
                .containsExactly(
                        "http://127.0.0.1:" + port + "/am/api/v2/alerts",
                        "http://127.0.0.1:" + port + "/api/v2/alerts");
        assertThat(sender.status().droppedAlertmanagers()).containsExactly("http://127.0.0.1:1/api/v2/alerts");
        assertThat(metrics.discovered.get()).isEqualTo(2);

        sender.send(List.of(alert("Up", "page"), alert("Chatty", "info")));
        await("two posts", () -> received.size() == 2);

        Received first = received.stream()
                .filter(r -> r.path().startsWith("/am/"))
                .findFirst()
                .orElseThrow();
        assertThat(first.authorization()).isEqualTo("Bearer secret");
        assertThat(first.body().size()).isEqualTo(1);
        JsonNode a = first.body().get(0);
        assertThat(MAPPER.convertValue(a.get("labels"), Map.class))
                .isEqualTo(Map.of("alertname", "Up", "severity", "page", "cluster", "eu1", "via", "first"));
        assertThat(a.get("annotations").get("summary").asText()).isEqualTo("Up fired");
        assertThat(a.get("startsAt").asText()).isEqualTo("2024-05-01T10:00:00.000Z");
        assertThat(a.get("endsAt").asText()).isEqualTo("2024-05-01T10:04:00.000Z");
        assertThat(a.get("generatorURL").asText()).isEqualTo("http://vigil:9090/graph?g0.expr=up&g0.tab=1");
        Received second = received.stream()
                .filter(r -> r.path().equals("/api/v2/alerts"))
                .findFirst()
                .orElseThrow();
        assertThat(second.body().get(0).get("labels").has("via")).isFalse();

        String url = "http://127.0.0.1:" + port + "/am/api/v2/alerts";
        await("sent metric", () -> metrics.sent.labels(url).get() == 1);
        assertThat(metrics.latency.labels(url).count()).isEqualTo(1);
    }

    @Test
    void sendsInBatchesOfAtMost256() throws Exception {
        start(
                """
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:PORT"]
                """,
                SenderOptions.DEFAULTS);
        List<Alert> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(alert("A" + i, "page"));
        }
        sender.send(many);
        await("600 alerts", () -> alertsReceived() == 600);
        assertThat(received).extracting(r -> r.body().size()).containsExactly(256, 256, 88);
        assertThat(received.get(0).body().get(0).get("labels").get("alertname").asText())
                .isEqualTo("A0");
    }

    @Test
    void aFullQueueDropsTheOldestAlerts() throws Exception {
        start(
                """
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:PORT"]
                """,
                new SenderOptions(10, 256, true));
        String url = "http://127.0.0.1:" + port + "/api/v2/alerts";
        mode = "hold-first";
        sender.send(List.of(alert("InFlight", "page")));
        await("first request", () -> held.size() == 1);
        List<Alert> burst = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            burst.add(alert("B" + i, "page"));
        }
        sender.send(burst.subList(0, 8));
        sender.send(burst.subList(8, 15));
        assertThat(metrics.dropped.labels(url).get()).isEqualTo(5);
        assertThat(metrics.queueLength.labels(url).get()).isEqualTo(10);

        held.get(0).response().setStatusCode(200).end();
        await("queued alerts", () -> alertsReceived() == 11);
        JsonNode batch = received.get(1).body();
        assertThat(batch.size()).isEqualTo(10);
        assertThat(batch.get(0).get("labels").get("alertname").asText()).isEqualTo("B5");
        assertThat(batch.get(9).get("labels").get("alertname").asText()).isEqualTo("B14");
        await("queue empty metric", () -> metrics.queueLength.labels(url).get() == 0);
    }

    @Test
    void aFailedBatchIsCountedAndDroppedWithoutRetry() throws Exception {
        start(
                """
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:PORT"]
                """,
                SenderOptions.DEFAULTS);
        String url = "http://127.0.0.1:" + port + "/api/v2/alerts";
        mode = "500";
        sender.send(List.of(alert("A", "page"), alert("B", "page")));
        await("error metric", () -> metrics.errors.labels(url).get() == 2);
        assertThat(metrics.dropped.labels(url).get()).isEqualTo(2);
        assertThat(metrics.sent.labels(url).get()).isZero();
        mode = "ok";
        sender.send(List.of(alert("C", "page")));
        await("next batch", () -> metrics.sent.labels(url).get() == 1);
        assertThat(received).hasSize(2);
    }

    @Test
    void theLocalIntakeGetsRelabeledAlertsAndReloadsKeepUnchangedAlertmanagers() throws Exception {
        String alerting =
                """
                  alert_relabel_configs:
                    - source_labels: [severity]
                      regex: info
                      action: drop
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:PORT"]
                """;
        start(alerting, SenderOptions.DEFAULTS);
        List<Alert> local = new CopyOnWriteArrayList<>();
        sender.setLocalIntake(alerts -> {
            local.addAll(alerts);
            return List.of();
        });
        VigilConfig same = ConfigLoader.parse(
                "global:\n  external_labels:\n    cluster: eu1\nalerting:\n" + alerting.replace("PORT", "" + port),
                "test.yml");
        sender.applyConfig(same.alerting(), Map.of("cluster", "us2"));
        assertThat(sender.status().activeAlertmanagers())
                .as("kept without waiting for discovery")
                .hasSize(1);

        sender.send(List.of(alert("Up", "page"), alert("Chatty", "info")));
        assertThat(local).singleElement().satisfies(a -> assertThat(a.labels().get("cluster"))
                .isEqualTo("us2"));
        await("post", () -> received.size() == 1);

        sender.applyConfig(ConfigLoader.parse("alerting: {}\n", "t.yml").alerting(), Map.of());
        assertThat(sender.status().activeAlertmanagers()).isEmpty();
    }

    @Test
    void closingDrainsTheQueue() throws Exception {
        start(
                """
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:PORT"]
                """,
                new SenderOptions(100, 1, true));
        List<Alert> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(alert("A" + i, "page"));
        }
        sender.send(five);
        sender.close();
        assertThat(alertsReceived()).isEqualTo(5);
    }
}
