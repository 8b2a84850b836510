package dev.vigil.alerting.send;

/**
 * Command-line settings of the alert sender (Prometheus's names and defaults).
 *
 * @param queueCapacity {@code --alertmanager.notification-queue-capacity}: alerts queued per Alertmanager before the
 *     oldest are dropped (10000)
 * @param maxBatchSize alerts per request (256, as Prometheus)
 * @param drainOnShutdown {@code --alertmanager.drain-notification-queue-on-shutdown}: send what is queued before
 *     stopping (true)
 */
public record SenderOptions(int queueCapacity, int maxBatchSize, boolean drainOnShutdown) {
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    public static final SenderOptions DEFAULTS =
            new SenderOptions(DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_SIZE, true);

    public SenderOptions {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("notification queue capacity must be positive, got " + queueCapacity);
        }
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("max batch size must be positive, got " + maxBatchSize);
        }
    }
}
