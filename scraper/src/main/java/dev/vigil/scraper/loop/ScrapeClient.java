package dev.vigil.scraper.loop;

import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.scraper.http.RequestHeaders;
import dev.vigil.scraper.http.VertxHttpClient;
import dev.vigil.scraper.target.Target;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The HTTP side of scraping for one scrape pool: a {@link VertxHttpClient} on the scrape Vert.x instance (connection
 * reuse, TLS, redirects and proxy from the pool's {@code http_client_config}), the request headers (authentication,
 * {@code http_headers}, the negotiated {@code Accept}, compression, the scrape timeout) and the body.
 *
 * <p>Requests start on the event loop: the caller's thread (the scrape timer) only hands the exchange over. Response
 * bytes are copied into the caller's {@link BodyBuffer} on the event loop as they arrive, with {@code body_size_limit}
 * enforced while reading, so an oversized body is cut off rather than buffered; everything else (inflating, parsing)
 * is the caller's. A fetch that completes exceptionally for any reason (cancelled, timed out by
 * {@link CompletableFuture#orTimeout}, over the limit) resets its HTTP stream, which closes an HTTP/1.1 connection, so
 * nothing more is written into the buffer after the failure has been seen.
 *
 * <p>Thread-safe. {@link #close} (when the pool stops) ends the client's connections.
 */
final class ScrapeClient implements AutoCloseable {
    private static final String USER_AGENT = "Vigil/0.1";

    private final VertxHttpClient client;
    private final Context context;
    private final HttpClientConfig httpConfig;
    private final Function<String, Path> resolve;
    private final boolean headersFromFiles;
    private final String accept;
    private final String acceptEncoding;

    /**
     * @param vertx the scrape Vert.x instance; this client's requests run on one of its event loops
     * @throws IllegalArgumentException naming the unsupported or unreadable setting of the pool's configuration
     */
    ScrapeClient(ScrapeConfig config, Function<String, Path> resolve, Vertx vertx) {
        this.httpConfig = config.httpClient();
        this.client = VertxHttpClient.create(
                vertx, httpConfig, resolve, config.scrapeTimeout().toDuration());
        // A context of our own, so requests and their callbacks run on the event loop whichever thread starts them.
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.resolve = resolve;
        this.headersFromFiles = RequestHeaders.readsFiles(httpConfig);
        this.accept = AcceptHeader.of(config.scrapeProtocols(), config.metricNameEscapingScheme());
        this.acceptEncoding = config.enableCompression() ? "gzip" : "identity";
    }

    String acceptHeader() {
        return accept;
    }

    /** What came back: the status and the headers the parser needs; the body is in the buffer. */
    record Response(int status, String reason, String contentType, boolean gzip) {}

    /**
     * The request of one target, made once: its options and, unless credentials come from files (re-read on every
     * request so rotation works), its headers. Never changed after construction, so a request in flight can read it
     * while the next is being prepared.
     */
    final class Request {
        private final Target target;
        private final RequestOptions options;
        private final IOException problem;

        private Request(Target target) {
            this.target = target;
            RequestOptions built = null;
            IOException failed = null;
            try {
                built = client.get(target.url());
                if (!headersFromFiles) {
                    built.setHeaders(headers(target));
                }
            } catch (IllegalArgumentException | IOException e) {
                failed = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            this.options = built;
            this.problem = failed;
        }

        private RequestOptions options() throws IOException {
            if (problem != null) {
                throw problem;
            }
            if (!headersFromFiles) {
                return options;
            }
            return new RequestOptions(options).setHeaders(headers(target));
        }
    }

    /** Prepares the requests of {@code target}; a problem with it (a bad URL) is reported by every fetch. */
    Request prepare(Target target) {
        return new Request(target);
    }

    private MultiMap headers(Target target) throws IOException {
        MultiMap headers = HttpHeaders.headers();
        headers.set(HttpHeaders.ACCEPT, accept)
                .set(HttpHeaders.ACCEPT_ENCODING, acceptEncoding)
                .set(HttpHeaders.USER_AGENT, USER_AGENT)
                .set("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds(target.timeout()));
        RequestHeaders.write(httpConfig, resolve, (name, value, replace) -> {
            if (replace) {
                headers.set(name, value);
            } else {
                headers.add(name, value);
            }
        });
        return headers;
    }

    /** Starts fetching {@code target}; the body lands in {@code body}. Completes exceptionally on any failure. */
    CompletableFuture<Response> fetch(Target target, BodyBuffer body, long bodySizeLimit) {
        return fetch(prepare(target), body, bodySizeLimit);
    }

    /** Like {@link #fetch(Target, BodyBuffer, long)} with the target's prepared request. */
    CompletableFuture<Response> fetch(Request request, BodyBuffer body, long bodySizeLimit) {
        RequestOptions options;
        try {
            options = request.options();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        body.reset(bodySizeLimit);
        Exchange exchange = new Exchange(options, body);
        context.runOnContext(exchange::start);
        return exchange;
    }

    /** Seconds in Go's shortest form ({@code 10}, {@code 0.3}), as Prometheus writes this header. */
    static String timeoutSeconds(Duration timeout) {
        return BigDecimal.valueOf(timeout.toMillis())
                .movePointLeft(3)
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public void close() {
        client.close();
    }

    /** One request and its response, as the future the scrape loop waits for. */
    private final class Exchange extends CompletableFuture<Response> {
        private final RequestOptions options;
        private final BodyBuffer body;
        private volatile HttpClientRequest request;
        private Response response;

        Exchange(RequestOptions options, BodyBuffer body) {
            this.options = options;
            this.body = body;
        }

        /** On the event loop. */
        void start(Void ignored) {
            if (isDone()) {
                return;
            }
            client.request(options).onComplete(this::sending, this::fail);
        }

        private void sending(HttpClientRequest sent) {
            request = sent;
            if (isDone()) {
                sent.reset();
                return;
            }
            sent.send().onComplete(this::responded, this::fail);
        }

        private void responded(HttpClientResponse received) {
            // After redirects this is the last request's response: the one to reset from now on.
            request = received.request();
            if (isDone()) {
                request.reset();
                return;
            }
            if (client.tooManyRedirects(received)) {
                fail(new IOException("stopped after " + VertxHttpClient.MAX_REDIRECTS + " redirects"));
                return;
            }
            String encoding = received.getHeader(HttpHeaders.CONTENT_ENCODING);
            String contentType = received.getHeader(HttpHeaders.CONTENT_TYPE);
            response = new Response(
                    received.statusCode(),
                    received.statusMessage(),
                    contentType == null ? "" : contentType,
                    encoding != null && encoding.trim().equalsIgnoreCase("gzip"));
            if (received.statusCode() != 200) {
                // The body is not wanted: Vert.x drops it as it arrives, and the connection stays reusable.
                complete(response);
                return;
            }
            received.handler(this::chunk);
            received.exceptionHandler(this::fail);
            received.endHandler(this::ended);
        }

        private void chunk(Buffer chunk) {
            if (isDone()) {
                return;
            }
            try {
                body.append(chunk);
            } catch (BodyBuffer.BodySizeLimitException e) {
                completeExceptionally(e);
            }
        }

        private void ended(Void ignored) {
            complete(response);
        }

        private void fail(Throwable error) {
            if (error instanceof ConnectTimeoutException) {
                // The connect timeout is the scrape timeout: report it as the scrape loop reports its own.
                error = new TimeoutException(error.getMessage());
            }
            completeExceptionally(error);
        }

        @Override
        public boolean completeExceptionally(Throwable error) {
            boolean failed = super.completeExceptionally(error);
            if (failed) {
                reset();
            }
            return failed;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                reset();
            }
            return cancelled;
        }

        /** Stops the transfer; a request not created yet is reset as soon as it is (see {@link #sending}). */
        private void reset() {
            HttpClientRequest current = request;
            if (current != null) {
                context.runOnContext(v -> current.reset());
            }
        }
    }
}
