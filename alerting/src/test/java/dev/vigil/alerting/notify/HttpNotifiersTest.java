package dev.vigil.alerting.notify;

import static dev.vigil.alerting.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook and Slack delivery against a local HTTP server that fails, hangs and throttles on request. */
class HttpNotifiersTest {
    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the server does with the next request; "ok" once the script runs out. */
    private final Deque<String> script = new ArrayDeque<>();

    private record Received(String path, String authorization, String team, JsonNode body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;
    private int port;
    private final ManualScheduler clock = new ManualScheduler(T0);
    private final NotifyMetrics metrics = new NotifyMetrics(new MetricRegistry());
    private Dispatcher dispatcher;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest req) {
        String action;
        synchronized (script) {
            action = script.isEmpty() ? "ok" : script.poll();
        }
        req.body().onSuccess(body -> {
            try {
                received.add(new Received(
                        req.path(),
                        req.getHeader("Authorization"),
                        req.getHeader("X-Team"),
                        MAPPER.readTree(body.toString())));
            } catch (Exception e) {
                received.add(new Received(req.path(), null, null, null));
            }
            switch (action) {
                case "hang" -> {
                    // Never answer; the client's timeout must fire.
                }
                case "500" -> req.response().setStatusCode(500).end("internal error");
                case "429" ->
                    req.response()
                            .setStatusCode(429)
                            .putHeader("Retry-After", "7")
                            .end("slow down");
                case "400" -> req.response().setStatusCode(400).end("x".repeat(5000));
                default -> req.response().setStatusCode(200).end("ok");
            }
        });
    }

    private void answer(String... actions) {
        synchronized (script) {
            script.addAll(List.of(actions));
        }
    }

