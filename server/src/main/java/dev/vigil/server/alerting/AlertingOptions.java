package dev.vigil.server.alerting;

import dev.vigil.alerting.eval.RuleManagerOptions;
import dev.vigil.alerting.send.SenderOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The alerting flags of {@code vigil server}, with Prometheus's names and defaults.
 *
 * @param forOutageTolerance {@code --rules.alert.for-outage-tolerance}
 * @param forGracePeriod {@code --rules.alert.for-grace-period}
 * @param resendDelay {@code --rules.alert.resend-delay}
 * @param notificationsConfigFile {@code --notifications.config.file}: an Alertmanager configuration file used
 *     instead of the {@code notifications:} section of the main configuration
 * @param notificationQueueCapacity {@code --alertmanager.notification-queue-capacity}
 * @param drainNotificationQueueOnShutdown {@code --alertmanager.drain-notification-queue-on-shutdown}
 */
public record AlertingOptions(
        Duration forOutageTolerance,
        Duration forGracePeriod,
        Duration resendDelay,
        Optional<Path> notificationsConfigFile,
        int notificationQueueCapacity,
        boolean drainNotificationQueueOnShutdown) {
    public static final AlertingOptions DEFAULTS = new AlertingOptions(
            Duration.ofHours(1),
            Duration.ofMinutes(10),
            Duration.ofMinutes(1),
            Optional.empty(),
            SenderOptions.DEFAULT_QUEUE_CAPACITY,
            true);

    public AlertingOptions {
        Objects.requireNonNull(forOutageTolerance, "forOutageTolerance");
        Objects.requireNonNull(forGracePeriod, "forGracePeriod");
        Objects.requireNonNull(resendDelay, "resendDelay");
        Objects.requireNonNull(notificationsConfigFile, "notificationsConfigFile");
    }

    RuleManagerOptions ruleManagerOptions() {
        return new RuleManagerOptions(forOutageTolerance, forGracePeriod, resendDelay, false);
    }

    SenderOptions senderOptions() {
        return new SenderOptions(
                notificationQueueCapacity, SenderOptions.DEFAULT_MAX_BATCH_SIZE, drainNotificationQueueOnShutdown);
    }
}
