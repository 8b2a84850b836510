package dev.vigil.config.discovery;

import dev.vigil.config.core.PromDuration;
import java.util.List;
import java.util.Objects;

/**
 * File-based discovery ({@code file_sd_config}).
 *
 * @param files path patterns ending in .json, .yml or .yaml; the last segment may contain one {@code *}
 * @param refreshInterval how often files are re-read besides watching them (default 5m)
 */
public record FileSdConfig(List<String> files, PromDuration refreshInterval) {
    public static final PromDuration DEFAULT_REFRESH_INTERVAL = PromDuration.ofMinutes(5);

    public FileSdConfig {
        files = List.copyOf(files);
        Objects.requireNonNull(refreshInterval, "refreshInterval");
    }
}
