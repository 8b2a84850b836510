/**
 * What the API shows of other modules, as small read-only views the server adapts its components to: scrape targets
 * and their metadata ({@link dev.vigil.ui.status.TargetsView}), rule groups and alerts ({@link
 * dev.vigil.ui.status.RulesView}), Alertmanagers ({@link dev.vigil.ui.status.AlertmanagersView}) and the server
 * itself ({@link dev.vigil.ui.status.ServerInfo}). Records mirror the JSON Prometheus serves for them; each view has an
 * empty instance for when nothing is wired. Implementations must be thread-safe: views are read from API worker
 * threads while their components run.
 */
package dev.vigil.ui.status;
