package dev.vigil.config.discovery;

import java.util.List;

/**
 * The service discovery mechanisms configured for one scrape job or Alertmanager set. Vigil supports static, file,
 * HTTP and Kubernetes discovery.
 */
public record ServiceDiscoveryConfigs(
        List<StaticConfig> staticConfigs,
        List<FileSdConfig> fileSdConfigs,
        List<HttpSdConfig> httpSdConfigs,
        List<KubernetesSdConfig> kubernetesSdConfigs) {

    public static final ServiceDiscoveryConfigs NONE =
            new ServiceDiscoveryConfigs(List.of(), List.of(), List.of(), List.of());

    public ServiceDiscoveryConfigs {
        staticConfigs = List.copyOf(staticConfigs);
        fileSdConfigs = List.copyOf(fileSdConfigs);
        httpSdConfigs = List.copyOf(httpSdConfigs);
        kubernetesSdConfigs = List.copyOf(kubernetesSdConfigs);
    }

    public boolean isEmpty() {
        return staticConfigs.isEmpty()
                && fileSdConfigs.isEmpty()
                && httpSdConfigs.isEmpty()
                && kubernetesSdConfigs.isEmpty();
    }
}
