package dev.vigil.config.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prometheus's common HTTP client settings ({@code <http_config>}), written inline in scrape configs, SD configs,
 * Alertmanager and remote read/write configs. At most one of basic auth, authorization and OAuth 2.0 is set; a
 * configured {@code bearer_token}/{@code bearer_token_file} appears here as an {@link Authorization} of type
 * {@code Bearer}. Immutable.
 */
public record HttpClientConfig(
        Optional<BasicAuth> basicAuth,
        Optional<Authorization> authorization,
        Optional<OAuth2Config> oauth2,
        boolean followRedirects,
        boolean enableHttp2,
        TlsConfig tlsConfig,
        ProxyConfig proxy,
        Map<String, HttpHeader> httpHeaders) {

    /** The default for everything except remote write. */
    public static final HttpClientConfig DEFAULT = withHttp2(true);

    public HttpClientConfig {
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(oauth2, "oauth2");
        Objects.requireNonNull(tlsConfig, "tlsConfig");
        Objects.requireNonNull(proxy, "proxy");
        httpHeaders = Map.copyOf(httpHeaders);
    }

    /** The default settings with HTTP/2 on or off (remote write defaults to off). */
    public static HttpClientConfig withHttp2(boolean enableHttp2) {
        return new HttpClientConfig(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                enableHttp2,
                TlsConfig.DEFAULT,
                ProxyConfig.NONE,
                Map.of());
    }

    /** Whether any authentication method is configured. */
    public boolean hasAuth() {
        return basicAuth.isPresent() || authorization.isPresent() || oauth2.isPresent();
    }
}
