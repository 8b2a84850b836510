package dev.vigil.alerting.api;

import dev.vigil.alerting.notify.InMemoryStateStore;
import dev.vigil.alerting.notify.ManualScheduler;
import dev.vigil.alerting.notify.NotificationService;
import dev.vigil.alerting.notify.NotifyMetrics;
import dev.vigil.alerting.notify.RetryPolicy;
import dev.vigil.alerting.notify.SystemScheduler;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.metrics.MetricRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A Vert.x server with the Alertmanager API over a notification service on a manual clock at the wall time. */
final class ApiFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final ManualScheduler clock = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final SystemScheduler wallClock;
    final AtomicReference<NotificationService> service = new AtomicReference<>();
    final HttpServer server;
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiFixture(String notificationsYaml) throws Exception {
        this(notificationsYaml, false);
    }

    /** @param wallTime run on the wall clock, for clients that compute times themselves (amtool) */
    ApiFixture(String notificationsYaml, boolean wallTime) throws Exception {
        wallClock = wallTime ? new SystemScheduler() : null;
        NotificationService s = new NotificationService(
                new InMemoryStateStore(),
                wallTime ? wallClock : clock,
                vertx,
                new NotifyMetrics(new MetricRegistry()),
                RetryPolicy.defaults(),
                "http://vigil:9090",
                Duration.ofHours(120));
        s.apply(NotificationsConfigLoader.parse(notificationsYaml, "notifications.yml"));
        service.set(s);
        Router router = Router.router(vertx);
        new AlertmanagerApi(
                        service::get,
                        new StatusInfo(
                                "1.2.3",
                                "abc",
                                "main",
                                "builder",
                                "2024-05-01",
                                "17",
                                Instant.parse("2024-05-01T00:00:00Z"),
                                () -> notificationsYaml))
                .addTo(router);
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        NotificationService s = service.get();
        if (s != null) {
            s.close();
        }
        if (wallClock != null) {
            wallClock.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
