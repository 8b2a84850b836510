package dev.vigil.scraper.http;

import dev.vigil.config.http.HttpClientConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Builds {@code java.net.http} clients and request headers from Prometheus's {@code <http_config>}.
 *
 * <p>Supported: {@code basic_auth} (inline or files), {@code authorization}/{@code bearer_token} (inline or file,
 * re-read on every request so rotated tokens work), {@code http_headers} (plain values and files),
 * {@code tls_config} (see {@link TlsContexts}: CA, client certificate, {@code insecure_skip_verify},
 * {@code server_name}, versions), {@code follow_redirects}, {@code enable_http2} and {@code proxy_url}. Not supported
 * (rejected with a clear error): {@code oauth2}. Stateless.
 */
public final class JdkHttpClients {
    private JdkHttpClients() {}

    /**
     * @param resolve turns file paths from the configuration into file system paths
     * @throws IllegalArgumentException naming the unsupported or unreadable setting
     */
    public static HttpClient build(HttpClientConfig config, Function<String, Path> resolve, Duration connectTimeout) {
        return builder(config, resolve, connectTimeout).build();
    }

    /** {@link #build}'s settings, for a caller that adds its own (such as an executor). */
    public static HttpClient.Builder builder(
            HttpClientConfig config, Function<String, Path> resolve, Duration connectTimeout) {
        if (config.oauth2().isPresent()) {
            throw new IllegalArgumentException("oauth2 is not supported");
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(config.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(config.enableHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if (!config.proxy().proxyUrl().isEmpty()) {
            URI proxy = URI.create(config.proxy().proxyUrl());
            int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), port)));
        }
        try {
            SSLContext ssl = TlsContexts.sslContext(config.tlsConfig(), resolve);
            if (ssl != null) {
                builder.sslContext(ssl);
            }
            SSLParameters params = TlsContexts.parameters(config.tlsConfig());
            if (params != null) {
                builder.sslParameters(params);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_config: " + e.getMessage(), e);
        }
        return builder;
    }

    /** Adds authentication and custom headers (see {@link RequestHeaders}); files are read now, so rotation works. */
    public static HttpRequest.Builder authorize(
            HttpRequest.Builder request, HttpClientConfig config, Function<String, Path> resolve) throws IOException {
        RequestHeaders.write(config, resolve, (name, value, replace) -> {
            if (replace) {
                request.setHeader(name, value);
            } else {
                request.header(name, value);
            }
        });
        return request;
    }
}
