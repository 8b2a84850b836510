package dev.vigil.config.remote;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.model.relabel.RelabelConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One remote write endpoint ({@code remote_write}). Names, when set, are unique across the file.
 *
 * @param name empty when not set
 * @param protobufMessage {@code prometheus.WriteRequest} (1.0, default) or {@code io.prometheus.write.v2.Request}
 */
public record RemoteWriteConfig(
        URI url,
        String name,
        PromDuration remoteTimeout,
        Map<String, String> headers,
        List<RelabelConfig> writeRelabelConfigs,
        boolean sendExemplars,
        boolean sendNativeHistograms,
        boolean roundRobinDns,
        String protobufMessage,
        QueueConfig queueConfig,
        MetadataConfig metadataConfig,
        HttpClientConfig httpClient) {

    public static final PromDuration DEFAULT_REMOTE_TIMEOUT = PromDuration.ofSeconds(30);
    public static final String WRITE_V1 = "prometheus.WriteRequest";
    public static final String WRITE_V2 = "io.prometheus.write.v2.Request";

    public RemoteWriteConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(remoteTimeout, "remoteTimeout");
        headers = Map.copyOf(headers);
        writeRelabelConfigs = List.copyOf(writeRelabelConfigs);
        Objects.requireNonNull(protobufMessage, "protobufMessage");
        Objects.requireNonNull(queueConfig, "queueConfig");
        Objects.requireNonNull(metadataConfig, "metadataConfig");
        Objects.requireNonNull(httpClient, "httpClient");
    }
}
