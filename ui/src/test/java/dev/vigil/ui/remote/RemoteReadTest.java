package dev.vigil.ui.remote;

import static dev.vigil.ui.remote.TestProto.bytesField;
import static dev.vigil.ui.remote.TestProto.cat;
import static dev.vigil.ui.remote.TestProto.labels;
import static dev.vigil.ui.remote.TestProto.sample;
import static dev.vigil.ui.remote.TestProto.series;
import static dev.vigil.ui.remote.TestProto.snappyLiteral;
import static dev.vigil.ui.remote.TestProto.stringField;
import static dev.vigil.ui.remote.TestProto.varintField;
import static dev.vigil.ui.remote.TestProto.writeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.testkit.InMemoryStorage;
import dev.vigil.ui.ingest.RouteInstrumentation;
import dev.vigil.ui.support.TestHttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote read: request decoding, external labels, limits, and a write-then-read round trip over HTTP. */
class RemoteReadTest {
    private final InMemoryStorage storage = new InMemoryStorage();

    @BeforeEach
    void load() {
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(
                () -> storage, new ReceivedMetadata(10), Clock.systemUTC(), 1 << 20, new MetricRegistry());
        byte[] body = snappyLiteral(writeRequest(
                series(labels("__name__", "up", "job", "api"), sample(1, 1000), sample(0, 2000), sample(1, 3000)),
                series(labels("__name__", "up", "job", "db", "env", "staging"), sample(1, 2000)),
                series(labels("__name__", "other", "job", "api"), sample(5, 2000))));
        assertThat(receiver.receive(body, 0, body.length).ok()).isTrue();
    }

    /** {@code LabelMatcher} with type 0 (=), 1 (!=), 2 (=~) or 3 (!~). */
    private static byte[] matcher(int type, String name, String value) {
        return cat(varintField(1, type), stringField(2, name), stringField(3, value));
    }

    private static byte[] query(long start, long end, byte[]... matchers) {
        byte[] q = cat(varintField(1, start), varintField(2, end));
        for (byte[] m : matchers) {
            q = cat(q, bytesField(3, m));
        }
        byte[] hints = cat(varintField(1, 15_000), stringField(2, "rate"), varintField(3, start), varintField(4, end));
        return cat(q, bytesField(4, hints));
    }

    private static byte[] readRequest(byte[]... queries) {
        byte[] r = new byte[0];
        for (byte[] q : queries) {
            r = cat(r, bytesField(1, q));
        }
        return cat(r, varintField(2, ReadRequest.SAMPLES));
    }

    private RemoteReader.Reply read(byte[] request, Map<String, String> external, long sampleLimit) {
        byte[] body = snappyLiteral(request);
        return new RemoteReader(storage, 1 << 20, sampleLimit).read(body, 0, body.length, external);
    }

    @Test
    void answersEachQueryWithItsSeriesAndSamplesInRange() throws Exception {
        RemoteReader.Reply reply = read(
                readRequest(
                        query(1500, 3000, matcher(0, "__name__", "up"), matcher(2, "job", "a.*")),
                        query(0, 5000, matcher(3, "job", "api"))),
                Map.of(),
                1000);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(decodeResponse(reply.body()))
                .containsExactly(
                        List.of("__name__=up,job=api 2000=0.0 3000=1.0"),
                        List.of("__name__=up,env=staging,job=db 2000=1.0"));
    }

    @Test
    void addsExternalLabelsAndDropsMatchersThatOnlyNameThem() throws Exception {
        RemoteReader.Reply reply = read(
                readRequest(query(0, 5000, matcher(0, "__name__", "up"), matcher(0, "env", "prod"))),
                Map.of("env", "prod", "region", "eu"),
                1000);

        assertThat(decodeResponse(reply.body()))
                .containsExactly(List.of(
                        "__name__=up,env=staging,job=db,region=eu 2000=1.0",
                        "__name__=up,env=prod,job=api,region=eu 1000=1.0 2000=0.0 3000=1.0"));
    }

