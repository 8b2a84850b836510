package dev.vigil.config.discovery;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.http.HttpClientConfig;
import java.net.URI;
import java.util.Objects;

/**
 * HTTP-based discovery ({@code http_sd_config}).
 *
 * @param url the endpoint returning a JSON list of target groups
 * @param refreshInterval how often the endpoint is queried (default 60s)
 */
public record HttpSdConfig(URI url, PromDuration refreshInterval, HttpClientConfig httpClient) {
    public static final PromDuration DEFAULT_REFRESH_INTERVAL = PromDuration.ofSeconds(60);

    public HttpSdConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(httpClient, "httpClient");
    }
}
