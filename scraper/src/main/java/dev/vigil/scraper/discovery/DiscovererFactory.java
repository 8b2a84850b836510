package dev.vigil.scraper.discovery;

/**
 * Creates the discoverer for one discovery configuration: a {@link StaticConfigs}, or one
 * {@code FileSdConfig}, {@code HttpSdConfig} or {@code KubernetesSdConfig}. Equal configurations are one provider,
 * shared by every job that has it.
 */
@FunctionalInterface
public interface DiscovererFactory {
    /**
     * @throws IllegalArgumentException for a configuration type the factory does not know
     */
    Discoverer create(Object config);
}
