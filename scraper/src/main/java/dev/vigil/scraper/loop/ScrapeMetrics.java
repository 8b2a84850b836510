package dev.vigil.scraper.loop;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.metrics.MetricRegistry;

/**
 * The scrape loops' self-metrics, named like Prometheus's {@code prometheus_target_*} with a {@code vigil_} prefix.
 * Register once per process. Thread-safe.
 */
public final class ScrapeMetrics {
    final Counter exceededSampleLimit;
    final Counter exceededBodySizeLimit;
    final Counter exceededLabelLimits;
    final Counter outOfOrder;
    final Counter duplicateTimestamp;
    final Counter outOfBounds;
    final Counter scrapes;
    final Counter failedScrapes;
    final Histogram intervalLength;

    private ScrapeMetrics(MetricRegistry registry) {
        exceededSampleLimit = registry.counter(
                "vigil_target_scrapes_exceeded_sample_limit_total",
                "Total number of scrapes that hit the sample limit and were rejected.");
        exceededBodySizeLimit = registry.counter(
                "vigil_target_scrapes_exceeded_body_size_limit_total",
                "Total number of scrapes that hit the body size limit.");
        exceededLabelLimits = registry.counter(
                "vigil_target_scrape_pool_exceeded_label_limits_total",
                "Total number of times scrapes hit the label limits.");
        outOfOrder = registry.counter(
                "vigil_target_scrapes_sample_out_of_order_total",
                "Total number of samples rejected due to not being out of the expected order.");
        duplicateTimestamp = registry.counter(
                "vigil_target_scrapes_sample_duplicate_timestamp_total",
                "Total number of samples rejected due to duplicate timestamps but different values.");
        outOfBounds = registry.counter(
                "vigil_target_scrapes_sample_out_of_bounds_total",
                "Total number of samples rejected due to timestamp falling outside of the time bounds.");
        scrapes = registry.counter("vigil_target_scrapes_total", "Total number of scrapes attempted.");
        failedScrapes = registry.counter("vigil_target_scrapes_failed_total", "Total number of scrapes that failed.");
        intervalLength = registry.histogram(
                "vigil_target_interval_length_seconds",
                "Actual intervals between scrapes.",
                new double[] {0.01, 0.1, 1, 5, 10, 15, 30, 60, 120, 300},
                "interval");
    }

    /** Registers the metrics in {@code registry}. */
    public static ScrapeMetrics register(MetricRegistry registry) {
        return new ScrapeMetrics(registry);
    }

    /** Metrics that go nowhere, for tests and tools. */
    public static ScrapeMetrics unregistered() {
        return new ScrapeMetrics(new MetricRegistry());
    }
}
