package dev.vigil.alerting.eval;

import dev.vigil.alerting.notify.Alert;
import java.util.List;

/**
 * Where an alerting rule's alerts go after an evaluation (Prometheus's {@code NotifyFunc}): firing alerts due for
 * (re)sending and resolved ones, already in Alertmanager's form. The server passes the alert sender, which relabels
 * them and hands them to the in-process notifier and the configured Alertmanagers.
 *
 * <p>Called on a rule evaluation thread; implementations must be thread-safe and must not block for long.
 */
@FunctionalInterface
public interface NotifyFunction {
    NotifyFunction NONE = alerts -> {};

    /** Sends {@code alerts} (never empty). */
    void send(List<Alert> alerts);
}
