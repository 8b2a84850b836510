package dev.vigil.ui.api;

import static dev.vigil.ui.api.ApiServer.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Queryable;
import dev.vigil.model.storage.StorageException;
import dev.vigil.testkit.InMemoryStorage;
import dev.vigil.ui.status.AlertmanagersView;
import dev.vigil.ui.status.RulesView;
import dev.vigil.ui.status.TargetsView;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour beyond single response bodies: limits, CORS, readiness, admin, stats, streaming. */
class ApiBehaviourTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ApiServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private ApiServer serve(ApiServer.Options options, Queryable queryable) throws Exception {
        server = new ApiServer(options).start(queryable);
        return server;
    }

    @Test
    void queriesBeyondMaxConcurrencyWaitForAFreeSlot() throws Exception {
        BlockingQueryable blocking = new BlockingQueryable(Fixtures.storage());
        serve(ApiServer.Options.defaults().withMaxConcurrency(1), blocking);
        QueryLimiter limiter = server.api.queryLimiter();

        CompletableFuture<HttpResponse<String>> first =
                async(path("/api/v1/query", "query", "up", "time", "1700000000"));
        QueryLimiterTest.awaitTrue(() -> blocking.waiting.get() == 1);
        CompletableFuture<HttpResponse<String>> second =
                async(path("/api/v1/query", "query", "count(up)", "time", "1700000000"));
        QueryLimiterTest.awaitTrue(() -> limiter.waiting() == 1);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(blocking.opened.get()).as("the second query has not started").isEqualTo(1);

        blocking.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> secondResponse = second.get(10, TimeUnit.SECONDS);
        assertThat(secondResponse.statusCode()).isEqualTo(200);
        assertThat(secondResponse.body()).contains("\"value\":[1700000000,\"3\"]");
        assertThat(blocking.opened.get()).isEqualTo(2);
    }

    @Test
    void aQueuedQueryTimesOutWithPrometheusTimeoutError() throws Exception {
        BlockingQueryable blocking = new BlockingQueryable(Fixtures.storage());
        serve(ApiServer.Options.defaults().withMaxConcurrency(1), blocking);
        CompletableFuture<HttpResponse<String>> first = async(path("/api/v1/query", "query", "up"));
        QueryLimiterTest.awaitTrue(() -> blocking.waiting.get() == 1);

        HttpResponse<String> late = server.get(path("/api/v1/query", "query", "up", "timeout", "100ms"));
        assertThat(late.statusCode()).isEqualTo(503);
        assertThat(late.body())
                .isEqualTo(
                        "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query queue\"}");
        blocking.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatLeavesWhileItsQueryWaitsNeverHasItEvaluated() throws Exception {
        BlockingQueryable blocking = new BlockingQueryable(Fixtures.storage());
        AtomicInteger ended = new AtomicInteger();
        RouteInstrumenter countEnds = (route, handler) -> ctx -> {
            ctx.addEndHandler(done -> ended.incrementAndGet());
            handler.handle(ctx);
        };
        serve(ApiServer.Options.defaults().withMaxConcurrency(1).withInstrumenter(countEnds), blocking);
        QueryLimiter limiter = server.api.queryLimiter();
        CompletableFuture<HttpResponse<String>> first = async(path("/api/v1/query", "query", "up"));
        QueryLimiterTest.awaitTrue(() -> blocking.waiting.get() == 1);

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream()
                    .write("GET /api/v1/query?query=count(up) HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            QueryLimiterTest.awaitTrue(() -> limiter.waiting() == 1);
        }
        QueryLimiterTest.awaitTrue(() -> ended.get() == 1);

        blocking.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        QueryLimiterTest.awaitTrue(() -> limiter.waiting() == 0 && limiter.running() == 0);
        assertThat(blocking.opened.get())
                .as("the abandoned query loaded nothing")
                .isEqualTo(1);
    }

    private CompletableFuture<HttpResponse<String>> async(String pathAndQuery) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return server.get(pathAndQuery);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void corsFollowsPrometheus() throws Exception {
        serve(ApiServer.Options.defaults(), Fixtures.storage());
        HttpResponse<String> noOrigin = server.get(path("/api/v1/query", "query", "1"));
        assertThat(noOrigin.headers().allValues("Vary")).contains("Origin");
        assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> any = withOrigin("GET", path("/api/v1/query", "query", "1"), "http://grafana:3000");
        assertThat(any.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(any.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, OPTIONS");
        assertThat(any.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("Accept, Authorization, Content-Type, Origin");
        assertThat(any.headers().firstValue("Access-Control-Expose-Headers")).contains("Date");

        HttpResponse<String> preflight = withOrigin("OPTIONS", "/api/v1/query_range", "http://grafana:3000");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("*");
    }

    @Test
    void corsWithARestrictedOriginEchoesOnlyMatchingOrigins() throws Exception {
        serve(ApiServer.Options.defaults().withCors("https?://grafana\\.example\\.com"), Fixtures.storage());
        HttpResponse<String> allowed = withOrigin("GET", "/api/v1/labels", "https://grafana.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://grafana.example.com");
        HttpResponse<String> other = withOrigin("GET", "/api/v1/labels", "https://grafana.example.com.evil.io");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, OPTIONS");
        assertThat(other.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> withOrigin(String method, String pathAndQuery, String origin) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(pathAndQuery)))
                .header("Origin", origin)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void notReadyAnswers503ExceptWalReplay() throws Exception {
        server = new ApiServer(ApiServer.Options.defaults());
        HttpResponse<String> beforeStart = server.get(path("/api/v1/query", "query", "1"));
        assertThat(beforeStart.statusCode()).isEqualTo(503);
        assertThat(beforeStart.body()).isEqualTo("Service Unavailable");
        assertThat(server.get("/api/v1/status/walreplay").statusCode()).isEqualTo(200);

        server.start(Fixtures.storage());
        assertThat(server.get(path("/api/v1/query", "query", "1")).statusCode()).isEqualTo(200);
        server.ready.set(false);
        assertThat(server.get("/api/v1/labels").statusCode()).isEqualTo(503);
    }

    @Test
    void formPostsAreReadAndBodyValuesWinOverTheUrl() throws Exception {
        serve(ApiServer.Options.defaults(), Fixtures.storage());
        HttpResponse<String> response =
                server.form("POST", path("/api/v1/query", "query", "1"), "query", "count(up)", "time", "1700000000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"value\":[1700000000,\"3\"]");

        HttpResponse<String> series = server.form(
                "POST", path("/api/v1/series", "match[]", "up{job=\"node\"}"), "match[]", "weird{case=\"nan\"}");
        assertThat(series.body())
                .isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"c:9100\","
                        + "\"job\":\"node\"},{\"__name__\":\"weird\",\"case\":\"nan\"}]}");
    }

    @Test
    void oversizedBodiesAreRejected() throws Exception {
        serve(ApiServer.Options.defaults().withBodyLimit(1024), Fixtures.storage());
        HttpResponse<String> response = server.form("POST", "/api/v1/query", "query", "x".repeat(4096));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.get(path("/api/v1/query", "query", "1")).statusCode()).isEqualTo(200);
    }

    @Test
    void storageFailuresAreInternalErrors() throws Exception {
        serve(ApiServer.Options.defaults(), (minT, maxT) -> {
            throw new StorageException("disk on fire");
        });
        HttpResponse<String> response = server.get(path("/api/v1/query", "query", "up"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"disk on fire\"}");
        assertThat(server.get("/api/v1/labels").statusCode()).isEqualTo(500);
    }

    @Test
    void statsListTimingsAndSamplesAndPerStepCountsWithAll() throws Exception {
        serve(ApiServer.Options.defaults(), Fixtures.storage());
        JsonNode plain = data(server.get(path(
                "/api/v1/query_range",
                "query",
                "up",
                "start",
                "1699999880",
                "end",
                "1700000000",
                "step",
                "60",
                "stats",
                "true")));
        JsonNode stats = plain.get("stats");
        assertThat(stats.get("timings").fieldNames())
                .toIterable()
                .containsExactly(
                        "evalTotalTime",
                        "resultSortTime",
                        "queryPreparationTime",
                        "innerEvalTime",
                        "execQueueTime",
                        "execTotalTime");
        assertThat(stats.get("samples").fieldNames())
                .toIterable()
                .containsExactly("totalQueryableSamples", "samplesRead", "peakSamples");
        assertThat(stats.get("samples").get("totalQueryableSamples").asLong()).isEqualTo(8);

        JsonNode all = data(server.get(path(
                "/api/v1/query_range",
                "query",
                "up",
                "start",
                "1699999880",
                "end",
                "1700000000",
                "step",
                "60",
                "stats",
                "all")));
        JsonNode samples = all.get("stats").get("samples");
        assertThat(samples.get("totalQueryableSamplesPerStep").toString())
                .isEqualTo("[[1699999880,2],[1699999940,3],[1700000000,3]]");
        assertThat(samples.get("samplesReadPerStep").toString())
                .isEqualTo("[[1699999880,8],[1699999940,0],[1700000000,0]]");
        assertThat(samples.get("samplesRead").asLong()).isEqualTo(8);
    }

    private static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data");
    }

    @Test
    void largeResultsStreamInChunks() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Appender app = storage.appender();
        for (int s = 0; s < 200; s++) {
            Labels labels = Labels.of("__name__", "big", "series", Integer.toString(s), "pad", "x".repeat(40));
            for (int i = 0; i <= 100; i++) {
                app.append(0, labels, 1_700_000_000_000L + i * 15_000L, i * 0.1);
            }
        }
        app.commit();
        serve(ApiServer.Options.defaults(), storage);
        HttpResponse<String> response = server.get(
                path("/api/v1/query_range", "query", "big", "start", "1700000000", "end", "1700001500", "step", "15"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().length()).isGreaterThan(4 * ResponseStream.CHUNK);
        assertThat(response.headers().firstValue("Content-Length"))
                .as("chunked")
                .isEmpty();
        JsonNode result = JSON.readTree(response.body()).get("data").get("result");
        assertThat(result).hasSize(200);
        assertThat(result.get(0).get("values")).hasSize(101);
        assertThat(result.get(0).get("values").get(1).toString()).isEqualTo("[1700000015,\"0.1\"]");
    }

    @Test
    void adminApiDeletesSnapshotsAndReportsStatsWhenEnabled() throws Exception {
        InMemoryStorage storage = InMemoryStorage.withDataDirectory(dir);
        dev.vigil.testkit.SeriesFixture.load(storage, Fixtures.SERIES);
        server = new ApiServer(ApiServer.Options.defaults().withAdmin())
                .start(storage, storage, TargetsView.NONE, RulesView.NONE, AlertmanagersView.NONE);

        HttpResponse<String> noMatch = server.form("POST", "/api/v1/admin/tsdb/delete_series");
        assertThat(noMatch.statusCode()).isEqualTo(400);
        assertThat(noMatch.body()).contains("no match[] parameter provided");

        HttpResponse<String> deleted = server.form(
                "PUT", "/api/v1/admin/tsdb/delete_series", "match[]", "up{job=\"api\"}", "end", "1699999950");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(server.get(path("/api/v1/query", "query", "count(up)", "time", "1699999940"))
                        .body())
                .contains("\"value\":[1699999940,\"1\"]");
        assertThat(server.form("POST", "/api/v1/admin/tsdb/clean_tombstones").statusCode())
                .isEqualTo(204);

        HttpResponse<String> snapshot = server.form("POST", "/api/v1/admin/tsdb/snapshot");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        String name = JSON.readTree(snapshot.body()).get("data").get("name").asText();
        assertThat(dir.resolve("snapshots").resolve(name).resolve("series.txt")).exists();
        assertThat(Files.readString(dir.resolve("snapshots").resolve(name).resolve("series.txt")))
                .contains("1700000000");

        HttpResponse<String> badSkip = server.form("POST", "/api/v1/admin/tsdb/snapshot", "skip_head", "maybe");
        assertThat(badSkip.body())
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                        + " \\\"skip_head\\\": unable to parse boolean: strconv.ParseBool: parsing \\\"maybe\\\":"
                        + " invalid syntax\"}");

        HttpResponse<String> tsdb = server.get(path("/api/v1/status/tsdb", "limit", "2"));
        assertThat(tsdb.body())
                .startsWith("{\"status\":\"success\",\"data\":{\"headStats\":{\"numSeries\":12,\"numLabelPairs\":")
                .contains(
                        "\"seriesCountByMetricName\":[{\"name\":\"weird\",\"value\":8},{\"name\":\"up\",\"value\":3}]")
                .contains("\"minTime\":1699999940000,\"maxTime\":1700000000000");
    }

    @Test
    void runtimeInfoHasPrometheusFields() throws Exception {
        serve(ApiServer.Options.defaults(), Fixtures.storage());
        JsonNode info = data(server.get("/api/v1/status/runtimeinfo"));
        assertThat(info.fieldNames())
                .toIterable()
                .containsExactly(
                        "startTime",
                        "CWD",
                        "hostname",
                        "serverTime",
                        "reloadConfigSuccess",
                        "lastConfigTime",
                        "corruptionCount",
                        "goroutineCount",
                        "GOMAXPROCS",
                        "GOMEMLIMIT",
                        "GOGC",
                        "GODEBUG",
                        "storageRetention");
        assertThat(info.get("startTime").asText()).isEqualTo("2023-11-14T21:13:20Z");
        assertThat(info.get("serverTime").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(info.get("goroutineCount").asInt()).isPositive();
        assertThat(info.get("storageRetention").asText()).isEqualTo("15d");
    }

    /** Storage whose first querier blocks until released, so a query can be held running. */
    private static final class BlockingQueryable implements Queryable {
        final Queryable delegate;
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();

        BlockingQueryable(Queryable delegate) {
            this.delegate = delegate;
        }

        @Override
        public Querier querier(long minT, long maxT) {
            if (opened.incrementAndGet() == 1) {
                waiting.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.querier(minT, maxT);
        }
    }
}
