package dev.vigil.alerting.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.NotificationContext;
import dev.vigil.alerting.notify.NotificationData;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.NotifyResult;
import dev.vigil.alerting.notify.http.HttpPoster;
import dev.vigil.alerting.template.KeyValues;
import dev.vigil.config.notifications.WebhookConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Posts Alertmanager's webhook payload (version 4): receiver, status, alerts with status, labels, annotations,
 * startsAt, endsAt, generatorURL and fingerprint, group/common labels and annotations, externalURL, groupKey and
 * truncatedAlerts (alerts beyond {@code max_alerts} are left out and counted). Thread-safe.
 */
public final class WebhookNotifier implements Notifier {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WebhookConfig config;
    private final HttpPoster poster;

    public WebhookNotifier(Vertx vertx, WebhookConfig config) {
        this.config = config;
        Duration timeout =
                config.timeout().isZero() ? DEFAULT_TIMEOUT : config.timeout().toDuration();
        this.poster = new HttpPoster(vertx, config.httpConfig(), timeout);
    }

    @Override
    public String integration() {
        return "webhook";
    }

    @Override
    public void close() {
        poster.close();
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public CompletionStage<NotifyResult> send(NotificationContext context, List<Alert> alerts) {
        String body = payload(context, alerts, config.maxAlerts());
        return poster.post(() -> config.url().isEmpty() ? HttpPoster.readSecret(config.urlFile()) : config.url(), body);
    }

    /** The JSON body for {@code alerts}, keeping at most {@code maxAlerts} (0: all). */
    public static String payload(NotificationContext context, List<Alert> alerts, int maxAlerts) {
        NotificationData data = NotificationData.of(context, alerts);
        int kept = maxAlerts > 0 ? Math.min(maxAlerts, alerts.size()) : alerts.size();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("receiver", context.receiver());
        root.put("status", data.status());
        ArrayNode items = root.putArray("alerts");
        for (int i = 0; i < kept; i++) {
            NotificationData.AlertData a = data.alerts().get(i);
            ObjectNode item = items.addObject();
            item.put("status", a.status());
            item.set("labels", object(a.labels()));
            item.set("annotations", object(a.annotations()));
            item.put("startsAt", a.startsAt().format(GO_RFC3339_NANO));
            item.put("endsAt", a.endsAt().format(GO_RFC3339_NANO));
            item.put("generatorURL", a.generatorURL());
            item.put("fingerprint", a.fingerprint());
        }
        root.set("groupLabels", object(data.groupLabels()));
        root.set("commonLabels", object(data.commonLabels()));
        root.set("commonAnnotations", object(data.commonAnnotations()));
        root.put("externalURL", context.externalURL());
        root.put("version", "4");
        root.put("groupKey", context.groupKey());
        root.put("truncatedAlerts", alerts.size() - kept);
        return root.toString();
    }

    /** Go's RFC3339Nano, which Go's JSON encoding of times uses. */
    private static final String GO_RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    private static ObjectNode object(KeyValues kv) {
        ObjectNode node = MAPPER.createObjectNode();
        kv.asMap().forEach(node::put);
        return node;
    }
}
