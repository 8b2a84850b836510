package dev.vigil.server.config;

import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ConfigException;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Gauge;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.server.http.ReloadOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds the configuration in force and replaces it on reload. A file that does not load is
 * rejected whole and the running configuration stays; a good one is handed to every consumer.
 * Thread-safe: reloads are serialised.
 */
public final class ConfigReloader {
    private static final Log log = Log.get(ConfigReloader.class);

    private final ConfigSource source;
    private final Clock clock;
    private final List<ConfigConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Gauge lastReloadSuccessful;
    private final Gauge lastReloadSuccessTimestamp;
    private volatile VigilConfig current;
    private volatile boolean lastReloadOk;
    private volatile Instant lastSuccess;

    public ConfigReloader(ConfigSource source, MetricRegistry registry, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.lastReloadSuccessful = registry.gauge(
                "vigil_config_last_reload_successful", "Whether the last configuration reload attempt was successful.");
        this.lastReloadSuccessTimestamp = registry.gauge(
                "vigil_config_last_reload_success_timestamp_seconds",
                "Timestamp of the last successful configuration reload.");
    }

    public void addConsumer(ConfigConsumer consumer) {
        consumers.add(consumer);
    }

    /** The configuration in force; null before the first successful load. */
    public VigilConfig current() {
        return current;
    }

    public ConfigSource source() {
        return source;
    }

    /** Whether the last load or reload succeeded. */
    public boolean lastReloadSuccessful() {
        return lastReloadOk;
    }

    /** When the configuration in force was loaded; null before the first load. */
    public Instant lastReloadSuccessTime() {
        return lastSuccess;
    }

    /** Loads the configuration for the first time; at startup a bad file is fatal, so this throws. */
    public synchronized VigilConfig loadInitial() throws ConfigException {
        log.info("Loading configuration file", "filename", source);
        VigilConfig config = source.load();
        current = config;
        markSuccess();
        log.info("Completed loading of configuration file", "filename", source);
        return config;
    }

    /** Re-reads the source and applies it; on any error the running configuration stays. */
    public synchronized ReloadOutcome reload() {
        log.info("Loading configuration file", "filename", source);
        VigilConfig config;
        try {
            config = source.load();
        } catch (ConfigException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            log.error("Unexpected error while loading the configuration", e, "filename", source);
            return fail(String.valueOf(e.getMessage()));
        }
        for (ConfigConsumer consumer : consumers) {
            try {
                consumer.apply(config);
            } catch (Exception e) {
                return fail("applying the configuration: " + e.getMessage());
            }
        }
        current = config;
        markSuccess();
        log.info("Completed loading of configuration file", "filename", source);
        return ReloadOutcome.success();
    }

    private ReloadOutcome fail(String error) {
        lastReloadOk = false;
        lastReloadSuccessful.set(0);
        log.error("Error reloading config; the running configuration stays in force", "filename", source, "err", error);
        return ReloadOutcome.failure(error);
    }

    private void markSuccess() {
        Instant now = clock.instant();
        lastReloadOk = true;
        lastSuccess = now;
        lastReloadSuccessful.set(1);
        lastReloadSuccessTimestamp.set(now.toEpochMilli() / 1000.0);
    }
}
