package dev.vigil.alerting.notify;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with jitter for notification retries: the n-th retry waits {@code initial × 2^(n-1)}, capped
 * at {@code max}, scaled by a random factor in [1 - jitter, 1 + jitter]. Thread-safe when its {@link Random} is.
 */
public record RetryPolicy(Duration initial, Duration max, double jitter, Random random) {
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(60), 0.5, new Random());
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration backoff(int retry) {
        double base = initial.toMillis() * Math.pow(2, Math.min(retry - 1, 30));
        double capped = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }
}
