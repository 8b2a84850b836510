package dev.vigil.server.cli;

import dev.vigil.server.alerting.AlertingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The rule evaluation and notification flags of {@code vigil server}, mixed into {@link ServerCommand}. */
final class AlertingFlags {
    @Option(
            names = "--rules.alert.for-outage-tolerance",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = Converters.DurationConverter.class,
            description =
                    "Max time to tolerate Vigil outage for restoring \"for\" state of alert (default: ${DEFAULT-VALUE}).")
    Duration forOutageTolerance;

    @Option(
            names = "--rules.alert.for-grace-period",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = Converters.DurationConverter.class,
            description = "Minimum duration between alert and restored \"for\" state; only for alerts with a"
                    + " configured \"for\" time at least this long (default: ${DEFAULT-VALUE}).")
    Duration forGracePeriod;

    @Option(
            names = "--rules.alert.resend-delay",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = Converters.DurationConverter.class,
            description = "Minimum amount of time to wait before resending an alert to Alertmanager"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration resendDelay;

    @Option(
            names = "--notifications.config.file",
            paramLabel = "FILE",
            description = "Alertmanager configuration file for the built-in notifier, used instead of the"
                    + " notifications: section of the configuration file.")
    Path notificationsConfigFile;

    @Option(
            names = "--alertmanager.notification-queue-capacity",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "The capacity of the queue for pending Alertmanager notifications (default: ${DEFAULT-VALUE}).")
    int notificationQueueCapacity;

    @Option(
            names = "--alertmanager.drain-notification-queue-on-shutdown",
            arity = "0..1",
            paramLabel = "BOOL",
            defaultValue = "true",
            fallbackValue = "true",
            description = "Send any outstanding Alertmanager notifications when shutting down (default: true).")
    boolean drainNotificationQueueOnShutdown;

    // Picocli derives no --no- form for dotted names; this is the one Prometheus users know.
    @Option(
            names = "--no-alertmanager.drain-notification-queue-on-shutdown",
            description = "Drop outstanding Alertmanager notifications when shutting down.")
    boolean noDrainNotificationQueueOnShutdown;

    AlertingOptions toOptions(CommandSpec spec) {
        if (notificationQueueCapacity <= 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--alertmanager.notification-queue-capacity must be positive, got " + notificationQueueCapacity);
        }
        if (resendDelay.isZero()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--rules.alert.resend-delay must be greater than 0");
        }
        return new AlertingOptions(
                forOutageTolerance,
                forGracePeriod,
                resendDelay,
                Optional.ofNullable(notificationsConfigFile),
                notificationQueueCapacity,
                drainNotificationQueueOnShutdown && !noDrainNotificationQueueOnShutdown);
    }
}
