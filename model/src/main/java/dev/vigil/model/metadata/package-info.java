/**
 * Metric metadata, Prometheus's TYPE, HELP and UNIT of a metric family: {@link
 * dev.vigil.model.metadata.MetricMetadata}, and {@link dev.vigil.model.metadata.MetadataStore} through which the
 * scraper's caches reach the API.
 */
package dev.vigil.model.metadata;
