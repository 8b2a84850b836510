package dev.vigil.alerting.notify;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One configured integration of a receiver (a webhook, a Slack channel). {@link #send} makes exactly one attempt;
 * retries and backoff belong to the caller. Implementations are thread-safe and never block the calling thread.
 */
public interface Notifier {
    /** The integration's name for metrics and logs, e.g. {@code webhook}. */
    String integration();

    /** Whether resolved alerts are sent ({@code send_resolved}). */
    boolean sendResolved();

    /** Sends one notification of {@code alerts}; the stage completes with the outcome and never exceptionally. */
    CompletionStage<NotifyResult> send(NotificationContext context, List<Alert> alerts);

    /** Releases the notifier's connections; called when a reload replaces it. Sends in flight may fail. */
    default void close() {}
}
