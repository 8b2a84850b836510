package dev.vigil.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.metrics.MetricRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoreRoutesTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeControl control = new FakeControl();
    private Vertx vertx;
    private HttpFrontend frontend;
    private MetricRegistry registry;

    private void start(boolean lifecycle) throws Exception {
        vertx = Vertx.vertx();
        registry = new MetricRegistry();
        Router router = Router.router(vertx);
        new CoreRoutes(registry, new RequestMetrics(registry), control, lifecycle).addTo(router);
        frontend = new HttpFrontend(vertx, new ListenAddress("127.0.0.1", 0), router);
        frontend.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (frontend != null) {
            frontend.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void healthyAlwaysAndReadyOnlyOnceTheServerSaysSo() throws Exception {
        start(false);
        assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(get("/-/healthy").body()).isEqualTo("Vigil Server is Healthy.\n");

        HttpResponse<String> notReady = get("/-/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("Service Unavailable");

        control.ready.set(true);
        HttpResponse<String> ready = get("/-/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("Vigil Server is Ready.\n");
        assertThat(send("HEAD", "/-/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void lifecycleEndpointsAreForbiddenUnlessEnabled() throws Exception {
        start(false);
        HttpResponse<String> reload = send("POST", "/-/reload");
        assertThat(reload.statusCode()).isEqualTo(403);
        assertThat(reload.body()).isEqualTo("Lifecycle API is not enabled.");
        assertThat(send("PUT", "/-/quit").statusCode()).isEqualTo(403);
        assertThat(control.reloads.get()).isZero();
        assertThat(control.shutdownRequested.get()).isFalse();
    }

    @Test
    void reloadReportsSuccessAndFailure() throws Exception {
        start(true);
        assertThat(send("POST", "/-/reload").statusCode()).isEqualTo(200);

        control.nextOutcome.set(ReloadOutcome.failure("cfg.yml:3:5: global.scrape_interval: bad duration"));
        HttpResponse<String> failed = send("POST", "/-/reload");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body())
                .isEqualTo("failed to reload config: cfg.yml:3:5: global.scrape_interval: bad duration\n");
        assertThat(control.reloads.get()).isEqualTo(2);
        assertThat(get("/-/reload").statusCode()).isEqualTo(405);
    }

    @Test
    void quitRequestsShutdown() throws Exception {
        start(true);
        HttpResponse<String> quit = send("POST", "/-/quit");
        assertThat(quit.statusCode()).isEqualTo(200);
        assertThat(quit.body()).isEqualTo("Requesting termination... Goodbye!\n");
        assertThat(control.shutdownRequested.get()).isTrue();
    }

    @Test
    void metricsEndpointServesTextFormatAndCountsRequestsPerHandler() throws Exception {
        start(false);
        registry.gauge("some_gauge", "A gauge.").set(7);
        get("/-/healthy");
        get("/-/healthy");
        get("/-/ready");

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("some_gauge 7\n")
                .contains("vigil_http_requests_total{code=\"200\",handler=\"/-/healthy\"} 2\n")
                .contains("vigil_http_requests_total{code=\"503\",handler=\"/-/ready\"} 1\n")
                .contains("vigil_http_request_duration_seconds_count{handler=\"/-/healthy\"} 2\n");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static final class FakeControl implements ServerControl {
        final AtomicBoolean ready = new AtomicBoolean();
        final AtomicInteger reloads = new AtomicInteger();
        final AtomicBoolean shutdownRequested = new AtomicBoolean();
        final AtomicReference<ReloadOutcome> nextOutcome = new AtomicReference<>(ReloadOutcome.success());

        @Override
        public boolean isReady() {
            return ready.get();
        }

        @Override
        public ReloadOutcome reload() {
            reloads.incrementAndGet();
            return nextOutcome.get();
        }

        @Override
        public void requestShutdown() {
            shutdownRequested.set(true);
        }
    }
}
