package dev.vigil.alerting.api;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code GET /api/v2/status} reports besides the cluster state (always "disabled": Vigil runs no cluster).
 *
 * @param runtimeVersion shown as {@code goVersion}, the field Alertmanager's clients read (the Java version here)
 * @param startedAt shown as {@code uptime}, which Alertmanager sets to its start time
 * @param originalConfig the notification configuration's text as loaded
 */
public record StatusInfo(
        String version,
        String revision,
        String branch,
        String buildUser,
        String buildDate,
        String runtimeVersion,
        Instant startedAt,
        Supplier<String> originalConfig) {
    public StatusInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(buildUser, "buildUser");
        Objects.requireNonNull(buildDate, "buildDate");
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(originalConfig, "originalConfig");
    }
}
