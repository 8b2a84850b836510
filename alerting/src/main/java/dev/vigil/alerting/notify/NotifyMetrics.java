package dev.vigil.alerting.notify;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.metrics.MetricRegistry;

/** The notifier's own metrics, registered once per registry. Thread-safe. */
public final class NotifyMetrics {
    private static final double[] LATENCY_BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    final Counter notifications;
    final Counter notificationsFailed;
    final Histogram latency;
    final Counter requests;
    final Counter requestsFailed;
    final Counter alertsReceived;
    final Counter alertsInvalid;

    public NotifyMetrics(MetricRegistry registry) {
        notifications = registry.counter(
                "vigil_notifications_total", "The total number of attempted notifications.", "integration");
        notificationsFailed = registry.counter(
                "vigil_notifications_failed_total",
                "The total number of notifications that failed for good.",
                "integration",
                "reason");
        latency = registry.histogram(
                "vigil_notification_latency_seconds",
                "The latency of notifications in seconds, retries included.",
                LATENCY_BUCKETS,
                "integration");
        requests = registry.counter(
                "vigil_notification_requests_total",
                "The total number of attempted notification requests.",
                "integration");
        requestsFailed = registry.counter(
                "vigil_notification_requests_failed_total",
                "The total number of failed notification requests.",
                "integration");
        alertsReceived =
                registry.counter("vigil_alerts_received_total", "The total number of received alerts.", "status");
        alertsInvalid = registry.counter(
                "vigil_alerts_invalid_total", "The total number of received alerts that were invalid.");
    }
}
