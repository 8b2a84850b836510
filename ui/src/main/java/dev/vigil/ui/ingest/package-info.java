/**
 * Bulk ingestion over HTTP: {@code POST /api/v1/import/prometheus} streams exposition text into storage. Also holds
 * the pieces the other ingest routes share: {@link dev.vigil.ui.ingest.RouteInstrumentation}, the Prometheus JSON
 * error body ({@link dev.vigil.ui.ingest.ApiErrors}) and a back-pressured request body stream.
 */
package dev.vigil.ui.ingest;
