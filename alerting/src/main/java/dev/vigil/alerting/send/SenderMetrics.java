package dev.vigil.alerting.send;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.Gauge;
import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.metrics.MetricRegistry;

/**
 * The alert sender's metrics, Prometheus's {@code prometheus_notifications_*} with a {@code vigil_} prefix, labelled
 * by Alertmanager push URL. Register once per registry. Thread-safe.
 */
public final class SenderMetrics {
    private static final double[] LATENCY_BUCKETS = {0.01, 0.1, 1, 10};

    final Histogram latency;
    final Counter errors;
    final Counter sent;
    final Counter dropped;
    final Gauge queueLength;
    final Gauge queueCapacity;
    final Gauge discovered;

    public SenderMetrics(MetricRegistry registry) {
        latency = registry.histogram(
                "vigil_notifications_latency_seconds",
                "Latency for sending alert notifications to Alertmanagers.",
                LATENCY_BUCKETS,
                "alertmanager");
        errors = registry.counter(
                "vigil_notifications_errors_total", "Total number of sent alerts affected by errors.", "alertmanager");
        sent = registry.counter("vigil_notifications_sent_total", "Total number of alerts sent.", "alertmanager");
        dropped = registry.counter(
                "vigil_notifications_dropped_total",
                "Total number of alerts dropped due to errors when sending to Alertmanager.",
                "alertmanager");
        queueLength = registry.gauge(
                "vigil_notifications_queue_length", "The number of alert notifications in the queue.", "alertmanager");
        queueCapacity =
                registry.gauge("vigil_notifications_queue_capacity", "The capacity of the alert notifications queue.");
        discovered = registry.gauge(
                "vigil_notifications_alertmanagers_discovered", "The number of alertmanagers discovered and active.");
    }

    void addAlertmanager(String url) {
        latency.labels(url);
        errors.labels(url);
        sent.labels(url);
        dropped.labels(url);
        queueLength.labels(url);
    }

    void removeAlertmanager(String url) {
        latency.remove(url);
        errors.remove(url);
        sent.remove(url);
        dropped.remove(url);
        queueLength.remove(url);
    }
}
