package dev.vigil.scraper.http;

import dev.vigil.config.http.Authorization;
import dev.vigil.config.http.BasicAuth;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
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

    /** Adds authentication and custom headers; secrets in files are read now, so rotation takes effect. */
    public static HttpRequest.Builder authorize(
            HttpRequest.Builder request, HttpClientConfig config, Function<String, Path> resolve) throws IOException {
        for (Map.Entry<String, HttpHeader> header : config.httpHeaders().entrySet()) {
            for (String value : header.getValue().values()) {
                request.header(header.getKey(), value);
            }
            for (String value : header.getValue().secrets()) {
                request.header(header.getKey(), value);
            }
            for (String file : header.getValue().files()) {
                request.header(header.getKey(), read(resolve, file));
            }
        }
        if (config.basicAuth().isPresent()) {
            BasicAuth basic = config.basicAuth().get();
            String user = basic.usernameFile().isEmpty() ? basic.username() : read(resolve, basic.usernameFile());
            String password = basic.passwordFile().isEmpty() ? basic.password() : read(resolve, basic.passwordFile());
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.setHeader("Authorization", "Basic " + token);
        }
        if (config.authorization().isPresent()) {
            Authorization auth = config.authorization().get();
            String credentials =
                    auth.credentialsFile().isEmpty() ? auth.credentials() : read(resolve, auth.credentialsFile());
            request.setHeader("Authorization", auth.type() + " " + credentials);
        }
        return request;
    }

    private static String read(Function<String, Path> resolve, String file) throws IOException {
        return Files.readString(resolve.apply(file), StandardCharsets.UTF_8).strip();
    }
}