    @Test
    void refusesTooManySamplesUnsupportedResponseTypesAndBadBodies() {
        assertThat(read(readRequest(query(0, 5000, matcher(2, "__name__", ".+"))), Map.of(), 4))
                .isEqualTo(new RemoteReader.Reply(400, null, "exceeded sample limit (4)"));
        byte[] streamedOnly = cat(bytesField(1, query(0, 1, matcher(0, "a", "b"))), varintField(2, 1));
        assertThat(read(streamedOnly, Map.of(), 10).error())
                .isEqualTo("server does not support any of the requested response types: [STREAMED_XOR_CHUNKS];"
                        + " supported: [SAMPLES]");
        assertThat(read(readRequest(query(0, 1, matcher(2, "job", "("))), Map.of(), 10)
                        .error())
                .startsWith("invalid matcher: ");
        assertThat(read(readRequest(query(0, 1, matcher(7, "job", "x"))), Map.of(), 10)
                        .error())
                .isEqualTo("invalid matcher type 7 for label job");
    }

    @Test
    void writeThenReadOverHttp() throws Exception {
        InMemoryStorage fresh = new InMemoryStorage();
        MetricRegistry registry = new MetricRegistry();
        RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(() -> fresh, new ReceivedMetadata(10), Clock.systemUTC(), 1 << 20, registry);
        try (TestHttpServer server = new TestHttpServer((router, workers) -> new RemoteRoutes(
                        () -> fresh,
                        () -> Map.of("replica", "a"),
                        receiver,
                        workers,
                        RouteInstrumentation.NONE,
                        new RemoteRoutes.Settings(true, 1 << 20, 1 << 20, 1000))
                .addTo(router))) {
            byte[] writeMessage =
                    writeRequest(series(labels("__name__", "rt", "k", "v"), sample(1.5, 1000), sample(2.5, 2000)));
            byte[] write = Snappy.encode(writeMessage, 0, writeMessage.length);
            HttpResponse<String> written = server.send(server.request(RemoteRoutes.WRITE_PATH)
                    .header("Content-Type", "application/x-protobuf")
                    .header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(write)));
            assertThat(written.statusCode()).isEqualTo(204);

            byte[] readMessage = readRequest(query(0, 5000, matcher(0, "__name__", "rt")));
            HttpResponse<byte[]> response = server.sendForBytes(server.request(RemoteRoutes.READ_PATH)
                    .header("Content-Type", "application/x-protobuf")
                    .header("Content-Encoding", "snappy")
                    .header("Accept-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Read-Version", "0.1.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.encode(readMessage, 0, readMessage.length))));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/x-protobuf");
            assertThat(response.headers().firstValue("Content-Encoding")).contains("snappy");
            assertThat(decodeResponse(response.body()))
                    .containsExactly(List.of("__name__=rt,k=v,replica=a 1000=1.5 2000=2.5"));
        }
    }

    /** Per query result, each series as {@code name=value,... t=v ...}. */
    static List<List<String>> decodeResponse(byte[] snappyBody) throws Exception {
        byte[] message = Snappy.decode(snappyBody, 0, snappyBody.length, 1 << 24);
        List<List<String>> results = new ArrayList<>();
        ProtoReader response = new ProtoReader(message, 0, message.length);
        while (response.nextField()) {
            assertThat(response.fieldNumber()).isEqualTo(1);
            List<String> series = new ArrayList<>();
            ProtoReader result = response.message();
            while (result.nextField()) {
                ProtoReader ts = result.message();
                List<String> labelText = new ArrayList<>();
                StringBuilder samples = new StringBuilder();
                while (ts.nextField()) {
                    ProtoReader m = ts.message();
                    if (ts.fieldNumber() == 1) {
                        String name = null;
                        String value = null;
                        while (m.nextField()) {
                            if (m.fieldNumber() == 1) {
                                name = m.string();
                            } else {
                                value = m.string();
                            }
                        }
                        labelText.add(name + "=" + value);
                    } else {
                        double v = 0;
                        long t = 0;
                        while (m.nextField()) {
                            if (m.fieldNumber() == 1) {
                                v = m.doubleValue();
                            } else {
                                t = m.int64();
                            }
                        }
                        samples.append(' ').append(t).append('=').append(v);
                    }
                }
                series.add(String.join(",", labelText) + samples);
            }
            results.add(series);
        }
        return results;
    }
}
