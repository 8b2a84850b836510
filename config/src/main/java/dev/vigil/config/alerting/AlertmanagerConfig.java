package dev.vigil.config.alerting;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.model.relabel.RelabelConfig;
import java.util.List;
import java.util.Objects;

/**
 * A set of Alertmanagers to send alerts to ({@code alertmanager_config}). Only API version {@code v2} exists, as in
 * Prometheus 3.
 */
public record AlertmanagerConfig(
        PromDuration timeout,
        String apiVersion,
        String pathPrefix,
        String scheme,
        HttpClientConfig httpClient,
        ServiceDiscoveryConfigs serviceDiscovery,
        List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> alertRelabelConfigs) {

    public static final PromDuration DEFAULT_TIMEOUT = PromDuration.ofSeconds(10);
    public static final String API_V2 = "v2";

    public AlertmanagerConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(serviceDiscovery, "serviceDiscovery");
        relabelConfigs = List.copyOf(relabelConfigs);
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
    }
}
