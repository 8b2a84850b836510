package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, as the "done when" describes it: the demo exporter (examples/demo-exporter, run as a child
 * JVM) is scraped, the alert of examples/rules/demo-exporter.yml fires on its data, and a local Slack-compatible
 * receiver gets exactly one message for the group when it fires and one when it resolves, never two within a group
 * interval. Intervals are a second or two so the test takes seconds.
 */
class AlertingEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration GROUP_INTERVAL = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private record Message(long atNanos, String title, String color, String text) {}

    @TempDir
    Path dir;

    private Process exporter;
    private HttpServer slack;
    private VigilServer server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (slack != null) {
            slack.stop(0);
        }
        if (exporter != null) {
            exporter.destroy();
            if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
                exporter.destroyForcibly();
            }
        }
    }

    private int startExporter() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        exporter = new ProcessBuilder(
                        java.toString(),
                        Path.of("..", "examples", "demo-exporter", "DemoExporter.java")
                                .toString(),
                        "--port",
                        "0",
                        "--series",
                        "50")
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(exporter.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the demo exporter's start line").isNotNull();
        Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private int startSlackReceiver() throws Exception {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        slack.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            JsonNode body = MAPPER.readTree(exchange.getRequestBody());
            JsonNode attachment = body.get("attachments").get(0);
            messages.add(new Message(
                    at,
                    attachment.path("title").asText(),
                    attachment.path("color").asText(),
                    attachment.path("text").asText()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        return slack.getAddress().getPort();
    }

    @Test
    void demoExporterAlertReachesSlackOncePerGroupAndIntervalAndResolves() throws Exception {
        int exporterPort = startExporter();
        int slackPort = startSlackReceiver();
        Path rules = Path.of("..", "examples", "rules", "demo-exporter.yml")
                .toAbsolutePath()
                .normalize();
        Path config = dir.resolve("vigil.yml");
        Files.writeString(
                config,
                """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: demo
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                notifications:
                  route:
                    receiver: chat
                    group_by: [alertname, instance]
                    group_wait: 1s
                    group_interval: %ds
                    repeat_interval: 1h
                  receivers:
                    - name: chat
                      slack_configs:
                        - api_url: http://127.0.0.1:%d/hook
                          channel: '#alerts'
                          send_resolved: true
                          text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}'
                """
                        .formatted(rules, exporterPort, GROUP_INTERVAL.toSeconds(), slackPort));
        int port = Http.freePort();
        server = VigilServer.start(TestOptions.of(dir, config, port, false), options -> new InMemoryStorage());

        awaitMessages(m -> m.size() >= 2 && m.get(m.size() - 1).title().startsWith("[RESOLVED]"));
        List<Message> seen = new ArrayList<>(messages);
        assertThat(seen)
                .extracting(Message::title, Message::color)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "[FIRING:1] DemoManyRequestsInFlight 127.0.0.1:" + exporterPort + " (demo warning)",
                                "danger"),
                        org.assertj.core.groups.Tuple.tuple(
                                "[RESOLVED] DemoManyRequestsInFlight 127.0.0.1:" + exporterPort + " (demo warning)",
                                "good"));
        assertThat(seen.get(0).text()).contains("serves 1").contains("requests at once");
        // Flushes of a group are a group_interval apart; half of it leaves room for delivery latency jitter.
        assertThat(seen.get(1).atNanos() - seen.get(0).atNanos())
                .as("one message per group per group_interval")
                .isGreaterThanOrEqualTo(GROUP_INTERVAL.toNanos() / 2);

        // Nothing more for this group until it fires again, which takes another 13 scrapes.
        long quietUntil = seen.get(1).atNanos() + 2 * GROUP_INTERVAL.toNanos();
        while (System.nanoTime() < quietUntil) {
            Thread.sleep(50);
        }
        assertThat(messages).hasSize(2);

        AlertingRuleStatus rule = (AlertingRuleStatus)
                server.alerting().rules().groups().get(0).rules().get(0);
        assertThat(rule.health()).isEqualTo("ok");
        assertThat(rule.name()).isEqualTo("DemoManyRequestsInFlight");

        String api = "http://127.0.0.1:" + port + "/api/v1/rules?type=alert";
        assertThat(Http.get(api).body())
                .startsWith("{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":")
                .contains("\"name\":\"DemoManyRequestsInFlight\"")
                .contains("\"health\":\"ok\"")
                .contains("\"type\":\"alerting\"");
    }

    private void awaitMessages(java.util.function.Predicate<List<Message>> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(new ArrayList<>(messages))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no firing and resolved message pair within " + DEADLINE + "; got " + messages);
            }
            Thread.sleep(50);
        }
    }
}