    private Dispatcher start(String receivers) throws Exception {
        String yaml =
                """
                route:
                  receiver: hooks
                  group_by: [alertname]
                receivers:
                """
                        + receivers.replace("PORT", String.valueOf(port));
        NotificationsConfig config = NotificationsConfigLoader.parse(yaml, "test.yml");
        StateStore store = new InMemoryStateStore();
        dispatcher = new Dispatcher(
                config,
                Integrations.build(config, NotificationTemplates.defaults(), vertx),
                clock,
                new Silences(store, clock, Duration.ofHours(1)),
                new NotificationLog(store, Duration.ofHours(1)),
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0, new Random(1)),
                metrics,
                "http://vigil:9090");
        return dispatcher;
    }

    private double requests() {
        return metrics.requests.labels("webhook").get();
    }

    private double failedRequests() {
        return metrics.requestsFailed.labels("webhook").get();
    }

    private static Alert alert(String name, String instance) {
        return Alert.of(
                Labels.of("alertname", name, "instance", instance),
                Map.of("summary", "s"),
                T0,
                Optional.of(T0.plus(Duration.ofHours(1))),
                "http://gen");
    }

    @Test
    void postsAlertmanagersWebhookPayloadWithAuthAndTruncation() throws Exception {
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url: http://127.0.0.1:PORT/hook
                        max_alerts: 1
                        http_config:
                          basic_auth: {username: u, password: p}
                """);
        dispatcher.put(List.of(alert("Up", "a"), alert("Up", "b")));
        clock.advance(Duration.ofSeconds(30));
        await("the webhook call", () -> received.size() == 1);
        Received r = received.get(0);
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.authorization()).isEqualTo("Basic dTpw");
        JsonNode body = r.body();
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("receiver").asText()).isEqualTo("hooks");
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("groupKey").asText()).isEqualTo("{}:{alertname=\"Up\"}");
        assertThat(body.get("truncatedAlerts").asInt()).isEqualTo(1);
        assertThat(body.get("groupLabels").toString()).isEqualTo("{\"alertname\":\"Up\"}");
        assertThat(body.get("commonLabels").toString()).isEqualTo("{\"alertname\":\"Up\"}");
        assertThat(body.get("commonAnnotations").toString()).isEqualTo("{\"summary\":\"s\"}");
        assertThat(body.get("externalURL").asText()).isEqualTo("http://vigil:9090");
        JsonNode a = body.get("alerts").get(0);
        assertThat(body.get("alerts")).hasSize(1);
        assertThat(a.get("status").asText()).isEqualTo("firing");
        assertThat(a.get("labels").toString()).isEqualTo("{\"alertname\":\"Up\",\"instance\":\"a\"}");
        assertThat(a.get("startsAt").asText()).isEqualTo("2024-03-04T10:00:00Z");
        assertThat(a.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(a.get("generatorURL").asText()).isEqualTo("http://gen");
        assertThat(a.get("fingerprint").asText()).isEqualTo(alert("Up", "a").fingerprintHex());
    }

    @Test
    void sendsBearerCredentialsFromAFileAndCustomHeaders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path token = dir.resolve("token");
        java.nio.file.Files.writeString(token, "s3cret\n");
        java.nio.file.Path url = dir.resolve("url");
        java.nio.file.Files.writeString(url, "http://127.0.0.1:" + port + "/from-file\n");
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url_file: URLFILE
                        http_config:
                          authorization: {credentials_file: TOKEN}
                          http_headers:
                            X-Team: {values: [db]}
                """
                        .replace("URLFILE", url.toString())
                        .replace("TOKEN", token.toString()));
        dispatcher.put(List.of(alert("Up", "a")));
        clock.advance(Duration.ofSeconds(30));
        await("the webhook call", () -> received.size() == 1);
        assertThat(received.get(0).path()).isEqualTo("/from-file");
        assertThat(received.get(0).authorization()).isEqualTo("Bearer s3cret");
        assertThat(received.get(0).team()).isEqualTo("db");
    }

    @Test
    void retriesServerErrorsWithBackoffOnTheFakeClock() throws Exception {
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url: http://127.0.0.1:PORT/hook
                """);
        answer("500", "500");
        dispatcher.put(List.of(alert("Flaky", "a")));
        clock.advance(Duration.ofSeconds(30));
        await("first failure", () -> failedRequests() == 1 && clock.pending() == 3);
        clock.advance(Duration.ofMillis(999));
        assertThat(requests()).as("backoff 1s not over").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(requests()).isEqualTo(2);
        await("second failure", () -> failedRequests() == 2 && clock.pending() == 3);
        clock.advance(Duration.ofMillis(1999));
        assertThat(requests()).as("backoff 2s not over").isEqualTo(2);
        clock.advance(Duration.ofMillis(1));
        await(
                "success",
                () -> received.size() == 3 && metrics.latency.labels("webhook").count() == 1);
        assertThat(metrics.notificationsFailed.labels("webhook", "serverError").get())
                .isZero();

        clock.advance(Duration.ofMinutes(30));
        assertThat(received).as("nothing duplicated within repeat_interval").hasSize(3);
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url: http://127.0.0.1:PORT/hook
                """);
        answer("429");
        dispatcher.put(List.of(alert("Throttled", "a")));
        clock.advance(Duration.ofSeconds(30));
        await("the 429", () -> failedRequests() == 1 && clock.pending() == 3);
        clock.advance(Duration.ofMillis(6999));
        assertThat(requests()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        await("the retry", () -> received.size() == 2);
    }

    @Test
    void doesNotRetryClientErrorsAndTriesAgainAtTheNextFlush() throws Exception {
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url: http://127.0.0.1:PORT/hook
                """);
        answer("400");
        dispatcher.put(List.of(alert("Rejected", "a")));
        clock.advance(Duration.ofSeconds(30));
        await(
                "the failure",
                () -> metrics.notificationsFailed
                                        .labels("webhook", "clientError")
                                        .get()
                                == 1
                        && dispatcher.flushesInProgress() == 0);
        clock.advance(Duration.ofMinutes(4));
        assertThat(requests()).as("no retry of a 400").isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        await("the next flush", () -> received.size() == 2);
        clock.advance(Duration.ofMinutes(30));
        assertThat(received).hasSize(2);
    }

    @Test
    void aHangingServerTimesOutAndTheRetrySucceeds() throws Exception {
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url: http://127.0.0.1:PORT/hook
                        timeout: 200ms
                """);
        answer("hang");
        dispatcher.put(List.of(alert("Slow", "a")));
        clock.advance(Duration.ofSeconds(30));
        await("the timeout", () -> failedRequests() == 1 && clock.pending() == 3);
        clock.advance(Duration.ofSeconds(1));
        await(
                "the retry",
                () -> received.size() == 2 && metrics.latency.labels("webhook").count() == 1);
        assertThat(metrics.notificationsFailed.labels("webhook", "other").get()
                        + metrics.notificationsFailed
                                .labels("webhook", "contextCanceledOrDeadlineExceeded")
                                .get())
                .isZero();
    }

    @Test
    void unreachableEndpointIsRetriedThenGivenUp() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        start(
                """
                  - name: hooks
                    webhook_configs:
                      - url: http://127.0.0.1:PORT/hook
                """);
        dispatcher.put(List.of(alert("Gone", "a")));
        clock.advance(Duration.ofSeconds(30));
        for (int attempt = 1; attempt <= 9; attempt++) {
            int done = attempt;
            await("failure " + attempt, () -> failedRequests() == done && clock.pending() == 3);
            clock.advance(Duration.ofSeconds(Math.min(60, 1L << (attempt - 1))));
        }
        await(
                "giving up",
                () -> metrics.notificationsFailed.labels("webhook", "other").get() == 1);
        assertThat(requests()).isEqualTo(10);
    }

    @Test
    void postsSlackMessagesWithDefaultTemplates() throws Exception {
        start(
                """
                  - name: hooks
                    slack_configs:
                      - api_url: http://127.0.0.1:PORT/slack
                        channel: '#ops'
                        send_resolved: true
                        fields:
                          - title: Instance
                            value: '{{ range .Alerts }}{{ .Labels.instance }}{{ end }}'
                """);
        Alert a = alert("Down", "db-1");
        dispatcher.put(List.of(a));
        clock.advance(Duration.ofSeconds(30));
        await("the slack call", () -> received.size() == 1 && dispatcher.flushesInProgress() == 0);
        JsonNode msg = received.get(0).body();
        assertThat(received.get(0).path()).isEqualTo("/slack");
        assertThat(msg.get("channel").asText()).isEqualTo("#ops");
        assertThat(msg.get("username").asText()).isEqualTo("Vigil");
        JsonNode att = msg.get("attachments").get(0);
        assertThat(att.get("title").asText()).isEqualTo("[FIRING:1] Down (db-1)");
        assertThat(att.get("title_link").asText()).isEqualTo("http://vigil:9090/#/alerts?receiver=hooks");
        assertThat(att.get("color").asText()).isEqualTo("danger");
        assertThat(att.get("fallback").asText())
                .isEqualTo("[FIRING:1] Down (db-1) | http://vigil:9090/#/alerts?receiver=hooks");
        assertThat(att.get("fields").get(0).toString())
                .isEqualTo("{\"title\":\"Instance\",\"value\":\"db-1\",\"short\":false}");
        assertThat(att.has("text")).as("empty text left out").isFalse();

        dispatcher.put(List.of(Alert.of(a.labels(), a.annotations(), a.startsAt(), Optional.of(clock.now()), "")));
        clock.advance(Duration.ofMinutes(5));
        await("the resolved message", () -> received.size() == 2);
        JsonNode resolved = received.get(1).body().get("attachments").get(0);
        assertThat(resolved.get("color").asText()).isEqualTo("good");
        assertThat(resolved.get("title").asText()).isEqualTo("[RESOLVED] Down (db-1)");
    }

    @Test
    void postsDiscordEmbeds() throws Exception {
        start(
                """
                  - name: hooks
                    discord_configs:
                      - webhook_url: http://127.0.0.1:PORT/discord
                """);
        Alert a = alert("Down", "db-1");
        dispatcher.put(List.of(a));
        clock.advance(Duration.ofSeconds(30));
        await("the discord call", () -> received.size() == 1 && dispatcher.flushesInProgress() == 0);
        JsonNode embed = received.get(0).body().get("embeds").get(0);
        assertThat(embed.get("title").asText()).isEqualTo("[FIRING:1] Down (db-1)");
        assertThat(embed.get("color").asInt()).isEqualTo(0x992D22);
        assertThat(embed.get("description").asText())
                .isEqualTo("Alerts Firing:\nLabels:\n - alertname = Down\n - instance = db-1\nAnnotations:\n"
                        + " - summary = s\nSource: http://gen\n");
        dispatcher.put(List.of(Alert.of(a.labels(), a.annotations(), a.startsAt(), Optional.of(clock.now()), "")));
        clock.advance(Duration.ofMinutes(5));
        await("the resolved message", () -> received.size() == 2);
        JsonNode resolved = received.get(1).body().get("embeds").get(0);
        assertThat(resolved.get("color").asInt()).isEqualTo(0x2ECC71);
        assertThat(resolved.get("description").asText()).startsWith("Alerts Resolved:\nLabels:");
    }
}
