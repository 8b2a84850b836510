/**
 * Read-only snapshots of the rule manager and the alert sender for the HTTP API and UI ({@code /api/v1/rules},
 * {@code /api/v1/alerts}, {@code /api/v1/alertmanagers}). Each record carries every field of Prometheus's JSON for
 * the same object, with Prometheus's units (seconds as doubles, instants); callers only serialise. Immutable.
 */
package dev.vigil.alerting.status;
