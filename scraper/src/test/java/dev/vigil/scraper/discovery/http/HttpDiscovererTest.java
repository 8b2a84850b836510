package dev.vigil.scraper.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.HttpSdConfig;
import dev.vigil.config.http.Authorization;
import dev.vigil.config.http.BasicAuth;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpHeader;
import dev.vigil.config.http.ProxyConfig;
import dev.vigil.config.http.TlsConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.scraper.discovery.Await;
import dev.vigil.scraper.discovery.RecordingListener;
import dev.vigil.scraper.discovery.TargetGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDiscovererTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> contentType = new AtomicReference<>("application/json");
    private final AtomicReference<String> body = new AtomicReference<>("[]");
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final Counter failures = new MetricRegistry().counter("failures_total", "test");
    private final RecordingListener listener = new RecordingListener();
    private HttpDiscoverer discoverer;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sd", exchange -> {
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType.get());
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (discoverer != null) {
            discoverer.close();
        }
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sd");
    }

    private static HttpClientConfig http(Optional<BasicAuth> basic, Optional<Authorization> auth) {
        return new HttpClientConfig(
                basic,
                auth,
                Optional.empty(),
                true,
                false,
                TlsConfig.DEFAULT,
                ProxyConfig.NONE,
                Map.of("X-Custom", new HttpHeader(List.of("v1"), List.of(), List.of())));
    }

    private void start(HttpClientConfig http) {
        discoverer =
                new HttpDiscoverer(new HttpSdConfig(url(), PromDuration.ofMillis(20), http), dir::resolve, failures);
        discoverer.start(listener);
    }

    @Test
    void readsGroupsKeepsLastGoodOnErrorsAndSendsBasicAuth() {
        body.set("[{\"targets\": [\"a:1\", \"b:2\"], \"labels\": {\"env\": \"x\"}}, {\"targets\": []}]");
        start(http(Optional.of(new BasicAuth("user", "", "secret", "")), Optional.empty()));

        String u = url().toString();
        List<TargetGroup> good = List.of(
                TargetGroup.ofAddresses(u + ":0", List.of("a:1", "b:2"), Labels.of("env", "x", "__meta_url", u)),
                TargetGroup.ofAddresses(u + ":1", List.of(), Labels.of("__meta_url", u)));
        Await.until("groups", () -> good.equals(listener.last()));
        Map<String, List<String>> headers = requests.get(0);
        assertThat(headers.get("Authorization")).containsExactly("Basic dXNlcjpzZWNyZXQ=");
        assertThat(headers.get("X-custom")).containsExactly("v1");
        assertThat(headers.get("X-prometheus-refresh-interval-seconds")).containsExactly("0");

        status.set(500);
        Await.until("failure counted for a 500", () -> failures.get() >= 1);
        status.set(200);
        body.set("{not json");
        double before = failures.get();
        Await.until("failure counted for bad JSON", () -> failures.get() > before);
        body.set("[]");
        contentType.set("text/plain");
        double before2 = failures.get();
        Await.until("failure counted for a wrong content type", () -> failures.get() > before2);
        assertThat(listener.last()).isEqualTo(good);
        assertThat(listener.updates()).hasSize(1);

        contentType.set("application/json; charset=utf-8");
        Await.until("empty list replaces the groups", () -> List.of().equals(listener.last()));
    }

    @Test
    void bearerTokenFromFileIsReadOnEveryRequest() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        start(http(Optional.empty(), Optional.of(new Authorization("Bearer", "", "token"))));

        Await.until("first token sent", () -> requests.stream()
                .anyMatch(h -> List.of("Bearer first").equals(h.get("Authorization"))));
        Files.writeString(token, "second");
        Await.until("rotated token sent", () -> requests.stream()
                .anyMatch(h -> List.of("Bearer second").equals(h.get("Authorization"))));
    }
}
