package dev.vigil.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.ServerOptions;
import dev.vigil.server.VigilServer;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest endpoints are on the server, the receiver is off by default, and each endpoint is in /metrics. */
class IngestWiringTest {
    @TempDir
    Path dir;

    private VigilServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ServerOptions options(Path dir, boolean receiver) {
        return new ServerOptions(
                null,
                dir,
                Duration.ofDays(15),
                0,
                new ListenAddress("127.0.0.1", 0),
                false,
                false,
                receiver,
                null,
                Duration.ofMinutes(2),
                50_000_000,
                Duration.ofMinutes(5),
                LogLevel.INFO,
                LogFormat.LOGFMT,
                Duration.ofSeconds(30),
                Map.of());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointsAreWiredAndCountedAndTheReceiverIsOffByDefault() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        server = VigilServer.start(options(dir, false), o -> storage);
        String base = "http://127.0.0.1:" + server.httpPort();

        HttpResponse<String> write = post(base + "/api/v1/write", "");
        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(write.body())
                .isEqualTo("remote write receiver needs to be enabled with --web.enable-remote-write-receiver\n");
        assertThat(post(base + "/api/v1/import/prometheus", "imported_metric{a=\"b\"} 1 1000\n")
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.get(base + "/federate?match[]=imported_metric").statusCode())
                .isEqualTo(200);
        assertThat(storage.seriesCount()).isEqualTo(1);

        assertThat(Http.get(base + "/metrics").body())
                .contains("vigil_http_requests_total{code=\"404\",handler=\"/api/v1/write\"} 1")
                .contains("vigil_http_requests_total{code=\"200\",handler=\"/api/v1/import/prometheus\"} 1")
                .contains("vigil_http_requests_total{code=\"200\",handler=\"/federate\"} 1")
                .contains("vigil_http_request_duration_seconds_count{handler=\"/federate\"} 1");
    }

    @Test
    void enabledReceiverStores() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        server = VigilServer.start(options(dir, true), o -> storage);
        String base = "http://127.0.0.1:" + server.httpPort();

        // An empty WriteRequest: a snappy block announcing zero bytes.
        HttpResponse<String> write = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/write"))
                                .header("Content-Encoding", "snappy")
                                .header("Content-Type", "application/x-protobuf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0}))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(204);
    }
}
