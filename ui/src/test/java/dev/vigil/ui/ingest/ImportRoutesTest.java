package dev.vigil.ui.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.testkit.InMemoryStorage;
import dev.vigil.ui.support.CountingStorage;
import dev.vigil.ui.support.TestHttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImportRoutesTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private final InMemoryStorage storage = new InMemoryStorage();
    private TestHttpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void start(Supplier<? extends dev.vigil.model.storage.Appendable> target, ImportRoutes.Settings settings)
            throws Exception {
        server = new TestHttpServer((router, workers) ->
                new ImportRoutes(target, workers, CLOCK, RouteInstrumentation.NONE, settings).addTo(router));
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return server.send(server.request(ImportRoutes.PATH + query).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void storesSamplesWithAndWithoutTimestamps() throws Exception {
        start(() -> storage, ImportRoutes.Settings.DEFAULT);
        HttpResponse<String> r = post(
                "",
                """
                # HELP http_requests_total Requests.
                # TYPE http_requests_total counter
                http_requests_total{code="200"} 10 1000
                http_requests_total{code="200"} 12 2000
                http_requests_total{code="500"} 1
                """);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject reply = new JsonObject(r.body());
        assertThat(reply.getString("status")).isEqualTo("success");
        JsonObject data = reply.getJsonObject("data");
        assertThat(data.getLong("accepted")).isEqualTo(3);
        assertThat(data.getLong("rejected")).isZero();
        assertThat(data.getLong("series")).isEqualTo(2);
        assertThat(data.getLong("minTime")).isEqualTo(1000);
        assertThat(data.getLong("maxTime")).isEqualTo(NOW);
        assertThat(samples("http_requests_total", "code", "200")).containsExactly(1000L, 10.0, 2000L, 12.0);
        assertThat(samples("http_requests_total", "code", "500")).containsExactly(NOW, 1.0);
    }

    @Test
    void reportsMalformedLinesWithLineNumbersAndStoresTheOthers() throws Exception {
        start(() -> storage, ImportRoutes.Settings.DEFAULT);
        HttpResponse<String> r = post(
                "",
                """
                ok_metric 1 1000
                bad{ 2 1000
                ok_metric 3 2000
                dup_names{a="1",a="2"} 4 1000
                other 5 nonsense
                ok_metric 6 3000
                """);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject reply = new JsonObject(r.body());
        assertThat(reply.getString("status")).isEqualTo("error");
        assertThat(reply.getString("errorType")).isEqualTo("bad_data");
        assertThat(reply.getString("error")).startsWith("3 lines rejected, 3 samples stored; first: line 2: ");
        JsonObject data = reply.getJsonObject("data");
        assertThat(data.getLong("accepted")).isEqualTo(3);
        assertThat(data.getLong("rejected")).isEqualTo(3);
        assertThat(data.getJsonObject("rejectedBy").getLong("malformed")).isEqualTo(3);
        List<Long> lines = new ArrayList<>();
        data.getJsonArray("errors").forEach(e -> lines.add(((JsonObject) e).getLong("line")));
        assertThat(lines).containsExactly(2L, 4L, 5L);
        assertThat(data.getJsonArray("errors").getJsonObject(1).getString("error"))
                .contains("label name \"a\" is not unique");
        assertThat(samples("ok_metric")).containsExactly(1000L, 1.0, 2000L, 3.0, 3000L, 6.0);
    }

    @Test
    void countsDuplicatesAndRejectsOutOfOrderAndConflictingSamples() throws Exception {
        start(() -> storage, ImportRoutes.Settings.DEFAULT);
        HttpResponse<String> r = post(
                "",
                """
                m 1 1000
                m 1 1000
                m 2 2000
                m 9 1500
                m 7 2000
                m 3 3000
                """);

        JsonObject data = new JsonObject(r.body()).getJsonObject("data");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(data.getLong("accepted")).isEqualTo(3);
        assertThat(data.getLong("duplicates")).isEqualTo(1);
        assertThat(data.getJsonObject("rejectedBy").getLong("outOfOrder")).isEqualTo(1);
        assertThat(data.getJsonObject("rejectedBy").getLong("duplicateTimestamp"))
                .isEqualTo(1);
        assertThat(data.getJsonArray("errors").getJsonObject(0).getLong("line")).isEqualTo(4);
        assertThat(data.getJsonArray("errors").getJsonObject(0).getString("error"))
                .startsWith("out of order sample");
        assertThat(data.getJsonArray("errors").getJsonObject(1).getLong("line")).isEqualTo(5);
        assertThat(samples("m")).containsExactly(1000L, 1.0, 2000L, 2.0, 3000L, 3.0);
    }

    @Test
    void gunzipsAndAddsExtraLabels() throws Exception {
        start(() -> storage, ImportRoutes.Settings.DEFAULT);
        byte[] gzipped = gzip("m{env=\"dev\"} 1 1000\nm{job=\"x\"} 2 1000\n".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r =
                server.send(server.request(ImportRoutes.PATH + "?extra_label=env=prod&extra_label=team=db")
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(samples("m", "env", "prod", "team", "db")).containsExactly(1000L, 1.0);
        assertThat(samples("m", "job", "x", "env", "prod", "team", "db")).containsExactly(1000L, 2.0);
    }

    @Test
    void corruptGzipIsReportedWithWhatWasStoredBeforeIt() throws Exception {
        start(() -> storage, ImportRoutes.Settings.DEFAULT);
        byte[] gzipped = gzip("m 1 1000\n".repeat(10).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(gzipped, gzipped.length - 6);
        HttpResponse<String> r = server.send(server.request(ImportRoutes.PATH)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(truncated)));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject reply = new JsonObject(r.body());
        assertThat(reply.getString("error")).startsWith("import stopped early: ");
        assertThat(reply.getJsonObject("data").getString("stoppedEarly")).isNotBlank();
    }

    @Test
    void refusesBadParametersAndEncodings() throws Exception {
        start(() -> storage, ImportRoutes.Settings.DEFAULT);
        HttpResponse<String> badLabel = post("?extra_label=novalue", "m 1 1\n");
        assertThat(badLabel.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badLabel.body()).getString("error"))
                .isEqualTo("invalid extra_label \"novalue\": expected name=value, e.g. extra_label=env=prod");

        HttpResponse<String> brotli = server.send(server.request(ImportRoutes.PATH)
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString("m 1 1\n")));
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(samples("m")).isEmpty();
    }

    @Test
    void answersUnavailableUntilStorageIsOpen() throws Exception {
        start(() -> null, ImportRoutes.Settings.DEFAULT);
        HttpResponse<String> r = post("", "m 1 1\n");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(r.body()).getString("errorType")).isEqualTo("unavailable");
    }

    /**
     * A body of a few hundred megabytes streams through with at most the high-water mark (plus what was in flight when
     * the connection paused) held in memory, and every sample arrives.
     */
    @Test
    void streamsAHugeBodyInBoundedMemory() throws Exception {
        CountingStorage counting = new CountingStorage();
        ImportRoutes.Settings settings = new ImportRoutes.Settings(1 << 20, 256 << 10, 64 << 10, 1 << 20, 50_000, 20);
        start(() -> counting, settings);
        GeneratedBody body = new GeneratedBody(1000, 5_500_000);
        HttpResponse<String> r = server.send(
                server.request(ImportRoutes.PATH).POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject data = new JsonObject(r.body()).getJsonObject("data");
        assertThat(data.getLong("bodyBytes")).isGreaterThan(200L << 20).isEqualTo(body.bytesProduced());
        assertThat(data.getLong("accepted")).isEqualTo(5_500_000);
        assertThat(counting.committedSamples()).isEqualTo(5_500_000);
        assertThat(data.getLong("maxBufferedBodyBytes")).isLessThanOrEqualTo((1 << 20) + (512 << 10));
    }

    private List<Object> samples(String metric, String... labels) {
        Labels want = Labels.of(concat(new String[] {"__name__", metric}, labels));
        List<Object> out = new ArrayList<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, Matcher.equal("__name__", metric));
            while (set.next()) {
                if (!set.at().labels().equals(want)) {
                    continue;
                }
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    out.add(it.timestamp());
                    out.add(it.value());
                }
            }
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** Lines {@code huge_body_metric{series="N",pad="..."} V T} for {@code series} series in rising time order. */
    private static final class GeneratedBody extends InputStream {
        private final int series;
        private final long lines;
        private long line;
        private byte[] current = new byte[0];
        private int pos;
        private long produced;

        GeneratedBody(int series, long lines) {
            this.series = series;
            this.lines = lines;
        }

        long bytesProduced() {
            return produced;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == current.length) {
                    if (line == lines) {
                        break;
                    }
                    long t = 1_000_000 + (line / series) * 1000;
                    current = ("huge_body_metric{series=\"" + (line % series) + "\",pad=\"abcdefghij\"} " + line + " "
                                    + t + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                    line++;
                }
                int k = Math.min(len - n, current.length - pos);
                System.arraycopy(current, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            produced += n;
            return n == 0 && len > 0 ? -1 : n;
        }
    }
}
