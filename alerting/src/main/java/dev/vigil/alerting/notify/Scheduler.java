package dev.vigil.alerting.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * The notifier's source of time and timers, injectable so that tests drive grouping and retries with a
 * {@link ManualScheduler} instead of sleeping. Implementations are thread-safe.
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be cancelled before it runs. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
