package dev.vigil.scraper.loop;

import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.scraper.http.RequestHeaders;
import dev.vigil.scraper.http.VertxHttpClient;
import dev.vigil.scraper.target.Target;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NetUtil;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The HTTP side of scraping for one scrape pool: a {@link VertxHttpClient} on the scrape Vert.x instance (connection
 * reuse, TLS, redirects and proxy from the pool's {@code http_client_config}), the request headers (authentication,
 * {@code http_headers}, the negotiated {@code Accept}, compression, the scrape timeout) and the body.
 *
 * <p>Targets spoken to over plain {@code http} by IP address without a proxy (every pod and endpoint that Kubernetes
 * discovery finds) go through a {@link PlainHttpConnection} of their own instead, which costs the event loop a fraction
 * of the general client's time per scrape; its redirects are followed by the general client.
 *
 * <p>Requests start on the event loop: the caller's thread (in a running server the event loop itself, which also
 * runs the scrape ticks and deadlines) only hands the exchange over. Response bytes are copied into the caller's
 * {@link BodyBuffer} on the event loop as they arrive, with {@code body_size_limit} enforced while reading, so an
 * oversized body is cut off rather than buffered; everything else (inflating, parsing) is the caller's. A fetch that
 * completes exceptionally for any reason (cancelled, timed out, over the limit) resets its HTTP stream or closes its
 * plain connection, so nothing more is written into the buffer after the failure has been seen.
 *
 * <p>Thread-safe. {@link #close} (when the pool stops) ends the client's connections.
 */
final class ScrapeClient implements AutoCloseable {
    private static final String USER_AGENT = "Vigil/0.1";

    private final VertxHttpClient client;
    private final Context context;
    private final EventLoop loop;
    private final Bootstrap plainBootstrap;
    private final boolean plainAllowed;
    private final Set<PlainHttpConnection> plainConnections = ConcurrentHashMap.newKeySet();
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
        this(config, resolve, vertx, true);
    }

    /** @param plainPath whether eligible targets take the plain path (false: every target the general client) */
    ScrapeClient(ScrapeConfig config, Function<String, Path> resolve, Vertx vertx, boolean plainPath) {
        this.httpConfig = config.httpClient();
        this.client = VertxHttpClient.create(
                vertx, httpConfig, resolve, config.scrapeTimeout().toDuration());
        // A context of our own, so requests and their callbacks run on the event loop whichever thread starts them.
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.loop = ((ContextInternal) context).nettyEventLoop();
        this.plainAllowed = plainPath && httpConfig.proxy().proxyUrl().isEmpty();
        this.plainBootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(
                        Integer.MAX_VALUE, config.scrapeTimeout().toDuration().toMillis()));
        this.resolve = resolve;
        this.headersFromFiles = RequestHeaders.readsFiles(httpConfig);
        this.accept = AcceptHeader.of(config.scrapeProtocols(), config.metricNameEscapingScheme());
        this.acceptEncoding = config.enableCompression() ? "gzip" : "identity";
    }

    String acceptHeader() {
        return accept;
    }

    /** What came back: the status and the headers the parser needs; the body is in the buffer. */
    record Response(int status, String reason, String contentType, boolean gzip) {
        /** From the status line and the two headers that matter; either header may be missing (null). */
        static Response of(int status, String reason, String contentType, String contentEncoding) {
            return new Response(
                    status,
                    reason,
                    contentType == null ? "" : contentType,
                    contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip"));
        }
    }

    /**
     * The request of one target, made once: its options and, unless credentials come from files (re-read on every
     * request so rotation works), its headers. Never changed after construction, so a request in flight can read it
     * while the next is being prepared.
     */
    final class Request implements AutoCloseable {
        private final Target target;
        private final RequestOptions options;
        private final IOException problem;
        /** The target's own connection when it takes the plain path, else null. */
        private final PlainHttpConnection plain;

        private final String plainHost;
        /** The plain request's bytes, unless credentials come from files. */
        private final ByteBuf plainRequest;

        private Request(Target target) {
            this.target = target;
            RequestOptions built = null;
            IOException failed = null;
            PlainHttpConnection connection = null;
            String host = null;
            ByteBuf bytes = null;
            try {
                URI url = target.url();
                built = client.get(url);
                MultiMap headers = headersFromFiles ? null : headers(target);
                if (headers != null) {
                    built.setHeaders(headers);
                }
                byte[] ip = plainAllowed && !built.isSsl()
                        ? NetUtil.createByteArrayFromIpAddressString(built.getHost())
                        : null;
                if (ip != null) {
                    host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
                    if (headers != null) {
                        bytes = encodePlainRequest(built.getURI(), host, headers);
                    }
                    connection = new PlainHttpConnection(
                            plainBootstrap,
                            loop,
                            new InetSocketAddress(InetAddress.getByAddress(ip), built.getPort()),
                            httpConfig.followRedirects());
                    plainConnections.add(connection);
                }
            } catch (IllegalArgumentException | IOException e) {
                failed = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                connection = null;
            }
            this.options = built;
            this.problem = failed;
            this.plain = connection;
            this.plainHost = host;
            this.plainRequest = bytes;
        }

        private ByteBuf plainRequest() throws IOException {
            if (problem != null) {
                throw problem;
            }
            return plainRequest != null
                    ? plainRequest
                    : encodePlainRequest(options.getURI(), plainHost, headers(target));
        }

        /** Whether the target takes the plain path (its own connection) rather than the general client. */
        boolean plain() {
            return plain != null;
        }

        /** Closes the target's own connection, if it has one; its scrape loop stopped. */
        @Override
        public void close() {
            if (plain != null) {
                plainConnections.remove(plain);
                plain.close();
            }
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

    /**
     * A request's bytes for the plain path: the request line, {@code Host} as the target's address, then
     * {@code headers}.
     *
     * @throws IllegalArgumentException when a header would break the request (a line break or NUL)
     */
    private static ByteBuf encodePlainRequest(String pathAndQuery, String host, MultiMap headers) {
        StringBuilder text = new StringBuilder(256)
                .append("GET ")
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            text.append(checked(header.getKey()))
                    .append(": ")
                    .append(checked(header.getValue()))
                    .append("\r\n");
        }
        byte[] bytes = text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
    }

    private static String checked(String headerText) {
        for (int i = 0; i < headerText.length(); i++) {
            char c = headerText.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("request header contains a line break or NUL: " + headerText);
            }
        }
        return headerText;
    }

    /** Starts fetching {@code target}; the body lands in {@code body}. Completes exceptionally on any failure. */
    CompletableFuture<Response> fetch(Target target, BodyBuffer body, long bodySizeLimit) {
        return fetch(prepare(target), body, bodySizeLimit, 0);
    }

    /** Like {@link #fetch(Target, BodyBuffer, long)} with the target's prepared request and no deadline. */
    CompletableFuture<Response> fetch(Request request, BodyBuffer body, long bodySizeLimit) {
        return fetch(request, body, bodySizeLimit, 0);
    }

    /**
     * Starts fetching with the target's prepared request.
     *
     * @param timeoutMs after this many milliseconds the fetch fails with a {@link TimeoutException} (0: never)
     */
    CompletableFuture<Response> fetch(Request request, BodyBuffer body, long bodySizeLimit, long timeoutMs) {
        CompletableFuture<Response> exchange;
        if (request.plain != null) {
            ByteBuf bytes;
            try {
                bytes = request.plainRequest();
            } catch (IOException | IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            body.reset(bodySizeLimit);
            PlainHttpConnection connection = request.plain;
            PlainHttpConnection.Exchange plain =
                    connection.new Exchange(bytes, body, location -> followRedirect(request, body, location));
            if (loop.inEventLoop()) {
                connection.start(plain);
            } else {
                loop.execute(() -> connection.start(plain));
            }
            exchange = plain;
        } else {
            RequestOptions options;
            try {
                options = request.options();
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            body.reset(bodySizeLimit);
            exchange = generalFetch(options, body);
        }
        if (timeoutMs > 0 && !exchange.isDone()) {
            CompletableFuture<Response> bounded = exchange;
            ScheduledFuture<?> deadline = loop.schedule(
                    () -> bounded.completeExceptionally(new TimeoutException()), timeoutMs, TimeUnit.MILLISECONDS);
            exchange.whenComplete((response, error) -> deadline.cancel(false));
        }
        return exchange;
    }

    /**
     * Follows the redirect a plain target answered with, on the general client, with the request's headers and as the
     * first of the redirects allowed.
     */
    private CompletableFuture<Response> followRedirect(Request request, BodyBuffer body, String location) {
        RequestOptions next;
        try {
            next = client.get(request.target.url().resolve(location))
                    .setHeaders(request.options().getHeaders());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new IOException("redirect to invalid location \"" + location + "\"", e));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Exchange exchange = new Exchange(next, body, 1);
        context.runOnContext(exchange::start);
        return exchange;
    }

    private CompletableFuture<Response> generalFetch(RequestOptions options, BodyBuffer body) {
        Exchange exchange = new Exchange(options, body, 0);
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
        for (PlainHttpConnection connection : plainConnections) {
            connection.close();
        }
        plainConnections.clear();
        client.close();
    }

    /** One request and its response, as the future the scrape loop waits for. */
    private final class Exchange extends Fetch {
        private final RequestOptions options;
        private final BodyBuffer body;
        /** Redirects followed before this exchange started (by the plain path). */
        private final int redirectsBefore;

        private volatile HttpClientRequest request;
        private Response response;

        Exchange(RequestOptions options, BodyBuffer body, int redirectsBefore) {
            this.options = options;
            this.body = body;
            this.redirectsBefore = redirectsBefore;
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
            if (redirectsBefore > 0) {
                sent.setMaxRedirects(VertxHttpClient.MAX_REDIRECTS - redirectsBefore);
            }
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
            if (client.tooManyRedirects(received, redirectsBefore)) {
                fail(new IOException("stopped after " + VertxHttpClient.MAX_REDIRECTS + " redirects"));
                return;
            }
            response = Response.of(
                    received.statusCode(),
                    received.statusMessage(),
                    received.getHeader(HttpHeaders.CONTENT_TYPE),
                    received.getHeader(HttpHeaders.CONTENT_ENCODING));
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

        /** Resets the stream; a request not created yet is reset as soon as it is (see {@link #sending}). */
        @Override
        void stopTransfer() {
            HttpClientRequest current = request;
            if (current != null) {
                context.runOnContext(v -> current.reset());
            }
        }
    }
}
