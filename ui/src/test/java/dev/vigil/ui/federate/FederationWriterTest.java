package dev.vigil.ui.federate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Appender;
import dev.vigil.testkit.InMemoryStorage;
import dev.vigil.ui.ingest.RouteInstrumentation;
import dev.vigil.ui.support.TestHttpServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FederationWriterTest {
    private static final long NOW = 10_000_000L;
    private static final long LOOKBACK = 300_000L;

    private final InMemoryStorage storage = new InMemoryStorage();

    @BeforeEach
    void load() throws Exception {
        Appender app = storage.appender();
        app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "a:80"), NOW - 20_000, 0);
        app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "a:80"), NOW - 5_000, 1);
        app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "b:80"), NOW - 10_000, 1);
        app.append(0, Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"), NOW - 1000, 1.5e6);
        app.append(0, Labels.of("__name__", "http_requests_total", "job", "api", "env", "dev"), NOW - 1000, 7);
        app.append(0, Labels.of("__name__", "gone", "job", "api"), NOW - 2000, 1);
        app.append(0, Labels.of("__name__", "gone", "job", "api"), NOW - 1000, StaleMarker.STALE_NAN);
        app.append(0, Labels.of("__name__", "too_old", "job", "api"), NOW - LOOKBACK - 1, 1);
        app.append(0, Labels.of("__name__", "future", "job", "api"), NOW + 1, 1);
        app.append(0, Labels.of("__name__", "weird", "job", "api", "path", "a\"b\\c\nd"), NOW - 1000, Double.NaN);
        app.append(0, Labels.of("__name__", "other", "job", "db"), NOW - 1000, 3);
        app.commit();
    }

    private String render(Map<String, String> external, String... selectors) {
        List<Matcher[]> sets =
                java.util.Arrays.stream(selectors).map(MetricSelectors::parse).toList();
        return new FederationWriter(storage, LOOKBACK).render(sets, NOW, external);
    }

    @Test
    void writesLatestSamplesGroupedByFamilyWithExternalLabelsAndEmptyInstance() {
        assertThat(render(Map.of("region", "eu", "env", "prod"), "{job=\"api\"}"))
                .isEqualTo(
                        """
                        # TYPE http_requests_total untyped
                        http_requests_total{code="200",job="api",env="prod",instance="",region="eu"} 1.5e+06 9999000
                        http_requests_total{env="dev",job="api",instance="",region="eu"} 7 9999000
                        # TYPE up untyped
                        up{instance="a:80",job="api",env="prod",region="eu"} 1 9995000
                        up{instance="b:80",job="api",env="prod",region="eu"} 1 9990000
                        # TYPE weird untyped
                        weird{job="api",path="a\\"b\\\\c\\nd",env="prod",instance="",region="eu"} NaN 9999000
                        """);
    }

    @Test
    void unionOfSelectorsListsEachSeriesOnce() {
        assertThat(render(Map.of(), "up{instance=\"a:80\"}", "{__name__=~\"up|other\"}"))
                .isEqualTo(
                        """
                        # TYPE other untyped
                        other{job="db",instance=""} 3 9999000
                        # TYPE up untyped
                        up{instance="a:80",job="api"} 1 9995000
                        up{instance="b:80",job="api"} 1 9990000
                        """);
        assertThat(render(Map.of(), "nothing_matches")).isEmpty();
    }

    @Test
    void selectorsMustBePlainSeriesSelectors() {
        assertThatThrownBy(() -> MetricSelectors.parse("up{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSelectors.parse("rate(up[5m])"))
                .hasMessage("parse error: expected a series selector such as up{job=\"api\"}, got \"rate(up[5m])\"");
        assertThatThrownBy(() -> MetricSelectors.parse("up offset 5m"))
                .hasMessageContaining("expected a series selector");
        assertThatThrownBy(() -> MetricSelectors.parse("{job=~\".*\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endpointAnswersTextOrPlainErrors() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        try (TestHttpServer server = new TestHttpServer((router, workers) -> new FederateRoutes(
                        () -> storage,
                        () -> Map.of("dc", "x"),
                        Duration.ofMillis(LOOKBACK),
                        clock,
                        workers,
                        RouteInstrumentation.NONE,
                        new MetricRegistry())
                .addTo(router))) {
            HttpResponse<String> ok = server.send(
                    server.request("/federate?match[]=" + URLEncoder.encode("other", StandardCharsets.UTF_8)));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(ok.body())
                    .isEqualTo("# TYPE other untyped\nother{job=\"db\",dc=\"x\",instance=\"\"} 3 9999000\n");

            HttpResponse<String> missing = server.send(server.request("/federate"));
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).startsWith("no match[] parameter provided");

            HttpResponse<String> invalid = server.send(
                    server.request("/federate?match[]=" + URLEncoder.encode("sum(up)", StandardCharsets.UTF_8)));
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).startsWith("invalid match[] \"sum(up)\": ");
        }
    }
}
