package dev.vigil.alerting.notify;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one delivery attempt. */
public sealed interface NotifyResult {
    NotifyResult SUCCESS = new Success();

    record Success() implements NotifyResult {}

    /**
     * Worth retrying (network error, 5xx, 429).
     *
     * @param reason the metric label value ({@code serverError}, {@code other}, …)
     * @param retryAfter the server's {@code Retry-After}, when it sent one
     */
    record Retryable(String reason, String message, Optional<Duration> retryAfter) implements NotifyResult {}

    /** Not worth retrying (4xx other than 429, a bad template, a bad URL). */
    record Failed(String reason, String message) implements NotifyResult {}
}
