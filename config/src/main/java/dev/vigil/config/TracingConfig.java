package dev.vigil.config;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.http.TlsConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code tracing} section: export of traces over OTLP.
 *
 * @param clientType {@code grpc} (default) or {@code http}
 * @param endpoint {@code host:port}, required when the section is present
 * @param samplingFraction probability in [0, 1] that a trace is sampled
 * @param compression empty or {@code gzip}
 */
public record TracingConfig(
        String clientType,
        String endpoint,
        double samplingFraction,
        boolean insecure,
        Map<String, String> headers,
        String compression,
        PromDuration timeout,
        TlsConfig tlsConfig) {

    public static final PromDuration DEFAULT_TIMEOUT = PromDuration.ofSeconds(10);

    public TracingConfig {
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(endpoint, "endpoint");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tlsConfig, "tlsConfig");
    }
}
