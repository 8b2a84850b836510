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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scrape client's transfer against a Vert.x server that streams bodies the test controls, on both of its paths
 * (the plain one and the general client): a cancelled or oversized transfer must stop (the server sees its connection
 * closed), and steady scrapes reuse one connection.
 */
class ScrapeClientTest {
    private static final Buffer CHUNK = Buffer.buffer("x".repeat(8192));

    private static Vertx serverVertx;
    private static Vertx scrapeVertx;
    private static HttpServer server;
    private static final AtomicInteger connections = new AtomicInteger();
    private static volatile CountDownLatch firstChunkWritten;
    private static volatile CountDownLatch streamClosed;

    @BeforeAll
    static void start() throws Exception {
        serverVertx = Vertx.vertx();
        scrapeVertx = ScrapeVertx.create();
        server = serverVertx
                .createHttpServer()
                .connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(request -> {
                    HttpServerResponse response = request.response();
                    response.putHeader("Content-Type", "text/plain; version=0.0.4");
                    switch (request.path()) {
                        case "/endless" -> {
                            // Streams until the client hangs up.
                            CountDownLatch closed = streamClosed;
                            request.connection().closeHandler(v -> closed.countDown());
                            response.setChunked(true);
                            long timer = serverVertx.setPeriodic(1, id -> {
                                if (!response.closed() && !response.writeQueueFull()) {
                                    response.write(CHUNK);
                                }
                            });
                            response.closeHandler(v -> serverVertx.cancelTimer(timer));
                        }
                        case "/stalls" -> {
                            // One chunk, then nothing until the client hangs up.
                            CountDownLatch closed = streamClosed;
                            CountDownLatch written = firstChunkWritten;
                            request.connection().closeHandler(v -> closed.countDown());
                            response.setChunked(true);
                            response.write(CHUNK).onComplete(ar -> written.countDown());
                        }
                        case "/missing" -> response.setStatusCode(404).end("x".repeat(100_000));
                        default -> response.end("up 1\n");
                    }
                })
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        ScrapeVertx.close(scrapeVertx);
        ScrapeVertx.close(serverVertx);
    }

    @BeforeEach
    void reset() {
        firstChunkWritten = new CountDownLatch(1);
        streamClosed = new CountDownLatch(1);
    }

    private static ScrapeClient client(boolean plainPath) throws Exception {
        return new ScrapeClient(config(), Path::of, scrapeVertx, plainPath);
    }

    private static ScrapeConfig config() throws Exception {
        String yaml = "scrape_configs:\n  - job_name: t\n    scrape_timeout: 10s\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:" + server.actualPort() + "']\n";
        return ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0);
    }

    private static Target target(String path) throws Exception {
        String address = "127.0.0.1:" + server.actualPort();
        return new TargetBuilder(config())
                .build(List.of(TargetGroup.ofAddresses("t", List.of(address), Labels.of("__metrics_path__", path))))
                .active()
                .get(0);
    }

    @ParameterizedTest(name = "plain path: {0}")
    @ValueSource(booleans = {true, false})
    void cancellingMidBodyClosesTheConnection(boolean plainPath) throws Exception {
        try (ScrapeClient client = client(plainPath)) {
            BodyBuffer body = new BodyBuffer();
            CompletableFuture<ScrapeClient.Response> fetch = client.fetch(target("/stalls"), body, 0);
            assertThat(firstChunkWritten.await(20, TimeUnit.SECONDS)).isTrue();
            awaitBodyBytes(body);

            assertThat(fetch.cancel(true)).isTrue();

            assertThat(streamClosed.await(20, TimeUnit.SECONDS))
                    .as("the server sees the transfer end")
                    .isTrue();
            assertThatThrownBy(fetch::join).isInstanceOf(CancellationException.class);
        }
    }

    @ParameterizedTest(name = "plain path: {0}")
    @ValueSource(booleans = {true, false})
    void aTimedOutFetchClosesTheConnection(boolean plainPath) throws Exception {
        try (ScrapeClient client = client(plainPath)) {
            BodyBuffer body = new BodyBuffer();
            CompletableFuture<ScrapeClient.Response> fetch = client.fetch(target("/stalls"), body, 0);
            assertThat(firstChunkWritten.await(20, TimeUnit.SECONDS)).isTrue();
            awaitBodyBytes(body);

            // Completing the fetch exceptionally from outside (here orTimeout) stops the transfer like its deadline.
            fetch.orTimeout(1, TimeUnit.MILLISECONDS);

            assertThat(streamClosed.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Waits until the event loop has copied the first bytes in, so the transfer is stopped mid-body. */
    private static void awaitBodyBytes(BodyBuffer body) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            VarHandle.acquireFence();
            if (body.length() > 0) {
                return;
            }
            assertThat(System.nanoTime()).as("body bytes arrive").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @ParameterizedTest(name = "plain path: {0}")
    @ValueSource(booleans = {true, false})
    void aBodyOverTheLimitFailsWhileStreamingAndClosesTheConnection(boolean plainPath) throws Exception {
        try (ScrapeClient client = client(plainPath)) {
            BodyBuffer body = new BodyBuffer();
            CompletableFuture<ScrapeClient.Response> fetch = client.fetch(target("/endless"), body, 64 * 1024);

            assertThatThrownBy(() -> fetch.get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(BodyBuffer.BodySizeLimitException.class)
                    .hasMessage("body size limit exceeded (limit: 65536 bytes)");
            assertThat(streamClosed.await(20, TimeUnit.SECONDS))
                    .as("an endless body is cut off")
                    .isTrue();
            assertThat(body.length()).isLessThanOrEqualTo(64 * 1024);
        }
    }

    @ParameterizedTest(name = "plain path: {0}")
    @ValueSource(booleans = {true, false})
    void aNon200ResponseCompletesWithItsStatusWithoutItsBody(boolean plainPath) throws Exception {
        try (ScrapeClient client = client(plainPath)) {
            BodyBuffer body = new BodyBuffer();
            ScrapeClient.Response response =
                    client.fetch(target("/missing"), body, 0).get(20, TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.reason()).isEqualTo("Not Found");
            assertThat(body.length()).isZero();
        }
    }

    @ParameterizedTest(name = "plain path: {0}")
    @ValueSource(booleans = {true, false})
    void consecutiveScrapesOfATargetReuseOneConnection(boolean plainPath) throws Exception {
        try (ScrapeClient client = client(plainPath)) {
            Target target = target("/metrics");
            ScrapeClient.Request request = client.prepare(target);
            BodyBuffer body = new BodyBuffer();
            int before = connections.get();
            for (int i = 0; i < 3; i++) {
                ScrapeClient.Response response = client.fetch(request, body, 0).get(20, TimeUnit.SECONDS);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4");
                assertThat(new String(body.bytes(), 0, body.length())).isEqualTo("up 1\n");
            }
            assertThat(connections.get() - before).isEqualTo(1);
        }
    }
}
