package dev.vigil.scraper;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.scraper.discovery.Await;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.target.ScrapeReport;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetHealth;
import dev.vigil.scraper.target.TargetStatusRegistry;
import dev.vigil.testkit.InMemoryStorage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScrapeManagerTest {
    private final List<HttpServer> servers = new ArrayList<>();
    private final InMemoryStorage storage = new InMemoryStorage();
    private final TargetStatusRegistry status = new TargetStatusRegistry();
    private final MetricRegistry registry = new MetricRegistry();
    private ScrapeManager manager;

    @BeforeEach
    void setUp() {
        manager = new ScrapeManager(storage, registry, status, Path::of);
    }

    @AfterEach
    void tearDown() {
        manager.close();
        servers.forEach(s -> s.stop(0));
    }

    private String exporter(String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static List<ScrapeConfig> config(String jobOptions) throws Exception {
        String yaml = "scrape_configs:\n  - job_name: app\n    scrape_interval: 100ms\n    scrape_timeout: 100ms\n"
                + jobOptions.indent(4);
        return ConfigLoader.parse(yaml, "test").scrapeConfigs();
    }

    private static Map<String, List<TargetGroup>> groups(String... addresses) {
        return Map.of("app", List.of(TargetGroup.ofAddresses("static", List.of(addresses), Labels.EMPTY)));
    }

    private List<Double> values(String metric, String instance) {
        List<Double> values = new ArrayList<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set =
                    q.select(false, Matcher.equal(Labels.METRIC_NAME, metric), Matcher.equal("instance", instance));
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    values.add(it.value());
                }
            }
        }
        return values;
    }

    private List<Target> active() {
        TargetStatusRegistry.PoolStatus pool = status.snapshot().get("app");
        return pool == null ? List.of() : pool.active();
    }

    @Test
    void scrapesTargetsKeepsUnchangedOnesAndMarksVanishedOnesStale() throws Exception {
        String a = exporter("a_metric 1\n");
        String b = exporter("b_metric 2\n");
        manager.applyConfig(config(""));
        manager.sync(groups(a, b));

        Await.until(
                "both targets up",
                () -> active().size() == 2
                        && active().stream().allMatch(t -> t.lastReport().health() == TargetHealth.UP));
        Target keptA = active().stream()
                .filter(t -> t.labels().get("instance").equals(a))
                .findFirst()
                .orElseThrow();

        manager.sync(groups(a));

        assertThat(active()).containsExactly(keptA);
        List<Double> bValues = values("b_metric", b);
        assertThat(StaleMarker.isStaleNaN(bValues.get(bValues.size() - 1))).isTrue();
        List<Double> bUp = values("up", b);
        assertThat(StaleMarker.isStaleNaN(bUp.get(bUp.size() - 1))).isTrue();
        int before = values("a_metric", a).size();
        Await.until("a still scraped", () -> values("a_metric", a).size() > before);
        assertThat(TextExposition.write(registry))
                .contains("vigil_target_scrape_pools 1")
                .contains("vigil_target_scrape_pool_targets{scrape_job=\"app\"} 1")
                .contains("vigil_sd_discovered_targets{config=\"app\"} 1");
    }

    @Test
    void statusShowsEachTargetsLabelsAndLatestScrapeAndTheDroppedTargets() throws Exception {
        String up = exporter("a_metric 1\n");
        String down;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = "127.0.0.1:" + closed.getLocalPort();
        }
        manager.applyConfig(
                config(
                        """
                relabel_configs:
                  - source_labels: [__address__]
                    regex: "dropped:.*"
                    action: drop
                  - target_label: team
                    replacement: core
                """));
        manager.sync(groups(up, down, "dropped:9100"));

        // The 100 ms timeout can cut a scrape short on a busy machine: keep the reports of a moment when each
        // target's scrape went its way.
        Map<String, ScrapeReport> reports = new java.util.concurrent.ConcurrentHashMap<>();
        Await.until("one target up, the other down", () -> {
            for (Target t : active()) {
                ScrapeReport r = t.lastReport();
                boolean expected = t.labels().get("instance").equals(up)
                        ? r.health() == TargetHealth.UP
                        : r.health() == TargetHealth.DOWN;
                if (expected) {
                    reports.put(t.labels().get("instance"), r);
                }
            }
            return reports.size() == 2;
        });
        TargetStatusRegistry.PoolStatus pool = status.snapshot().get("app");
        Target healthy = pool.active().stream()
                .filter(t -> t.labels().get("instance").equals(up))
                .findFirst()
                .orElseThrow();
        assertThat(healthy.scrapePool()).isEqualTo("app");
        assertThat(healthy.labels()).isEqualTo(Labels.of("instance", up, "job", "app", "team", "core"));
        assertThat(healthy.discoveredLabels().get("__address__")).isEqualTo(up);
        assertThat(healthy.discoveredLabels().get("job")).isEqualTo("app");
        assertThat(healthy.discoveredLabels().has("team")).isFalse();
        ScrapeReport ok = reports.get(up);
        assertThat(ok.lastError()).isEmpty();
        assertThat(ok.lastScrapeMs()).isPositive();
        assertThat(ok.durationSeconds()).isPositive();
        assertThat(ok.samplesScraped()).isEqualTo(1);
        assertThat(reports.get(down).lastError()).startsWith("Get \"http://" + down + "/metrics\": ");

        assertThat(pool.droppedCount()).isEqualTo(1);
        assertThat(pool.dropped()).hasSize(1);
        assertThat(pool.dropped().get(0).get("__address__")).isEqualTo("dropped:9100");
        assertThat(pool.dropped().get(0).get("job")).isEqualTo("app");
    }

    @Test
    void targetLimitStopsScrapingAndReportsTheError() throws Exception {
        String a = exporter("a_metric 1\n");
        String b = exporter("b_metric 2\n");
        manager.applyConfig(config("target_limit: 1"));
        manager.sync(groups(a, b));

        assertThat(active()).hasSize(2).allSatisfy(t -> {
            assertThat(t.lastReport().health()).isEqualTo(TargetHealth.DOWN);
            assertThat(t.lastReport().lastError()).isEqualTo("target_limit exceeded (number of targets: 2, limit: 1)");
        });
        assertThat(manager.pool("app").activeLoops()).isZero();
    }

    @Test
    void changedConfigRestartsLoopsAndRemovedJobIsStoppedWithStaleMarkers() throws Exception {
        String a = exporter("a_metric{path=\"x\"} 1\n");
        manager.applyConfig(config(""));
        manager.sync(groups(a));
        Await.until("scraped", () -> !values("a_metric", a).isEmpty());

        manager.applyConfig(
                config(
                        """
                metric_relabel_configs:
                  - target_label: extra
                    replacement: yes
                """));
        Await.until("scraped with new labels", () -> {
            try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                return q.select(false, Matcher.equal("extra", "yes")).next();
            }
        });
        List<Double> old = new ArrayList<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false, Matcher.equal(Labels.METRIC_NAME, "a_metric"), Matcher.equal("extra", ""));
            assertThat(set.next()).isTrue();
            SeriesIterator it = set.at().iterator();
            while (it.next()) {
                old.add(it.value());
            }
        }
        assertThat(StaleMarker.isStaleNaN(old.get(old.size() - 1))).isTrue();

        manager.applyConfig(List.of());
        List<Double> up = values("up", a);
        assertThat(StaleMarker.isStaleNaN(up.get(up.size() - 1))).isTrue();
        assertThat(status.snapshot()).isEmpty();
    }
}
