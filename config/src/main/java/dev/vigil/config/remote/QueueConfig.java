package dev.vigil.config.remote;

import dev.vigil.config.core.PromDuration;
import java.util.Objects;

/** The sending queue of a remote write endpoint ({@code queue_config}), with Prometheus's defaults. */
public record QueueConfig(
        int capacity,
        int maxShards,
        int minShards,
        int maxSamplesPerSend,
        PromDuration batchSendDeadline,
        PromDuration minBackoff,
        PromDuration maxBackoff,
        boolean retryOnHttp429,
        PromDuration sampleAgeLimit) {

    public static final QueueConfig DEFAULT = new QueueConfig(
            10000,
            50,
            1,
            2000,
            PromDuration.ofSeconds(5),
            PromDuration.ofMillis(30),
            PromDuration.ofSeconds(5),
            false,
            PromDuration.ZERO);

    public QueueConfig {
        Objects.requireNonNull(batchSendDeadline, "batchSendDeadline");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(sampleAgeLimit, "sampleAgeLimit");
    }
}
