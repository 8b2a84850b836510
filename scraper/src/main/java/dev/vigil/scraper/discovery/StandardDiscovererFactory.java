package dev.vigil.scraper.discovery;

import dev.vigil.config.discovery.FileSdConfig;
import dev.vigil.config.discovery.HttpSdConfig;
import dev.vigil.config.discovery.KubernetesSdConfig;
import dev.vigil.scraper.discovery.file.FileDiscoverer;
import dev.vigil.scraper.discovery.http.HttpDiscoverer;
import dev.vigil.scraper.discovery.kubernetes.KubernetesDiscoverer;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Creates the discoverers Vigil implements: static, file, HTTP and Kubernetes. Thread-safe.
 *
 * @param resolve turns paths written in the configuration into file system paths (relative ones against the
 *     configuration file's directory)
 */
public record StandardDiscovererFactory(Function<String, Path> resolve, DiscoveryMetrics metrics)
        implements DiscovererFactory {

    @Override
    public Discoverer create(Object config) {
        if (config instanceof StaticConfigs s) {
            return new StaticDiscoverer(s);
        } else if (config instanceof FileSdConfig f) {
            return new FileDiscoverer(f, resolve, metrics.fileReadErrors());
        } else if (config instanceof HttpSdConfig h) {
            return new HttpDiscoverer(h, resolve, metrics.httpFailures());
        } else if (config instanceof KubernetesSdConfig k) {
            return new KubernetesDiscoverer(k, resolve);
        }
        throw new IllegalArgumentException(
                "no discoverer for " + config.getClass().getName());
    }
}
