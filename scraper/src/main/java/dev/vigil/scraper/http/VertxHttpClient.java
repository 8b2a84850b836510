package dev.vigil.scraper.http;

import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.TlsConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;

/**
 * A Vert.x (Netty) HTTP client built from Prometheus's {@code <http_config>}, for scraping: cheaper per request than
 * {@code java.net.http}, whose selector thread and {@code sendAsync} cost about a third of Vigil's CPU under a
 * 100-target load.
 *
 * <p>What it does with the configuration, as Prometheus's Go client does:
 *
 * <ul>
 *   <li>{@code tls_config} through {@link TlsContexts}: CA, client certificate, {@code insecure_skip_verify},
 *       {@code min_version}/{@code max_version}, and {@code server_name}, which is both the name the certificate must
 *       carry (Go's rules, {@link ServerNames}) and the SNI name, also for targets addressed by host name (the request
 *       still carries the target's address as {@code Host}).
 *   <li>{@code enable_http2}: HTTP/2 offered by ALPN next to HTTP/1.1 on TLS connections only; plain {@code http}
 *       targets always speak HTTP/1.1 (no h2c).
 *   <li>{@code follow_redirects}: 301, 302, 303, 307 and 308 are followed, at most {@value #MAX_REDIRECTS} times, with
 *       the original headers (authentication included, as Prometheus's round trippers add it to every hop).
 *   <li>{@code proxy_url}: an {@code http://} proxy, with {@code user:password@} sent as proxy basic authentication;
 *       plain requests go to the proxy in absolute form, TLS ones through {@code CONNECT}.
 *   <li>No decompression: {@code Accept-Encoding} is the caller's, and so is inflating the body.
 * </ul>
 *
 * Request headers from the configuration (authentication, {@code http_headers}) are the caller's too, through
 * {@link RequestHeaders}. {@code oauth2} is refused.
 *
 * <p>Connections are kept alive for 5 minutes when idle (Go's {@code IdleConnTimeout}), one pool per target
 * {@code host:port}; the pool lets every target behind one address (a blackbox exporter with {@code params}) scrape at
 * the same time rather than queue.
 *
 * <p>Thread-safe. Callbacks of the requests run on the Vert.x event loop. {@link #close} ends every connection.
 */
public final class VertxHttpClient implements AutoCloseable {
    /** Go's limit: the 11th redirect fails the request. */
    public static final int MAX_REDIRECTS = 10;

    private static final int IDLE_SECONDS = 300;
    private static final int CONNECTIONS_PER_ADDRESS = 256;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final HttpClientAgent client;
    private final boolean http2;
    private final boolean followRedirects;
    private final String serverName;

