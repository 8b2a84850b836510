/**
 * Alertmanager's API v2 over the in-process notifier ({@code /api/v2/silences}, {@code /api/v2/silence/{id}},
 * {@code /api/v2/alerts}, {@code /api/v2/receivers}, {@code /api/v2/status}), so {@code amtool} and Grafana's
 * Alertmanager data source work against Vigil. Vert.x handlers; blocking work runs off the event loop.
 */
package dev.vigil.alerting.api;
