package dev.vigil.ui.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;
import dev.vigil.testkit.InMemoryStorage;
import dev.vigil.ui.ingest.RouteInstrumentation;
import dev.vigil.ui.support.TestHttpServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Status codes and texts of the remote write endpoint. */
class RemoteRoutesTest {
    private final InMemoryStorage storage = new InMemoryStorage();

    private TestHttpServer start(boolean enabled, Supplier<Storage> target) throws Exception {
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(
                target, new ReceivedMetadata(10), Clock.systemUTC(), 1 << 20, new MetricRegistry());
        return new TestHttpServer((router, workers) -> new RemoteRoutes(
                        target,
                        Map::of,
                        receiver,
                        workers,
                        RouteInstrumentation.NONE,
                        new RemoteRoutes.Settings(enabled, 4096, 1 << 20, 1000))
                .addTo(router));
    }

    private static HttpResponse<String> post(TestHttpServer server, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = server.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request);
    }

    private static byte[] validBody() {
        byte[] message =
                TestProto.writeRequest(TestProto.series(TestProto.labels("__name__", "m"), TestProto.sample(1, 1000)));
        return Snappy.encode(message, 0, message.length);
    }

    @Test
    void disabledReceiverAnswers404WithPrometheusText() throws Exception {
        try (TestHttpServer server = start(false, () -> storage)) {
            HttpResponse<String> r = post(server, RemoteRoutes.WRITE_PATH, validBody());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body())
                    .isEqualTo("remote write receiver needs to be enabled with --web.enable-remote-write-receiver\n");
            assertThat(storage.seriesCount()).isZero();
        }
    }

    @Test
    void answersByTheRulesOfPrometheusReceiver() throws Exception {
        try (TestHttpServer server = start(true, () -> storage)) {
            assertThat(post(server, RemoteRoutes.WRITE_PATH, validBody()).statusCode())
                    .as("no headers: assumed remote write 1.0 with snappy")
                    .isEqualTo(204);

            HttpResponse<String> garbage = post(server, RemoteRoutes.WRITE_PATH, new byte[] {1, 2, 3});
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(garbage.body()).startsWith("snappy: ");

            HttpResponse<String> gzip = post(server, RemoteRoutes.WRITE_PATH, validBody(), "Content-Encoding", "gzip");
            assertThat(gzip.statusCode()).isEqualTo(415);
            assertThat(gzip.body())
                    .isEqualTo(
                            "gzip encoding (compression) is not accepted by this server; only snappy is acceptable\n");

            HttpResponse<String> v2 = post(
                    server,
                    RemoteRoutes.WRITE_PATH,
                    validBody(),
                    "Content-Type",
                    "application/x-protobuf;proto=io.prometheus.write.v2.Request");
            assertThat(v2.statusCode()).isEqualTo(415);
            assertThat(v2.body())
                    .isEqualTo("io.prometheus.write.v2.Request protobuf message is not accepted by this server;"
                            + " accepted [prometheus.WriteRequest]\n");

            assertThat(post(server, RemoteRoutes.WRITE_PATH, new byte[5000]).statusCode())
                    .as("over the body limit")
                    .isEqualTo(413);
        }
    }

    @Test
    void answers503UntilStorageIsOpen() throws Exception {
        try (TestHttpServer server = start(true, () -> null)) {
            assertThat(post(server, RemoteRoutes.WRITE_PATH, validBody()).statusCode())
                    .isEqualTo(503);
            assertThat(post(server, RemoteRoutes.READ_PATH, validBody()).statusCode())
                    .isEqualTo(503);
        }
    }
}
