package dev.vigil.server.api;

import dev.vigil.model.labels.PromRegex;
import java.util.Objects;

/**
 * The flags of the HTTP API beyond Prometheus's query limits.
 *
 * @param maxConcurrency {@code --query.max-concurrency}: queries evaluated at once (default 20); more wait in line
 * @param corsOrigin {@code --web.cors.origin}: a regex of the origins allowed to call the API, fully anchored (default
 *     {@code .*})
 */
public record QueryApiOptions(int maxConcurrency, String corsOrigin) {
    public static final QueryApiOptions DEFAULTS = new QueryApiOptions(20, ".*");

    public QueryApiOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("--query.max-concurrency must be at least 1, got " + maxConcurrency);
        }
        Objects.requireNonNull(corsOrigin, "corsOrigin");
        try {
            PromRegex.compile(corsOrigin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--web.cors.origin: " + e.getMessage(), e);
        }
    }
}
