package dev.vigil.scraper.loop;

import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.scraper.http.JdkHttpClients;
import dev.vigil.scraper.target.Target;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * The HTTP side of scraping for one scrape pool: one {@code java.net.http} client (connection reuse, TLS, redirects
 * and authentication from the pool's {@code http_client_config}), the negotiated {@code Accept} header and
 * compression. Bodies are collected into the caller's {@link BodyBuffer} with {@code body_size_limit} enforced while
 * reading, so an oversized body is cut off rather than buffered. Thread-safe.
 */
final class ScrapeClient {
    private static final String USER_AGENT = "Vigil/0.1";

    private final HttpClient client;
    private final HttpClientConfig httpConfig;
    private final Function<String, Path> resolve;
    private final String accept;
    private final boolean compression;

    ScrapeClient(ScrapeConfig config, Function<String, Path> resolve) {
        HttpClientConfig http = config.httpClient();
        // Go's client speaks HTTP/2 only over TLS; an h2c upgrade on plain HTTP would only add a round of headers.
        boolean http2 = http.enableHttp2() && "https".equals(config.scheme());
        this.httpConfig = new HttpClientConfig(
                http.basicAuth(),
                http.authorization(),
                http.oauth2(),
                http.followRedirects(),
                http2,
                http.tlsConfig(),
                http.proxy(),
                http.httpHeaders());
        // Response bodies are copied into the loop's buffer as they arrive and parsing runs on the pool's worker, so
        // the client's own callbacks are short: they run on its selector thread instead of being handed to another.
        this.client = JdkHttpClients.builder(
                        httpConfig, resolve, config.scrapeTimeout().toDuration())
                .executor(Runnable::run)
                .build();
        this.resolve = resolve;
        this.accept = AcceptHeader.of(config.scrapeProtocols(), config.metricNameEscapingScheme());
        this.compression = config.enableCompression();
    }

    String acceptHeader() {
        return accept;
    }

    /** What came back: the status and the headers the parser needs; the body is in the buffer. */
    record Response(int status, String reason, String contentType, boolean gzip) {}

    /** Starts fetching {@code target}; the body lands in {@code body}. Completes exceptionally on any failure. */
    CompletableFuture<Response> fetch(Target target, BodyBuffer body, long bodySizeLimit) {
        HttpRequest request;
        try {
            request = request(target.url(), target.timeout());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        body.reset(bodySizeLimit);
        return client.sendAsync(request, info -> subscriber(info, body)).thenApply(HttpResponse::body);
    }

    private HttpRequest request(URI url, Duration timeout) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .GET()
                .timeout(timeout)
                .header("Accept", accept)
                .header("Accept-Encoding", compression ? "gzip" : "identity")
                .header("User-Agent", USER_AGENT)
                .header("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds(timeout));
        return JdkHttpClients.authorize(builder, httpConfig, resolve).build();
    }

    /** Seconds in Go's shortest form ({@code 10}, {@code 0.3}), as Prometheus writes this header. */
    static String timeoutSeconds(Duration timeout) {
        return BigDecimal.valueOf(timeout.toMillis())
                .movePointLeft(3)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static HttpResponse.BodySubscriber<Response> subscriber(HttpResponse.ResponseInfo info, BodyBuffer body) {
        String contentType = info.headers().firstValue("Content-Type").orElse("");
        boolean gzip = info.headers()
                .firstValue("Content-Encoding")
                .map(v -> v.trim().equalsIgnoreCase("gzip"))
                .orElse(false);
        Response response = new Response(info.statusCode(), reason(info.statusCode()), contentType, gzip);
        if (info.statusCode() != 200) {
            return HttpResponse.BodySubscribers.replacing(response);
        }
        return new Collector(body, response);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** Copies the body into the buffer; cancels the exchange when the limit is exceeded. */
    private static final class Collector implements HttpResponse.BodySubscriber<Response> {
        private final BodyBuffer body;
        private final Response response;
        private final CompletableFuture<Response> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Collector(BodyBuffer body, Response response) {
            this.body = body;
            this.response = response;
        }

        @Override
        public CompletionStage<Response> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            try {
                for (ByteBuffer b : buffers) {
                    body.append(b);
                }
            } catch (BodyBuffer.BodySizeLimitException e) {
                subscription.cancel();
                result.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(response);
        }
    }
}
