package dev.vigil.alerting.notify;

import java.util.Objects;

/**
 * A receiver's {@code index}-th integration of one kind, e.g. the second {@code webhook_configs} entry of receiver
 * {@code team}. {@link #key()} identifies it in the notification log.
 */
public record Integration(String receiver, int index, Notifier notifier) {
    public Integration {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(notifier, "notifier");
    }

    public String key() {
        return receiver + "/" + notifier.integration() + "/" + index;
    }
}
