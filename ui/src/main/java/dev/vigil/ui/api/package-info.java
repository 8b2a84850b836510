/**
 * Prometheus's HTTP API v1 ({@link dev.vigil.ui.api.PrometheusApi}): request parameters parsed and errors classified
 * as Prometheus 3 does, endpoints run on worker threads, queries limited by a {@link dev.vigil.ui.api.QueryLimiter},
 * results streamed as JSON through {@link dev.vigil.ui.json.ApiJson}.
 */
package dev.vigil.ui.api;
