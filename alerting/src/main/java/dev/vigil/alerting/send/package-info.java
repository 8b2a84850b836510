/**
 * Sending alerts from the rule evaluator onward, as Prometheus's notifier does: external labels and
 * {@code alert_relabel_configs} applied, then handed to the in-process notifier and posted to every discovered
 * Alertmanager through a bounded queue per Alertmanager ({@code POST /api/v2/alerts}, batches of at most 256).
 */
package dev.vigil.alerting.send;