    private VertxHttpClient(Vertx vertx, HttpClientOptions options, HttpClientConfig config) {
        this.http2 = config.enableHttp2();
        this.followRedirects = config.followRedirects();
        this.serverName = config.tlsConfig().serverName();
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_ADDRESS);
        this.client = vertx.httpClientBuilder().with(options).with(pool).build();
    }

    /**
     * @param resolve turns file paths from the configuration into file system paths
     * @param connectTimeout how long establishing a connection (TCP, proxy and TLS handshakes) may take
     * @throws IllegalArgumentException naming the unsupported or unreadable setting
     */
    public static VertxHttpClient create(
            Vertx vertx, HttpClientConfig config, Function<String, Path> resolve, Duration connectTimeout) {
        if (config.oauth2().isPresent()) {
            throw new IllegalArgumentException("oauth2 is not supported");
        }
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setKeepAlive(true)
                .setKeepAliveTimeout(IDLE_SECONDS)
                .setDecompressionSupported(false)
                .setMaxRedirects(MAX_REDIRECTS)
                // Fewer, larger chunks: each one is a callback and a copy into the scrape's buffer.
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setHttp2ClearTextUpgrade(false);
        if (config.enableHttp2()) {
            options.setProtocolVersion(HttpVersion.HTTP_2)
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
        }
        configureTls(options, config.tlsConfig(), resolve);
        if (!config.proxy().proxyUrl().isEmpty()) {
            options.setProxyOptions(proxy(config.proxy().proxyUrl()));
        }
        return new VertxHttpClient(vertx, options, config);
    }

    private static void configureTls(HttpClientOptions options, TlsConfig tls, Function<String, Path> resolve) {
        try {
            X509KeyManager keys = TlsContexts.keyManager(tls, resolve);
            if (keys != null) {
                options.setKeyCertOptions(KeyCertOptions.wrap(keys));
            }
            TrustManager trust = TlsContexts.trustManager(tls, resolve);
            if (trust != null) {
                options.setTrustOptions(TrustOptions.wrap(trust));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_config: " + e.getMessage(), e);
        }
        options.setVerifyHost(TlsContexts.verifiesAddress(tls));
        List<String> protocols = TlsContexts.protocols(tls);
        if (protocols != null) {
            options.setEnabledSecureTransportProtocols(new LinkedHashSet<>(protocols));
        }
    }

    private static ProxyOptions proxy(String url) {
        URI proxy;
        try {
            proxy = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("proxy_url: " + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(proxy.getScheme()) || proxy.getHost() == null) {
            throw new IllegalArgumentException("proxy_url: only http://host[:port] proxies are supported, got " + url);
        }
        ProxyOptions options = new ProxyOptions()
                .setType(ProxyType.HTTP)
                .setHost(bare(proxy.getHost()))
                .setPort(proxy.getPort() > 0 ? proxy.getPort() : 80);
        String userInfo = proxy.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            options.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            options.setPassword(colon < 0 ? "" : decode(userInfo.substring(colon + 1)));
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The options of a GET of {@code url} (scheme, address, path and query; {@code server_name}; redirects as
     * configured). The caller adds its headers and may reuse the options for every request to the same URL, as long
     * as it does not change them once a request was made with them.
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute {@code http} or {@code https} URL
     */
    public RequestOptions get(URI url) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        if (!tls && !"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        String host = bare(url.getHost());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setSsl(tls)
                .setPort(port)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setFollowRedirects(followRedirects);
        if (tls && !serverName.isEmpty()) {
            // The authority decides the SNI name (and the connection pool); request() sets the Host header back to
            // the target's address.
            options.setServer(SocketAddress.inetSocketAddress(port, host)).setHost(serverName);
        } else {
            options.setHost(host);
        }
        if (!tls && http2) {
            options.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        return options;
    }

    /**
     * Starts a request made with {@link #get}'s options; completes on the event loop once a connection is ready to
     * send it. Redirects, when followed, are requested the same way.
     */
    public Future<HttpClientRequest> request(RequestOptions options) {
        HostAndPort host = options.getServer() instanceof SocketAddress server
                ? HostAndPort.create(server.host(), server.port())
                : null;
        return client.request(options).map(request -> {
            if (host != null) {
                request.authority(host);
            }
            request.redirectHandler(this::redirect);
            return request;
        });
    }

    /**
     * Whether {@code response} is a redirect this client would have followed had it not run out of redirects: the
     * request then fails as Go's does ({@code stopped after 10 redirects}).
     */
    public boolean tooManyRedirects(HttpClientResponse response) {
        return tooManyRedirects(response, 0);
    }

    /** Like {@link #tooManyRedirects(HttpClientResponse)} for a request made after {@code before} redirects. */
    public boolean tooManyRedirects(HttpClientResponse response, int before) {
        return followRedirects
                && isRedirect(response.statusCode())
                && response.getHeader(HttpHeaders.LOCATION) != null
                && response.request().numberOfRedirections() + before >= MAX_REDIRECTS;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Future<HttpClientRequest> redirect(HttpClientResponse response) {
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (!isRedirect(response.statusCode()) || location == null) {
            return null;
        }
        RequestOptions next;
        try {
            next = get(new URI(response.request().absoluteURI()).resolve(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Future.failedFuture(new IOException("redirect to invalid location \"" + location + "\"", e));
        }
        MultiMap headers =
                MultiMap.caseInsensitiveMultiMap().addAll(response.request().headers());
        headers.remove(HttpHeaders.HOST);
        return request(next.setHeaders(headers));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void close() {
        client.close();
    }
}
