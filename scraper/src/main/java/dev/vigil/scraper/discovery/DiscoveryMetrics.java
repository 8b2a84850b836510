package dev.vigil.scraper.discovery;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;

/**
 * Counters of discovery failures, named as Prometheus names them so dashboards carry over. Register once per
 * process. Thread-safe.
 */
public final class DiscoveryMetrics {
    private final Counter fileReadErrors;
    private final Counter httpFailures;

    private DiscoveryMetrics(MetricRegistry registry) {
        this.fileReadErrors =
                registry.counter("prometheus_sd_file_read_errors_total", "The number of File-SD read errors.");
        this.httpFailures = registry.counter(
                "prometheus_sd_http_failures_total", "Number of HTTP service discovery refresh failures.");
    }

    /** Registers the counters in {@code registry}. */
    public static DiscoveryMetrics register(MetricRegistry registry) {
        return new DiscoveryMetrics(registry);
    }

    public Counter fileReadErrors() {
        return fileReadErrors;
    }

    public Counter httpFailures() {
        return httpFailures;
    }
}
