/**
 * A small, dependency-free metrics registry for Vigil's own {@code /metrics} endpoint.
 *
 * <p>Every module that exports figures about itself (HTTP, storage, scraping, rules) registers
 * {@link dev.vigil.model.metrics.Counter}s, {@link dev.vigil.model.metrics.Gauge}s and {@link
 * dev.vigil.model.metrics.Histogram}s, or a {@link dev.vigil.model.metrics.Collector} for figures
 * read on demand, in one {@link dev.vigil.model.metrics.MetricRegistry}; {@link
 * dev.vigil.model.metrics.TextExposition} writes them in the Prometheus text format 0.0.4.
 */
package dev.vigil.model.metrics;
