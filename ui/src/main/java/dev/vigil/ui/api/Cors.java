package dev.vigil.ui.api;

import dev.vigil.model.labels.PromRegex;
import io.vertx.core.MultiMap;

/**
 * Prometheus's CORS rules for the API ({@code --web.cors.origin}, a fully anchored regex, default {@code .*}):
 * every response varies on {@code Origin}; a request with an {@code Origin} header gets the allowed headers, methods
 * and exposed headers, and {@code Access-Control-Allow-Origin} of {@code *} under the default or of the origin itself
 * when it matches. Immutable.
 */
final class Cors {
    static final String DEFAULT_ORIGIN = ".*";

    private final PromRegex origin;
    private final boolean any;

    Cors(String originRegex) {
        this.origin = PromRegex.compile(originRegex);
        this.any = originRegex.equals(DEFAULT_ORIGIN);
    }

    void apply(String requestOrigin, MultiMap headers) {
        headers.add("Vary", "Origin");
        if (requestOrigin == null || requestOrigin.isEmpty()) {
            return;
        }
        headers.set("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin");
        headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        headers.set("Access-Control-Expose-Headers", "Date");
        if (any) {
            headers.set("Access-Control-Allow-Origin", "*");
        } else if (origin.matches(requestOrigin)) {
            headers.set("Access-Control-Allow-Origin", requestOrigin);
        }
    }
}
