package dev.vigil.scraper.loop;

import static dev.vigil.scraper.loop.StorageReader.last;
import static dev.vigil.scraper.loop.StorageReader.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metadata.MetricMetadata;
import dev.vigil.model.relabel.Relabeler;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Appendable;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.http.ScrapeVertx;
import dev.vigil.scraper.target.ScrapeReport;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetBuilder;
import dev.vigil.scraper.target.TargetHealth;
import dev.vigil.testkit.InMemoryStorage;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrapeLoopTest {
    private static final String BODY =
            """
            # HELP http_requests_total Requests.
            # TYPE http_requests_total counter
            http_requests_total{code="200",method="get"} 10
            http_requests_total{code="500",method="get"} 2
            # TYPE temperature gauge
            temperature 21.5
            """;

    private FakeExporter exporter;
    private InMemoryStorage storage;
    private ScheduledExecutorService scheduler;
    private BodyBufferPool buffers;
    private static Vertx vertx;
    private final TestClock clock = new TestClock(1_700_000_000_000L);

    @BeforeAll
    static void startVertx() {
        vertx = ScrapeVertx.create();
    }

    @AfterAll
    static void closeVertx() {
        ScrapeVertx.close(vertx);
    }

    @BeforeEach
    void setUp() throws Exception {
        exporter = new FakeExporter();
        exporter.body = BODY;
        storage = new InMemoryStorage();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        buffers = new BodyBufferPool(4);
    }

    @AfterEach
    void tearDown() {
        exporter.close();
        scheduler.shutdownNow();
    }

    private ScrapeLoop loop(String options) throws Exception {
        return loop(options, exporter.address());
    }

    private ScrapeLoop loop(String options, String address) throws Exception {
        return loop(options, address, storage, scheduler);
    }

    private ScrapeLoop loop(String options, String address, Appendable storage, ScheduledExecutorService scheduler)
            throws Exception {
        // A generous timeout: the machine may be busy, and only the timeout test wants a short one.
        String timeout = options.contains("scrape_timeout") ? "" : "    scrape_timeout: 5s\n";
        String yaml = "scrape_configs:\n  - job_name: demo\n    scrape_interval: 10s\n" + timeout
                + options.indent(4)
                + "    static_configs:\n      - targets: ['" + address + "']\n";
        ScrapeConfig config = ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0);
        Target target = new TargetBuilder(config)
                .build(List.of(TargetGroup.ofAddresses("test", List.of(address), Labels.EMPTY)))
                .active()
                .get(0);
        return new ScrapeLoop(
                target,
                config,
                Relabeler.of(config.metricRelabelConfigs()),
                new ScrapeClient(config, Path::of, vertx),
                storage,
                scheduler,
                Runnable::run,
                ScrapeMetrics.unregistered(),
                clock,
                null,
                buffers);
    }

    private ScrapeReport scrape(ScrapeLoop loop) throws Exception {
        clock.advance(1000);
        return loop.scrapeNow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void successfulScrapeAppendsSamplesWithTargetLabelsAndReportSeries() throws Exception {
        ScrapeLoop loop = loop("");
        ScrapeReport report = scrape(loop);

        assertThat(report.health()).isEqualTo(TargetHealth.UP);
        assertThat(report.lastError()).isEmpty();
        assertThat(values(storage, "http_requests_total", "code", "200", "job", "demo", "instance", exporter.address()))
                .containsExactly(10.0);
        assertThat(last(storage, "temperature")).isEqualTo(21.5);
        assertThat(last(storage, "up", "job", "demo")).isEqualTo(1.0);
        assertThat(last(storage, "scrape_samples_scraped")).isEqualTo(3.0);
        assertThat(last(storage, "scrape_samples_post_metric_relabeling")).isEqualTo(3.0);
        assertThat(last(storage, "scrape_series_added")).isEqualTo(3.0);
        assertThat(last(storage, "scrape_duration_seconds")).isPositive();
        assertThat(loop.target().lastReport()).isEqualTo(report);
    }

    @Test
    void secondScrapeReusesTheCacheAndAddsNoSeries() throws Exception {
        ScrapeLoop loop = loop("");
        scrape(loop);
        int cached = loop.cache().size();
        ScrapeReport second = scrape(loop);

        assertThat(second.seriesAdded()).isZero();
        assertThat(loop.cache().size()).isEqualTo(cached).isEqualTo(3);
        assertThat(values(storage, "scrape_series_added")).containsExactly(3.0, 0.0);
        assertThat(values(storage, "temperature")).containsExactly(21.5, 21.5);
    }

    @Test
    void metadataOfTheScrapedFamiliesIsKeptPerTarget() throws Exception {
        ScrapeLoop loop = loop("");
        assertThat(loop.target().metadata().list()).isEmpty();
        scrape(loop);
        assertThat(loop.target().metadata().list())
                .containsExactly(
                        new MetricMetadata("http_requests_total", "counter", "Requests.", ""),
                        new MetricMetadata("temperature", "gauge", "", ""));

        exporter.contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
        exporter.body =
                """
                # TYPE temperature_celsius gauge
                # UNIT temperature_celsius celsius
                # HELP temperature_celsius Room temperature\\\\n in \\"C\\".
                temperature_celsius 22
                # EOF
                """;
        scrape(loop);
        assertThat(loop.target().lastReport().lastError()).isEmpty();
        assertThat(loop.target().metadata().get("temperature_celsius"))
                .contains(
                        new MetricMetadata("temperature_celsius", "gauge", "Room temperature\\n in \"C\".", "celsius"));
        assertThat(loop.target().metadata().get("http_requests_total"))
                .as("kept for a while after the family disappeared")
                .isPresent();

        for (int i = 0; i < MetadataCache.KEEP_SCRAPES; i++) {
            scrape(loop);
        }
        assertThat(loop.target().metadata().list())
                .extracting(MetricMetadata::metricFamily)
                .containsExactly("temperature_celsius");
    }

    @Test
    void slowTargetTimesOutWithUpZero() throws Exception {
        exporter.hang = true;
        ScrapeReport report = scrape(loop("scrape_timeout: 300ms"));

        assertThat(report.health()).isEqualTo(TargetHealth.DOWN);
        assertThat(report.lastError()).contains("context deadline exceeded");
        assertThat(last(storage, "up")).isEqualTo(0.0);
        assertThat(last(storage, "scrape_samples_scraped")).isEqualTo(0.0);
        // The abandoned exchange might still write into its buffer, so no later scrape may get it.
        assertThat(buffers.idleCount()).isZero();
    }

    @Test
    void http500FailsTheScrape() throws Exception {
        exporter.status = 500;
        ScrapeReport report = scrape(loop(""));

        assertThat(report.lastError()).isEqualTo("server returned HTTP status 500 Internal Server Error");
        assertThat(last(storage, "up")).isEqualTo(0.0);
        assertThat(values(storage, "temperature")).isEmpty();
    }

    @Test
    void bodyOverBodySizeLimitFailsTheScrape() throws Exception {
        exporter.body = BODY + "padding_metric{text=\"" + "x".repeat(2048) + "\"} 1\n";
        ScrapeReport report = scrape(loop("body_size_limit: 1KB"));

        assertThat(report.lastError()).startsWith("body size limit exceeded");
        assertThat(last(storage, "up")).isEqualTo(0.0);
        assertThat(values(storage, "temperature")).isEmpty();
    }

    @Test
    void gzipBodyOverBodySizeLimitFailsOnItsDecompressedSize() throws Exception {
        exporter.gzip = true;
        exporter.body = BODY + "padding_metric{text=\"" + "x".repeat(4096) + "\"} 1\n";
        ScrapeReport report = scrape(loop("body_size_limit: 2KB"));

        assertThat(report.lastError()).startsWith("body size limit exceeded");
    }

    @Test
    void sampleLimitExceededCommitsNoSamplesButReportsUpZero() throws Exception {
        ScrapeReport report = scrape(loop("sample_limit: 2"));

        assertThat(report.health()).isEqualTo(TargetHealth.DOWN);
        assertThat(report.lastError()).isEqualTo("sample limit exceeded (number of samples: 3, limit: 2)");
        assertThat(values(storage, "http_requests_total", "code", "200")).isEmpty();
        assertThat(last(storage, "up")).isEqualTo(0.0);
        assertThat(last(storage, "scrape_samples_scraped")).isEqualTo(3.0);
    }

    @Test
    void labelLimitsFailTheScrape() throws Exception {
        assertThat(scrape(loop("label_limit: 3")).lastError())
                .startsWith("label_limit exceeded (metric: http_requests_total, number of labels: 5, limit: 3)");
        assertThat(scrape(loop("label_value_length_limit: 3")).lastError())
                .startsWith("label_value_length_limit exceeded");
        assertThat(scrape(loop("label_name_length_limit: 5")).lastError())
                .startsWith("label_name_length_limit exceeded");
    }

    @Test
    void parseErrorFailsTheScrapeNamingTheLine() throws Exception {
        exporter.body = "ok 1\nbroken{ 2\n";
        ScrapeReport report = scrape(loop(""));

        assertThat(report.lastError()).contains("2");
        assertThat(values(storage, "ok")).isEmpty();
        assertThat(last(storage, "up")).isEqualTo(0.0);
    }

    @Test
    void vanishedSeriesGetStaleMarkers() throws Exception {
        ScrapeLoop loop = loop("");
        scrape(loop);
        exporter.body = "temperature 22\n";
        scrape(loop);

        List<Double> gone = values(storage, "http_requests_total", "code", "500");
        assertThat(gone).hasSize(2);
        assertThat(StaleMarker.isStaleNaN(gone.get(1))).isTrue();
        assertThat(values(storage, "temperature")).containsExactly(21.5, 22.0);
    }

    @Test
    void failedScrapeMarksThePreviousSeriesStale() throws Exception {
        ScrapeLoop loop = loop("");
        scrape(loop);
        exporter.status = 503;
        scrape(loop);
        scrape(loop);

        List<Double> temperature = values(storage, "temperature");
        assertThat(temperature).hasSize(2);
        assertThat(StaleMarker.isStaleNaN(temperature.get(1))).isTrue();
        assertThat(values(storage, "up")).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void stoppedLoopMarksAllItsSeriesStale() throws Exception {
        ScrapeLoop loop = loop("");
        scrape(loop);
        clock.advance(500);
        loop.stop(true);

        for (String metric : List.of("temperature", "up", "scrape_series_added")) {
            List<Double> v = values(storage, metric);
            assertThat(v).as(metric).hasSize(2);
            assertThat(StaleMarker.isStaleNaN(v.get(1))).as(metric).isTrue();
        }
    }

    @Test
    void explicitTimestampsAreHonouredAndExemptFromStalenessUnlessTracked() throws Exception {
        exporter.body = "with_ts 1 1600000000000\nplain 2\n";
        ScrapeLoop loop = loop("");
        scrape(loop);
        exporter.body = "";
        scrape(loop);

        assertThat(values(storage, "with_ts")).containsExactly(1.0);
        assertThat(values(storage, "plain")).hasSize(2);

        exporter.body = "with_ts 1 1600000000000\n";
        ScrapeLoop tracked = loop("track_timestamps_staleness: true");
        scrape(tracked);
        exporter.body = "";
        scrape(tracked);
        assertThat(values(storage, "with_ts")).hasSize(2);
    }

    @Test
    void honorTimestampsFalseUsesTheScrapeTime() throws Exception {
        exporter.body = "with_ts 1 1600000000000\n";
        scrape(loop("honor_timestamps: false"));
        Map<Labels, List<Double>> series = StorageReader.read(storage, Matcher.equal("__name__", "with_ts"));
        assertThat(series).hasSize(1);
        try (var q = storage.querier(clock.millis(), clock.millis())) {
            assertThat(q.select(false, Matcher.equal("__name__", "with_ts")).next())
                    .isTrue();
        }
    }

    @Test
    void honorLabelsFalseRenamesConflictingLabels() throws Exception {
        exporter.body = "m{job=\"exposed\",instance=\"i\",exported_job=\"taken\"} 1\n";
        scrape(loop(""));

        Map<Labels, List<Double>> series = StorageReader.read(storage, Matcher.equal("__name__", "m"));
        assertThat(series.keySet())
                .containsExactly(Labels.of(
                        "__name__", "m",
                        "job", "demo",
                        "instance", exporter.address(),
                        "exported_job", "taken",
                        "exported_exported_job", "exposed",
                        "exported_instance", "i"));
    }

    @Test
    void honorLabelsTrueKeepsScrapedLabels() throws Exception {
        exporter.body = "m{job=\"exposed\"} 1\n";
        scrape(loop("honor_labels: true"));

        Map<Labels, List<Double>> series = StorageReader.read(storage, Matcher.equal("__name__", "m"));
        assertThat(series.keySet())
                .containsExactly(Labels.of("__name__", "m", "job", "exposed", "instance", exporter.address()));
        assertThat(last(storage, "up", "job", "demo")).isEqualTo(1.0);
    }

    @Test
    void metricRelabelDropIsCachedAndNotCounted() throws Exception {
        ScrapeLoop loop = loop(
                """
                metric_relabel_configs:
                  - source_labels: [code]
                    regex: "500"
                    action: drop
                """);
        scrape(loop);
        ScrapeReport second = scrape(loop);

        assertThat(values(storage, "http_requests_total", "code", "500")).isEmpty();
        assertThat(values(storage, "http_requests_total", "code", "200")).hasSize(2);
        assertThat(second.samplesScraped()).isEqualTo(3);
        assertThat(second.samplesPostRelabeling()).isEqualTo(2);
        assertThat(loop.cache().size()).isEqualTo(3);
    }

    @Test
    void gzipBodyIsDecompressedAndCompressionRequested() throws Exception {
        exporter.gzip = true;
        ScrapeReport report = scrape(loop(""));

        assertThat(report.health()).isEqualTo(TargetHealth.UP);
        assertThat(exporter.lastAcceptEncoding).isEqualTo("gzip");
        assertThat(last(storage, "temperature")).isEqualTo(21.5);
        assertThat(buffers.idleCount())
                .as("compressed and decompressed bodies' buffers returned")
                .isEqualTo(2);
    }

    @Test
    void loopsShareBodyBuffersAndEachParsesOnlyItsOwnBody() throws Exception {
        exporter.body = BODY + "padding_metric{text=\"" + "x".repeat(40_000) + "\"} 1\n";
        try (FakeExporter small = new FakeExporter()) {
            small.body = "temperature 3\n";
            ScrapeLoop big = loop("");
            ScrapeLoop other = loop("", small.address());

            assertThat(scrape(big).samplesScraped()).isEqualTo(4);
            ScrapeReport report = scrape(other);

            // The buffer still holds the long body past the short one's end: only the short one may be read.
            assertThat(report.health()).isEqualTo(TargetHealth.UP);
            assertThat(report.samplesScraped()).isEqualTo(1);
            assertThat(last(storage, "temperature", "instance", small.address()))
                    .isEqualTo(3.0);
            assertThat(buffers.idleCount()).as("one buffer served both loops").isEqualTo(1);
        }
    }

    @Test
    void compressionCanBeDisabled() throws Exception {
        scrape(loop("enable_compression: false"));
        assertThat(exporter.lastAcceptEncoding).isEqualTo("identity");
    }

    @Test
    void openMetricsIsPreferredAndParsedByContentType() throws Exception {
        exporter.contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
        exporter.body =
                """
                # TYPE jobs counter
                jobs_total 7
                # TYPE jobs_created gauge
                # EOF
                """;
        ScrapeReport report = scrape(loop(""));

        // Prometheus 3's header for the default scrape_protocols, byte for byte.
        assertThat(exporter.lastAccept)
                .isEqualTo("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                        + "application/openmetrics-text;version=0.0.1;q=0.5,"
                        + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                        + "text/plain;version=0.0.4;q=0.3,"
                        + "*/*;q=0.2");
        assertThat(exporter.lastTimeoutHeader).isEqualTo("5");
        assertThat(report.lastError()).isEmpty();
        assertThat(last(storage, "jobs_total")).isEqualTo(7.0);
    }

    @Test
    void openMetricsBodyWithoutEofFailsAsOpenMetrics() throws Exception {
        exporter.contentType = "application/openmetrics-text; version=1.0.0";
        exporter.body = "jobs_total 7\n";
        ScrapeReport report = scrape(loop(""));
        assertThat(report.health()).isEqualTo(TargetHealth.DOWN);
    }

    @Test
    void scrapeProtocolsDecideTheAcceptHeader() throws Exception {
        scrape(loop("scrape_protocols: [PrometheusText0.0.4]"));
        assertThat(exporter.lastAccept).isEqualTo("text/plain;version=0.0.4;q=0.6,*/*;q=0.5");
        scrape(loop("scrape_protocols: [PrometheusProto, PrometheusText0.0.4]"));
        assertThat(exporter.lastAccept).isEqualTo("text/plain;version=0.0.4;q=0.5,*/*;q=0.4");
    }

    @Test
    void bearerTokenIsSent() throws Exception {
        scrape(loop("authorization:\n  credentials: s3cret"));
        assertThat(exporter.lastAuthorization).isEqualTo("Bearer s3cret");
        scrape(loop("basic_auth:\n  username: u\n  password: p"));
        assertThat(exporter.lastAuthorization).isEqualTo("Basic dTpw");
    }

    @Test
    void paramsAreSentAsTheQueryString() throws Exception {
        ScrapeReport report = scrape(loop("params:\n  module: [http_2xx]\n  target: ['a b', c]"));

        assertThat(report.health()).isEqualTo(TargetHealth.UP);
        assertThat(exporter.lastQuery).isEqualTo("module=http_2xx&target=a+b&target=c");
    }

    @Test
    void redirectsAreFollowedUnlessFollowRedirectsIsFalse() throws Exception {
        try (FakeExporter redirecting = new FakeExporter()) {
            redirecting.redirectTo = "http://" + exporter.address() + "/metrics";
            ScrapeReport followed = scrape(loop("", redirecting.address()));
            assertThat(followed.health()).isEqualTo(TargetHealth.UP);
            assertThat(exporter.lastRequestTarget).isEqualTo("/metrics");

            ScrapeReport refused = scrape(loop("follow_redirects: false", redirecting.address()));
            // The reason phrase is the server's own (the JDK's server says this for 302), as in Go's resp.Status.
            assertThat(refused.lastError()).isEqualTo("server returned HTTP status 302 Temporary Redirect");
        }
    }

    @Test
    void aRedirectLoopStopsAfterTenRedirectsAsGoDoes() throws Exception {
        exporter.redirectTo = "http://" + exporter.address() + "/metrics";
        ScrapeReport report = scrape(loop(""));

        assertThat(report.lastError())
                .isEqualTo("Get \"http://" + exporter.address() + "/metrics\": stopped after 10 redirects");
        assertThat(exporter.requests).hasValue(11);
    }

    @ParameterizedTest
    @CsvSource({
        "'authorization:\\n  credentials_file: ', first, rotated, Bearer first, Bearer rotated",
        "'basic_auth:\\n  username: u\\n  password_file: ', p1, p2, Basic dTpwMQ==, Basic dTpwMg=="
    })
    void credentialsFilesAreReadForEveryScrape(
            String option, String first, String rotated, String firstHeader, String rotatedHeader, @TempDir Path dir)
            throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), first + "\n");
        ScrapeLoop loop = loop(option.replace("\\n", "\n") + secret);
        scrape(loop);
        assertThat(exporter.lastAuthorization).isEqualTo(firstHeader);
        Files.writeString(secret, rotated + "\n");
        scrape(loop);
        assertThat(exporter.lastAuthorization).isEqualTo(rotatedHeader);
    }

    @Test
    void httpHeadersAreSentWithTheScrapeHeaders() throws Exception {
        ScrapeReport report = scrape(loop("http_headers:\n  X-Tenant:\n    values: [a, b]"));

        assertThat(report.health()).isEqualTo(TargetHealth.UP);
        assertThat(exporter.lastTenant).containsExactly("a", "b");
        assertThat(exporter.lastUserAgent).isEqualTo("Vigil/0.1");
    }

    @Test
    void proxyUrlSendsTheScrapeThroughTheProxy() throws Exception {
        // The target's name does not resolve: only the proxy can answer.
        ScrapeReport report = scrape(loop("proxy_url: http://" + exporter.address(), "target.invalid:9100"));

        assertThat(report.lastError()).isEmpty();
        assertThat(exporter.lastRequestTarget).isEqualTo("http://target.invalid:9100/metrics");
        assertThat(last(storage, "temperature", "instance", "target.invalid:9100"))
                .isEqualTo(21.5);
    }

    @Test
    void eachScrapeIsOneCommitAndAFailedOneCommitsNothingOfItsBody() throws Exception {
        CountingStorage counting = new CountingStorage(storage);
        ScrapeLoop loop = loop("", exporter.address(), counting, scheduler);
        scrape(loop);
        assertThat(counting.commits).hasValue(1);
        assertThat(counting.rollbacks).hasValue(0);

        exporter.body = "temperature 30\nbroken{ 2\n";
        scrape(loop);
        // The partial body is rolled back; stale markers and up=0 go in one commit.
        assertThat(counting.commits).hasValue(2);
        assertThat(counting.rollbacks).hasValue(1);
        assertThat(values(storage, "temperature")).hasSize(2).doesNotContain(30.0);
    }

    @Test
    void firstScrapesAreSpreadOverTheIntervalByTargetHash() throws Exception {
        RecordingScheduler recording = new RecordingScheduler();
        try {
            List<Long> phases = new java.util.ArrayList<>();
            for (int port = 10000; port < 10100; port++) {
                ScrapeLoop spread = loop("", "127.0.0.1:" + port, storage, recording);
                long now = clock.millis();
                spread.start();
                long delay = recording.lastDelayMs();
                assertThat(delay).isBetween(0L, 9_999L);
                phases.add(Math.floorMod(now + delay, 10_000L));
                spread.stop(false);
            }
            assertThat(phases.stream().distinct().count()).isGreaterThan(90);

            // The same target keeps its phase whenever it starts.
            ScrapeLoop again = loop("", "127.0.0.1:10000", storage, recording);
            clock.advance(12_345);
            again.start();
            assertThat(Math.floorMod(clock.millis() + recording.lastDelayMs(), 10_000L))
                    .isEqualTo(phases.get(0));
            again.stop(false);
        } finally {
            recording.shutdownNow();
        }
    }

    @Test
    void outOfOrderSamplesAreCountedNotFatal() throws Exception {
        exporter.body = "with_ts 1 1600000000000\n";
        ScrapeLoop loop = loop("");
        scrape(loop);
        exporter.body = "with_ts 2 1500000000000\nplain 1\n";
        ScrapeReport report = scrape(loop);

        assertThat(report.health()).isEqualTo(TargetHealth.UP);
        assertThat(report.rejectedOutOfOrder()).isEqualTo(1);
        assertThat(values(storage, "plain")).containsExactly(1.0);
    }
}
