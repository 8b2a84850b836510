package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.status.RuleGroupStatus;
import dev.vigil.server.alerting.AlertingOptions;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules, the notifier and the Alertmanager sender inside a running server: start, reload, API, metrics. */
class AlertingWiringTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private VigilServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String CONFIG =
            """
            global:
              evaluation_interval: 1s
              external_labels:
                cluster: test
            rule_files: ["rules/*.yml"]
            alerting:
              alertmanagers:
                - file_sd_configs:
                    - files: [alertmanagers.json]
            notifications:
              route:
                receiver: nobody
              receivers:
                - name: nobody
            """;

    private static final String RULES =
            """
            groups:
              - name: always
                rules:
                  - alert: AlwaysFiring
                    expr: vector(1)
                    labels:
                      severity: info
            """;

    private String start(AlertingOptions alerting) throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        write("rules/always.yml", RULES);
        write("alertmanagers.json", "[{\"targets\": [\"127.0.0.1:9\"], \"labels\": {\"team\": \"ops\"}}]");
        Path config = write("vigil.yml", CONFIG);
        int port = Http.freePort();
        server = VigilServer.start(TestOptions.of(dir, config, port, false, alerting), o -> new InMemoryStorage());
        return "http://127.0.0.1:" + port;
    }

    private static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + last);
            }
            Thread.sleep(20);
            last = value.get();
        }
        return last;
    }

    @Test
    void firingRuleAlertsReachTheBuiltInNotifierAndItsApi() throws Exception {
        String base = start(AlertingOptions.DEFAULTS);
        var alerts = Http.pollUntil(base + "/api/v2/alerts", r -> r.body().contains("AlwaysFiring"), DEADLINE);
        JsonNode alert = MAPPER.readTree(alerts.body()).get(0);
        assertThat(alert.get("labels").get("cluster").asText())
                .as("external labels added")
                .isEqualTo("test");
        assertThat(alert.get("receivers").get(0).get("name").asText()).isEqualTo("nobody");

        assertThat(server.alerting().rules().alerts()).singleElement().satisfies(a -> assertThat(a.state())
                .isEqualTo("firing"));
        assertThat(await(
                        "the file-discovered Alertmanager",
                        () -> server.alerting().sender().status().activeAlertmanagers(),
                        l -> !l.isEmpty()))
                .containsExactly("http://127.0.0.1:9/api/v2/alerts");

        JsonNode status = MAPPER.readTree(Http.get(base + "/api/v2/status").body());
        assertThat(status.get("config").get("original").asText())
                .isEqualTo("route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n");

        String metrics = Http.get(base + "/metrics").body();
        assertThat(metrics)
                .contains("vigil_rule_group_iterations_total{rule_group=\"" + dir.resolve("rules/always.yml")
                        + ";always\"}")
                .contains("vigil_rule_evaluations_total")
                .contains("vigil_notifications_queue_capacity 10000")
                .contains("vigil_notifications_alertmanagers_discovered");
    }

    @Test
    void reloadAppliesNewRulesAndABadRuleFileKeepsTheRunningOnes() throws Exception {
        start(AlertingOptions.DEFAULTS);
        write(
                "rules/more.yml",
                """
                groups:
                  - name: recorded
                    rules:
                      - record: answer
                        expr: vector(42)
                """);
        assertThat(server.reload().ok()).isTrue();
        List<RuleGroupStatus> groups = server.alerting().rules().groups();
        assertThat(groups).extracting(RuleGroupStatus::name).containsExactly("always", "recorded");

        write("rules/broken.yml", "groups:\n  - name: broken\n    rules:\n      - record: x\n        expr: sum(\n");
        var outcome = server.reload();
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).contains("broken.yml").contains("could not parse expression");
        assertThat(server.alerting().rules().groups())
                .extracting(RuleGroupStatus::name)
                .containsExactly("always", "recorded");
    }

    @Test
    void notificationsConfigFileReplacesTheSection() throws Exception {
        Path file = write("alertmanager.yml", "route:\n  receiver: from-file\nreceivers:\n  - name: from-file\n");
        String base = start(new AlertingOptions(
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1), Optional.of(file), 100, true));
        var receivers = Http.pollUntil(base + "/api/v2/receivers", r -> r.statusCode() == 200, DEADLINE);
        assertThat(receivers.body()).isEqualTo("[{\"name\":\"from-file\"}]");
        var alerts = Http.pollUntil(base + "/api/v2/alerts", r -> r.body().contains("AlwaysFiring"), DEADLINE);
        assertThat(alerts.body()).contains("from-file");
    }
}
