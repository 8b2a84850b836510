package dev.vigil.server.config;

import dev.vigil.config.VigilConfig;

/** A component that takes its settings from the configuration (scrape manager, rule manager, ...). */
@FunctionalInterface
public interface ConfigConsumer {
    /**
     * Applies a new configuration. Throws if it cannot; the reload is then reported as failed.
     */
    void apply(VigilConfig config) throws Exception;
}
