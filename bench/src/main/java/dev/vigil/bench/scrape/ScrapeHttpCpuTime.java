package dev.vigil.bench.scrape;

import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.scraper.http.JdkHttpClients;
import dev.vigil.scraper.http.ScrapeVertx;
import dev.vigil.scraper.http.VertxHttpClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of the scrape HTTP path per fetch, {@code java.net.http} (the scraper's client before) against Vert.x (its
 * client now): both fetch the same 82 KB exposition body from a Vert.x server in this process, one request at a time
 * over a kept-alive connection, copying the body into a reused array the way the scrape loop does. Counted is the CPU
 * of the client's threads only (the JDK client's {@code HttpClient-*} threads or the scrape event loop, plus the
 * thread issuing the requests, which is the scrape timer in Vigil); the server's event loop is not. Per-thread CPU
 * time is far less sensitive than wall-clock time to other processes on a shared machine.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.scrape.ScrapeHttpCpuTime [fetches]}
 */
public final class ScrapeHttpCpuTime {
    private static final int SERIES = 1000;

    private ScrapeHttpCpuTime() {}

    public static void main(String[] args) throws Exception {
        int fetches = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        byte[] body = body();
        Vertx serverVertx = Vertx.vertx();
        Buffer payload = Buffer.buffer(body);
        HttpServer server = serverVertx
                .createHttpServer()
                .requestHandler(r -> r.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(payload))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        URI url = URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics");
        System.out.printf(
                "body %d bytes, %d fetches per client, after %d warm-up fetches%n", body.length, fetches, fetches / 2);
        try {
            for (int round = 0; round < 2; round++) {
                measure("java.net.http", new JdkFetcher(url), fetches, "HttpClient-");
                Vertx vertx = ScrapeVertx.create();
                try {
                    measure("vert.x", new VertxFetcher(vertx, url), fetches, "vigil-scrape-http-");
                } finally {
                    ScrapeVertx.close(vertx);
                }
            }
        } finally {
            ScrapeVertx.close(serverVertx);
        }
    }

    private static byte[] body() {
        StringBuilder text = new StringBuilder("# HELP demo_requests_total Requests served.\n");
        text.append("# TYPE demo_requests_total counter\n");
        for (int i = 0; i < SERIES; i++) {
            text.append("demo_requests_total{instance=\"demo-")
                    .append(i % 7)
                    .append("\",handler=\"/api/v1/item/")
                    .append(i)
                    .append("\",code=\"200\"} ")
                    .append(1_000_000 + i * 37L)
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One client's way of fetching the URL into a reused array. */
    private interface Fetcher {
        /** Completes with the body length. */
        CompletableFuture<Integer> fetch();
    }

    private static void measure(String name, Fetcher fetcher, int fetches, String threadPrefix) throws Exception {
        for (int i = 0; i < fetches / 2; i++) {
            fetcher.fetch().get(30, TimeUnit.SECONDS);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long clientBefore = clientCpu(threads, threadPrefix);
        long callerBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < fetches; i++) {
            bytes += fetcher.fetch().get(30, TimeUnit.SECONDS);
        }
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double caller = (threads.getCurrentThreadCpuTime() - callerBefore) / 1e9;
        double client = (clientCpu(threads, threadPrefix) - clientBefore) / 1e9;
        System.out.printf(
                "%-14s %6.1f µs CPU per fetch (client threads %6.1f µs + requesting thread %6.1f µs), %6.1f µs wall;"
                        + " %d MB read%n",
                name,
                (client + caller) / fetches * 1e6,
                client / fetches * 1e6,
                caller / fetches * 1e6,
                wall / fetches * 1e6,
                bytes >> 20);
    }

    private static long clientCpu(ThreadMXBean threads, String prefix) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** As the scrape client did before: sendAsync, callbacks on the selector thread, bytes copied as they come. */
    private static final class JdkFetcher implements Fetcher {
        private final HttpClient client = JdkHttpClients.builder(
                        HttpClientConfig.withHttp2(false), Path::of, Duration.ofSeconds(10))
                .executor(Runnable::run)
                .build();
        private final URI url;
        private byte[] target = new byte[16 * 1024];

        JdkFetcher(URI url) {
            this.url = url;
        }

        @Override
        public CompletableFuture<Integer> fetch() {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .GET()
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "text/plain;version=0.0.4;q=0.6,*/*;q=0.5")
                    .header("Accept-Encoding", "identity")
                    .header("User-Agent", "Vigil/0.1")
                    .header("X-Prometheus-Scrape-Timeout-Seconds", "10")
                    .build();
            return client.sendAsync(request, info -> new Copier()).thenApply(HttpResponse::body);
        }

        private final class Copier implements HttpResponse.BodySubscriber<Integer> {
            private final CompletableFuture<Integer> result = new CompletableFuture<>();
            private int length;

            @Override
            public CompletionStage<Integer> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer b : buffers) {
                    int n = b.remaining();
                    if (length + n > target.length) {
                        target = java.util.Arrays.copyOf(target, Math.max(length + n, target.length * 2));
                    }
                    b.get(target, length, n);
                    length += n;
                }
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(length);
            }
        }
    }

    /** As the scrape client does now: the requesting thread hands the exchange to the event loop. */
    private static final class VertxFetcher implements Fetcher {
        private final VertxHttpClient client;
        private final Context context;
        private final RequestOptions options;
        private byte[] target = new byte[16 * 1024];
        private int length;

        VertxFetcher(Vertx vertx, URI url) {
            this.client =
                    VertxHttpClient.create(vertx, HttpClientConfig.withHttp2(false), Path::of, Duration.ofSeconds(10));
            this.context = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
            this.options = client.get(url)
                    .setHeaders(HttpHeaders.headers()
                            .set("Accept", "text/plain;version=0.0.4;q=0.6,*/*;q=0.5")
                            .set("Accept-Encoding", "identity")
                            .set("User-Agent", "Vigil/0.1")
                            .set("X-Prometheus-Scrape-Timeout-Seconds", "10"));
        }

        @Override
        public CompletableFuture<Integer> fetch() {
            CompletableFuture<Integer> result = new CompletableFuture<>();
            context.runOnContext(v -> client.request(options)
                    .compose(request -> request.send())
                    .onFailure(result::completeExceptionally)
                    .onSuccess(response -> {
                        length = 0;
                        response.handler(chunk -> {
                            int n = chunk.length();
                            if (length + n > target.length) {
                                target = java.util.Arrays.copyOf(target, Math.max(length + n, target.length * 2));
                            }
                            chunk.getBytes(0, n, target, length);
                            length += n;
                        });
                        response.exceptionHandler(result::completeExceptionally);
                        response.endHandler(end -> result.complete(length));
                    }));
            return result;
        }
    }
}
