package dev.vigil.scraper.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.http.ScrapeVertx;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetBuilder;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain path of the scrape client (its own HTTP/1.1 connection per IP-addressed {@code http} target) against a
 * socket server whose every byte the test scripts: what goes on the wire, keep-alive and its end, a reused connection
 * the server dropped, bodies in every framing HTTP/1.1 has, and broken responses.
 */
class PlainHttpConnectionTest {
    private static Vertx scrapeVertx;
    private ScriptedServer server;

    @BeforeAll
    static void start() {
        scrapeVertx = ScrapeVertx.create();
    }

    @AfterAll
    static void stop() {
        ScrapeVertx.close(scrapeVertx);
    }

    @AfterEach
    void closeServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Answers each request head; returns whether the connection stays open for another request. */
    @FunctionalInterface
    interface Script {
        boolean answer(int connection, int request, OutputStream out) throws IOException;
    }

    /** A loopback HTTP server that reads request heads and writes whatever the script says. */
    static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch clientClosed = new CountDownLatch(1);
        private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

        ScriptedServer(Script script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        open.add(s);
                        int connection = connections.getAndIncrement();
                        Thread t = new Thread(() -> serve(s, connection, script), "scripted-" + connection);
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket s, int connection, Script script) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int request = 0; ; request++) {
                    String head = readHead(in);
                    if (head == null) {
                        clientClosed.countDown();
                        return;
                    }
                    requests.add(head);
                    boolean keepOpen = script.answer(connection, request, out);
                    out.flush();
                    if (!keepOpen) {
                        return;
                    }
                }
            } catch (IOException e) {
                clientClosed.countDown();
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void ok(OutputStream out, String body) throws IOException {
        write(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body);
    }

    /** The settings of the scrape pool the next client and targets belong to, under {@code scrape_configs}. */
    private String extraConfig = "";

    private ScrapeConfig config() throws Exception {
        String yaml = "scrape_configs:\n  - job_name: t\n    scrape_timeout: 10s\n" + extraConfig
                + "    static_configs:\n      - targets: ['127.0.0.1:1']\n";
        return ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0);
    }

    private ScrapeClient client(String settings) throws Exception {
        extraConfig = settings;
        return new ScrapeClient(config(), Path::of, scrapeVertx);
    }

    private Target target(String address, String path) throws Exception {
        return new TargetBuilder(config())
                .build(List.of(TargetGroup.ofAddresses("t", List.of(address), Labels.of("__metrics_path__", path))))
                .active()
                .get(0);
    }

    private Target target(String path) throws Exception {
        return target("127.0.0.1:" + server.port(), path);
    }

    private static String text(BodyBuffer body) {
        return new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8);
    }

    private static ScrapeClient.Response fetch(ScrapeClient client, ScrapeClient.Request request, BodyBuffer body)
            throws Exception {
        return client.fetch(request, body, 0).get(20, TimeUnit.SECONDS);
    }

    @Test
    void onlyIpAddressedPlainTargetsWithoutAProxyTakeThePlainPath() throws Exception {
        try (ScrapeClient client = client("")) {
            assertThat(client.prepare(target("127.0.0.1:9100", "/metrics")).plain())
                    .isTrue();
            assertThat(client.prepare(target("[::1]:9100", "/metrics")).plain()).isTrue();
            assertThat(client.prepare(target("localhost:9100", "/metrics")).plain())
                    .isFalse();
        }
        try (ScrapeClient client = client("    scheme: https\n")) {
            assertThat(client.prepare(target("127.0.0.1:9100", "/metrics")).plain())
                    .isFalse();
        }
        try (ScrapeClient client = client("    proxy_url: http://127.0.0.1:3128\n")) {
            assertThat(client.prepare(target("127.0.0.1:9100", "/metrics")).plain())
                    .isFalse();
        }
    }

    @Test
    void theRequestCarriesTheTargetsAddressPathQueryAndScrapeHeaders() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            ok(out, "up 1\n");
            return true;
        });
        try (ScrapeClient client = client("    params:\n      module: [a b]\n")) {
            ScrapeClient.Request request = client.prepare(target("/probe"));
            BodyBuffer body = new BodyBuffer();
            ScrapeClient.Response response = fetch(client, request, body);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4");
            assertThat(text(body)).isEqualTo("up 1\n");
            String head = server.requests.get(0);
            assertThat(head).startsWith("GET /probe?module=a+b HTTP/1.1\r\n");
            // Header names are case-insensitive; the values are what Prometheus sends.
            assertThat(head.toLowerCase(Locale.ROOT).split("\r\n"))
                    .contains(
                            "host: 127.0.0.1:" + server.port(),
                            "accept: " + client.acceptHeader().toLowerCase(Locale.ROOT),
                            "accept-encoding: gzip",
                            "x-prometheus-scrape-timeout-seconds: 10")
                    .anyMatch(line -> line.startsWith("user-agent: vigil/"));
        }
    }

    @Test
    void aReusedConnectionTheServerDroppedIsReplacedAndTheRequestSentAgain() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            if (connection == 0 && request == 1) {
                return false; // reads the second request, then hangs up without a word
            }
            ok(out, "up " + connection + "\n");
            return true;
        });
        try (ScrapeClient client = client("")) {
            ScrapeClient.Request request = client.prepare(target("/metrics"));
            BodyBuffer body = new BodyBuffer();
            fetch(client, request, body);
            assertThat(text(body)).isEqualTo("up 0\n");

            ScrapeClient.Response second = fetch(client, request, body);

            assertThat(second.status()).isEqualTo(200);
            assertThat(text(body)).isEqualTo("up 1\n");
            assertThat(server.connections).hasValue(2);
            assertThat(server.requests).hasSize(3);
        }
    }

    @Test
    void aNewConnectionClosedBeforeTheResponseFailsTheFetchWithoutRetrying() throws Exception {
        server = new ScriptedServer((connection, request, out) -> false);
        try (ScrapeClient client = client("")) {
            ScrapeClient.Request request = client.prepare(target("/metrics"));

            assertThatThrownBy(() -> fetch(client, request, new BodyBuffer()))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IOException.class)
                    .hasMessage("server closed the connection before the response was complete");
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void aResponseThatClosesTheConnectionIsReadAndTheNextScrapeConnectsAgain() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nup 1\n");
            return false;
        });
        try (ScrapeClient client = client("")) {
            ScrapeClient.Request request = client.prepare(target("/metrics"));
            BodyBuffer body = new BodyBuffer();
            for (int i = 0; i < 2; i++) {
                assertThat(fetch(client, request, body).status()).isEqualTo(200);
                assertThat(text(body)).isEqualTo("up 1\n");
            }
            assertThat(server.connections).hasValue(2);
        }
    }

    @Test
    void chunkedBodiesAndBodiesEndedByClosingAreReadWhole() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            if (request == 0) {
                write(
                        out,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5\r\na 1\nb\r\n4\r\n 2\nc\r\n0\r\nX-Trailer: t\r\n\r\n");
                return true;
            }
            write(out, "HTTP/1.0 200 OK\r\n\r\nuntil the end\n");
            return false;
        });
        try (ScrapeClient client = client("")) {
            ScrapeClient.Request request = client.prepare(target("/metrics"));
            BodyBuffer body = new BodyBuffer();

            fetch(client, request, body);
            assertThat(text(body)).isEqualTo("a 1\nb 2\nc");

            fetch(client, request, body);
            assertThat(text(body)).isEqualTo("until the end\n");
            assertThat(server.connections).hasValue(1);
        }
    }

    @Test
    void informationalResponsesAreSkipped() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            write(out, "HTTP/1.1 100 Continue\r\n\r\n");
            ok(out, "up 1\n");
            return true;
        });
        try (ScrapeClient client = client("")) {
            BodyBuffer body = new BodyBuffer();
            assertThat(fetch(client, client.prepare(target("/metrics")), body).status())
                    .isEqualTo(200);
            assertThat(text(body)).isEqualTo("up 1\n");
        }
    }

    @Test
    void aMalformedResponseFailsTheFetchNamingIt() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\nup 1\n");
            return true;
        });
        try (ScrapeClient client = client("")) {
            assertThatThrownBy(() -> fetch(client, client.prepare(target("/metrics")), new BodyBuffer()))
                    .cause()
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("malformed HTTP response: ");
            assertThat(server.clientClosed.await(20, TimeUnit.SECONDS))
                    .as("the connection is not reused")
                    .isTrue();
        }
    }

    @Test
    void theDeadlineFailsTheFetchAndClosesTheConnection() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nup");
            out.flush();
            return true; // the other 97 bytes never come
        });
        try (ScrapeClient client = client("")) {
            var fetch = client.fetch(client.prepare(target("/metrics")), new BodyBuffer(), 0, 50);

            assertThatThrownBy(() -> fetch.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class);
            assertThat(server.clientClosed.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aStoppedTargetsConnectionIsClosed() throws Exception {
        server = new ScriptedServer((connection, request, out) -> {
            ok(out, "up 1\n");
            return true;
        });
        try (ScrapeClient client = client("")) {
            ScrapeClient.Request request = client.prepare(target("/metrics"));
            fetch(client, request, new BodyBuffer());

            request.close();

            assertThat(server.clientClosed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> fetch(client, request, new BodyBuffer()))
                    .cause()
                    .hasMessage("the scrape pool's HTTP client is closed");
        }
    }
}
