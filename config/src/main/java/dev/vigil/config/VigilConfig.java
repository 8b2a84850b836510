package dev.vigil.config;

import dev.vigil.config.alerting.AlertingConfig;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.remote.RemoteReadConfig;
import dev.vigil.config.remote.RemoteWriteConfig;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.config.storage.StorageConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded and validated main configuration file: Prometheus's {@code prometheus.yml} format, every default
 * resolved. Load one with {@link ConfigLoader}. Immutable and thread-safe.
 *
 * <p>Vigil-only top-level sections are added as components here and read in {@code VigilConfigReader}, the one
 * place that knows the top-level keys.
 *
 * @param ruleFiles rule file globs as written (relative ones are relative to {@link #source()}'s directory)
 * @param scrapeConfigFiles globs of files holding more scrape configs, as written
 * @param tracing present only when the file has a {@code tracing} section
 * @param notifications the Vigil-only {@code notifications:} section (an Alertmanager config body), if present
 * @param source the original text and where it came from, for {@code /api/v1/status/config}
 */
public record VigilConfig(
        GlobalConfig global,
        RuntimeConfig runtime,
        List<String> ruleFiles,
        List<String> scrapeConfigFiles,
        List<ScrapeConfig> scrapeConfigs,
        AlertingConfig alerting,
        List<RemoteWriteConfig> remoteWrite,
        List<RemoteReadConfig> remoteRead,
        StorageConfig storage,
        Optional<TracingConfig> tracing,
        OtlpConfig otlp,
        Optional<NotificationsConfig> notifications,
        Source source) {

    public VigilConfig {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(runtime, "runtime");
        ruleFiles = List.copyOf(ruleFiles);
        scrapeConfigFiles = List.copyOf(scrapeConfigFiles);
        scrapeConfigs = List.copyOf(scrapeConfigs);
        Objects.requireNonNull(alerting, "alerting");
        remoteWrite = List.copyOf(remoteWrite);
        remoteRead = List.copyOf(remoteRead);
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(otlp, "otlp");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(source, "source");
    }

    /** The scrape config with this job name, if any. */
    public Optional<ScrapeConfig> scrapeConfig(String jobName) {
        return scrapeConfigs.stream().filter(c -> c.jobName().equals(jobName)).findFirst();
    }

    /**
     * Where a configuration came from.
     *
     * @param name the file path or source name used in error messages
     * @param text the original text, unchanged
     * @param directory the directory of the file, against which relative paths in it are resolved; empty when the
     *     text did not come from a file
     */
    public record Source(String name, String text, Optional<Path> directory) {
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(directory, "directory");
        }

        /** Resolves a path written in the file the way Prometheus does: relative paths against the file's directory. */
        public Path resolve(String path) {
            Path p = Path.of(path);
            return p.isAbsolute() || directory.isEmpty() ? p : directory.get().resolve(p);
        }
    }
}
