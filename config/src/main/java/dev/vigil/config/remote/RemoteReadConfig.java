package dev.vigil.config.remote;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.http.HttpClientConfig;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One remote read endpoint ({@code remote_read}). Names, when set, are unique across the file.
 *
 * @param requiredMatchers label equalities a selector must contain for this endpoint to be queried
 * @param chunkedReadLimit maximum size of one streamed response frame, in bytes
 */
public record RemoteReadConfig(
        URI url,
        String name,
        Map<String, String> requiredMatchers,
        PromDuration remoteTimeout,
        long chunkedReadLimit,
        Map<String, String> headers,
        boolean readRecent,
        boolean filterExternalLabels,
        HttpClientConfig httpClient) {

    public static final PromDuration DEFAULT_REMOTE_TIMEOUT = PromDuration.ofMinutes(1);
    public static final long DEFAULT_CHUNKED_READ_LIMIT = 50_000_000L;

    public RemoteReadConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        requiredMatchers = Map.copyOf(requiredMatchers);
        Objects.requireNonNull(remoteTimeout, "remoteTimeout");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(httpClient, "httpClient");
    }
}
