package dev.vigil.alerting.send;

import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.http.HttpPoster;
import dev.vigil.config.alerting.AlertmanagerConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.log.Log;
import dev.vigil.model.relabel.LabelNameScheme;
import dev.vigil.model.relabel.Relabeler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Alertmanagers of one {@code alertmanagers} entry: their push URLs from discovery and {@code relabel_configs}
 * (with {@code __scheme__} and {@code __alerts_path__} as Prometheus sets them), one {@link SendQueue} each, and the
 * entry's own {@code alert_relabel_configs}. Thread-safe.
 */
final class AlertmanagerSet {
    private static final Log log = Log.get(AlertmanagerSet.class);
    static final String ADDRESS = "__address__";
    static final String SCHEME = "__scheme__";
    static final String ALERTS_PATH = "__alerts_path__";

    final AlertmanagerConfig config;
    private final HttpPoster poster;
    private final Relabeler targetRelabeler;
    private final Relabeler alertRelabeler;
    private final SenderOptions options;
    private final SenderMetrics metrics;
    private final Map<String, SendQueue> queues = new LinkedHashMap<>();
    private List<String> active = List.of();
    private List<String> dropped = List.of();

    AlertmanagerSet(AlertmanagerConfig config, Vertx vertx, SenderOptions options, SenderMetrics metrics) {
        this.config = config;
        this.poster =
                new HttpPoster(vertx, config.httpClient(), config.timeout().toDuration());
        this.targetRelabeler = Relabeler.of(config.relabelConfigs(), LabelNameScheme.UTF8);
        this.alertRelabeler = Relabeler.of(config.alertRelabelConfigs(), LabelNameScheme.UTF8);
        this.options = options;
        this.metrics = metrics;
    }

    /** The push path: {@code path_prefix} joined with {@code /api/v2/alerts}. */
    String alertsPath() {
        String prefix = config.pathPrefix();
        StringBuilder path = new StringBuilder();
        for (String part : (prefix + "/api/" + config.apiVersion() + "/alerts").split("/")) {
            if (!part.isEmpty()) {
                path.append('/').append(part);
            }
        }
        return path.toString();
    }

    /** Replaces the discovered targets: queues of new URLs start, those of vanished URLs stop. */
    void sync(List<DiscoveredGroup> groups) {
        Set<String> urls = new LinkedHashSet<>();
        List<String> droppedUrls = new ArrayList<>();
        LabelsBuilder builder = new LabelsBuilder();
        for (DiscoveredGroup group : groups) {
            for (Labels target : group.targets()) {
                builder.reset(target);
                builder.set(SCHEME, config.scheme());
                builder.set(ALERTS_PATH, alertsPath());
                group.labels().forEach((name, value) -> {
                    if (!target.has(name)) {
                        builder.set(name, value);
                    }
                });
                Labels before = builder.labels();
                if (!targetRelabeler.apply(builder)) {
                    droppedUrls.add(url(before));
                    continue;
                }
                String address = builder.get(ADDRESS);
                if (address.isEmpty() || address.contains("/")) {
                    log.error(
                            "Creating discovered Alertmanagers failed",
                            "err",
                            "\"" + address + "\" is not a valid hostname");
                    continue;
                }
                urls.add(url(builder.labels()));
            }
        }
        List<SendQueue> stopped = new ArrayList<>();
        synchronized (this) {
            for (String url : urls) {
                queues.computeIfAbsent(url, u -> new SendQueue(u, poster, options, metrics));
            }
            queues.entrySet().removeIf(e -> {
                if (urls.contains(e.getKey())) {
                    return false;
                }
                stopped.add(e.getValue());
                return true;
            });
            active = List.copyOf(urls);
            dropped = List.copyOf(droppedUrls);
        }
        stopped.forEach(q -> q.stop(false, Duration.ZERO));
    }

    private static String url(Labels labels) {
        return labels.get(SCHEME) + "://" + labels.get(ADDRESS) + labels.get(ALERTS_PATH);
    }

    void send(List<Alert> alerts) {
        List<Alert> relabeled = AlertRelabeling.apply(alerts, alertRelabeler, Map.of());
        if (relabeled.isEmpty()) {
            return;
        }
        List<SendQueue> targets;
        synchronized (this) {
            targets = new ArrayList<>(queues.values());
        }
        targets.forEach(q -> q.add(relabeled));
    }

    synchronized List<String> active() {
        return active;
    }

    synchronized List<String> dropped() {
        return dropped;
    }

    /** Stops every queue (draining first when asked) and releases the HTTP client. */
    void close(boolean drain) {
        List<SendQueue> all;
        synchronized (this) {
            all = new ArrayList<>(queues.values());
            queues.clear();
            active = List.of();
        }
        all.forEach(q -> q.stop(drain, config.timeout().toDuration()));
        poster.close();
    }
}
