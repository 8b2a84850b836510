package dev.vigil.ui.api;

import java.time.Clock;
import java.util.Objects;

/**
 * How the API behaves, from the server's flags.
 *
 * @param maxConcurrency {@code --query.max-concurrency}: queries evaluated at once; more wait in line
 * @param corsOrigin {@code --web.cors.origin}: the origins allowed to call the API, a fully anchored regex
 * @param enableAdminApi {@code --web.enable-admin-api}
 * @param maxRequestBodyBytes the largest form body accepted (413 above)
 * @param globalUrl how to turn a scrape URL into one reachable from outside, for the targets API
 * @param clock the time of {@code time}-less queries and of status answers
 */
public record ApiSettings(
        int maxConcurrency,
        String corsOrigin,
        boolean enableAdminApi,
        long maxRequestBodyBytes,
        GlobalUrlOptions globalUrl,
        Clock clock) {

    /** Go's limit on form bodies, which bounds Prometheus's API requests. */
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 10L << 20;

    public static final int DEFAULT_MAX_CONCURRENCY = 20;

    public ApiSettings {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("--query.max-concurrency must be at least 1, got " + maxConcurrency);
        }
        Objects.requireNonNull(corsOrigin, "corsOrigin");
        if (maxRequestBodyBytes <= 0) {
            throw new IllegalArgumentException("request body limit must be positive, got " + maxRequestBodyBytes);
        }
        Objects.requireNonNull(globalUrl, "globalUrl");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * What Prometheus's {@code GlobalURLOptions} holds.
     *
     * @param listenAddress the listen address, {@code host:port}
     * @param host the host (and port) of the external URL
     * @param scheme the scheme of the external URL
     */
    public record GlobalUrlOptions(String listenAddress, String host, String scheme) {
        public GlobalUrlOptions {
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(scheme, "scheme");
        }
    }
}
