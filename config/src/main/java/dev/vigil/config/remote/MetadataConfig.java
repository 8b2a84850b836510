package dev.vigil.config.remote;

import dev.vigil.config.core.PromDuration;
import java.util.Objects;

/** Sending of metric metadata to a remote write endpoint ({@code metadata_config}). */
public record MetadataConfig(boolean send, PromDuration sendInterval, int maxSamplesPerSend) {
    public static final MetadataConfig DEFAULT = new MetadataConfig(true, PromDuration.ofMinutes(1), 2000);

    public MetadataConfig {
        Objects.requireNonNull(sendInterval, "sendInterval");
    }
}
