package dev.vigil.config.remote;

import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.ServiceDiscoveryReader;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpClientConfigReader;
import dev.vigil.config.relabel.RelabelConfigReader;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads {@code remote_write} and {@code remote_read} entries. Stateless. */
public final class RemoteConfigReader {
    private RemoteConfigReader() {}

    public static Optional<RemoteWriteConfig> write(MapReader r) {
        Optional<URI> url = url(r, "remote_write");
        String name = r.string("name", "");
        PromDuration timeout = r.duration("remote_timeout", RemoteWriteConfig.DEFAULT_REMOTE_TIMEOUT);
        Map<String, String> headers = headers(r);
        var relabel = RelabelConfigReader.readList(r, "write_relabel_configs");
        boolean exemplars = r.bool("send_exemplars", false);
        boolean nativeHistograms = r.bool("send_native_histograms", false);
        boolean roundRobin = r.bool("round_robin_dns", false);
        String message = r.string("protobuf_message", RemoteWriteConfig.WRITE_V1);
        if (!message.equals(RemoteWriteConfig.WRITE_V1) && !message.equals(RemoteWriteConfig.WRITE_V2)) {
            r.error(
                    "protobuf_message",
                    "invalid protobuf_message value: unknown type \"" + message + "\", supported: "
                            + RemoteWriteConfig.WRITE_V1 + ", " + RemoteWriteConfig.WRITE_V2);
        }
        QueueConfig queue = r.map("queue_config", RemoteConfigReader::queue).orElse(QueueConfig.DEFAULT);
        MetadataConfig metadata =
                r.map("metadata_config", RemoteConfigReader::metadata).orElse(MetadataConfig.DEFAULT);
        for (String unsupported : List.of("sigv4", "azuread", "google_iam")) {
            if (r.has(unsupported)) {
                r.markHandled(unsupported);
                r.error(unsupported, unsupported + " is not supported by Vigil");
            }
        }
        HttpClientConfig http = HttpClientConfigReader.read(r, false);
        return url.map(u -> new RemoteWriteConfig(
                u,
                name,
                timeout,
                headers,
                relabel,
                exemplars,
                nativeHistograms,
                roundRobin,
                message,
                queue,
                metadata,
                http));
    }

    public static Optional<RemoteReadConfig> read(MapReader r) {
        Optional<URI> url = url(r, "remote_read");
        String name = r.string("name", "");
        Map<String, String> matchers = ServiceDiscoveryReader.labels(r, "required_matchers");
        PromDuration timeout = r.duration("remote_timeout", RemoteReadConfig.DEFAULT_REMOTE_TIMEOUT);
        long chunkedLimit =
                r.integer("chunked_read_limit", RemoteReadConfig.DEFAULT_CHUNKED_READ_LIMIT, 0, Long.MAX_VALUE);
        Map<String, String> headers = headers(r);
        boolean readRecent = r.bool("read_recent", false);
        boolean filterExternal = r.bool("filter_external_labels", true);
        HttpClientConfig http = HttpClientConfigReader.read(r, true);
        return url.map(u -> new RemoteReadConfig(
                u, name, matchers, timeout, chunkedLimit, headers, readRecent, filterExternal, http));
    }

    private static Optional<URI> url(MapReader r, String section) {
        String url = r.string("url", "");
        if (url.isEmpty()) {
            r.error("url", "url for " + section + " is empty");
            return Optional.empty();
        }
        return HttpClientConfigReader.checkUrl(r, "url", url);
    }

    private static Map<String, String> headers(MapReader r) {
        Map<String, String> headers = r.stringMap("headers");
        for (Entry e : r.mapEntries("headers")) {
            String lower = e.key().toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                r.problems()
                        .add(
                                e.keyLocation(),
                                r.pathOf("headers").child(e.key()),
                                "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4,"
                                        + " azuread or google_iam parameter");
            } else if (HttpClientConfigReader.RESERVED_HEADERS.contains(lower)) {
                r.problems()
                        .add(
                                e.keyLocation(),
                                r.pathOf("headers").child(e.key()),
                                e.key() + " is a reserved header. It must not be changed");
            }
        }
        return headers;
    }

    private static QueueConfig queue(MapReader r) {
        QueueConfig d = QueueConfig.DEFAULT;
        QueueConfig q = new QueueConfig(
                (int) r.integer("capacity", d.capacity(), 1, Integer.MAX_VALUE),
                (int) r.integer("max_shards", d.maxShards(), 1, Integer.MAX_VALUE),
                (int) r.integer("min_shards", d.minShards(), 1, Integer.MAX_VALUE),
                (int) r.integer("max_samples_per_send", d.maxSamplesPerSend(), 1, Integer.MAX_VALUE),
                r.duration("batch_send_deadline", d.batchSendDeadline()),
                r.duration("min_backoff", d.minBackoff()),
                r.duration("max_backoff", d.maxBackoff()),
                r.bool("retry_on_http_429", d.retryOnHttp429()),
                r.duration("sample_age_limit", d.sampleAgeLimit()));
        if (q.minShards() > q.maxShards()) {
            r.error("min_shards", "remote write queue min_shards must not be greater than max_shards");
        }
        if (q.maxBackoff().compareTo(q.minBackoff()) < 0) {
            r.error("max_backoff", "remote write queue max_backoff must not be less than min_backoff");
        }
        return q;
    }

    private static MetadataConfig metadata(MapReader r) {
        MetadataConfig d = MetadataConfig.DEFAULT;
        return new MetadataConfig(r.bool("send", d.send()), r.duration("send_interval", d.sendInterval()), (int)
                r.integer("max_samples_per_send", d.maxSamplesPerSend(), 0, Integer.MAX_VALUE));
    }
}
