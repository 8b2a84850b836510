package dev.vigil.alerting.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.eval.EngineQueryFunction;
import dev.vigil.alerting.eval.GroupSchedule;
import dev.vigil.alerting.eval.RuleManager;
import dev.vigil.alerting.eval.RuleManagerOptions;
import dev.vigil.alerting.eval.RuleMetrics;
import dev.vigil.alerting.notify.ManualScheduler;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Appender;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.testkit.InMemoryStorage;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts from Vigil's rule evaluator, sent by the alert sender, as a real Alertmanager 0.25 sees them: its
 * {@code /api/v2/alerts} lists the firing alert with the labels (external ones included), annotations, startsAt
 * and endsAt Vigil sent, and not the one Vigil resolved.
 */
class AlertmanagerInteropTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void alertsSentAppearInAlertmanagerWithTheirLabelsAndTimes() throws Exception {
        if (!Files.isExecutable(AlertmanagerProcess.BINARY)) {
            System.out.println("SKIPPED AlertmanagerInteropTest: " + AlertmanagerProcess.BINARY
                    + " is not installed (Debian package prometheus-alertmanager)");
            Assumptions.abort("prometheus-alertmanager is not installed");
        }
        Vertx vertx = Vertx.vertx();
        try (AlertmanagerProcess am =
                AlertmanagerProcess.start(dir, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n")) {
            VigilConfig config = ConfigLoader.parse(
                    """
                    global:
                      external_labels:
                        cluster: eu1
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ["127.0.0.1:%d"]
                    """
                            .formatted(am.port),
                    "vigil.yml");
            AlertSender sender =
                    new AlertSender(vertx, SenderOptions.DEFAULTS, new SenderMetrics(new MetricRegistry()));
            sender.applyConfig(config.alerting(), config.global().externalLabels());
            sender.sync(
                    AlertSender.setKey(0),
                    List.of(new DiscoveredGroup(
                            List.of(Labels.of("__address__", "127.0.0.1:" + am.port)), Labels.EMPTY)));

            // Rule time runs a little behind the wall clock, so the alert Vigil resolves has already ended for
            // Alertmanager too.
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
            ManualScheduler clock = new ManualScheduler(start);
            InMemoryStorage storage = new InMemoryStorage();
            Path rules = dir.resolve("rules.yml");
            Files.writeString(
                    rules,
                    """
                    groups:
                      - name: interop
                        interval: 1s
                        rules:
                          - alert: InstanceDown
                            expr: up == 0
                            labels:
                              severity: page
                            annotations:
                              summary: "{{ $labels.instance }} is down"
                    """);
            RuleManager manager = new RuleManager(
                    storage,
                    storage,
                    new EngineQueryFunction(new Engine(storage, EngineOptions.DEFAULT)),
                    sender,
                    clock,
                    Runnable::run,
                    RuleManagerOptions.DEFAULTS,
                    new RuleMetrics(new MetricRegistry()),
                    "http://vigil.example:9090");
            manager.update(
                    List.of(rules),
                    Duration.ofMinutes(1),
                    Duration.ZERO,
                    config.global().externalLabels());
            long firstEval =
                    GroupSchedule.slotAtOrBefore(clock.now().toEpochMilli(), rules.toString(), "interop", 1000) + 1000;
            append(storage, "a", firstEval, 0);
            append(storage, "b", firstEval, 0);
            append(storage, "a", firstEval + 1000, 0);
            append(storage, "b", firstEval + 1000, StaleMarker.STALE_NAN);
            clock.advance(Duration.ofMillis(firstEval + 1000 - start.toEpochMilli()));

            JsonNode alerts = awaitAlerts(
                    am, list -> list.size() == 1 && list.get(0).path("labels").has("instance"));
            JsonNode a = alerts.get(0);
            assertThat(MAPPER.convertValue(a.get("labels"), Map.class))
                    .isEqualTo(
                            Map.of("alertname", "InstanceDown", "instance", "a", "severity", "page", "cluster", "eu1"));
            assertThat(a.get("annotations").get("summary").asText()).isEqualTo("a is down");
            assertThat(Instant.parse(a.get("startsAt").asText())).isEqualTo(Instant.ofEpochMilli(firstEval));
            assertThat(Instant.parse(a.get("endsAt").asText()))
                    .as("four resend delays after it was sent; not re-sent within the resend delay")
                    .isEqualTo(Instant.ofEpochMilli(
                            firstEval + Duration.ofMinutes(4).toMillis()));
            assertThat(a.get("generatorURL").asText())
                    .isEqualTo("http://vigil.example:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
            assertThat(a.get("status").get("state").asText()).isEqualTo("active");
            manager.close();
            sender.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void append(InMemoryStorage storage, String instance, long t, double v) throws Exception {
        Appender app = storage.appender();
        app.append(0, Labels.of("__name__", "up", "instance", instance), t, v);
        app.commit();
    }

    private static JsonNode awaitAlerts(AlertmanagerProcess am, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = MAPPER.readTree(am.get("/api/v2/alerts").body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Alertmanager never listed the expected alerts; last: " + last);
    }
}
