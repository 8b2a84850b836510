package dev.vigil.alerting.notify.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.NotificationContext;
import dev.vigil.alerting.notify.NotificationData;
import dev.vigil.alerting.notify.NotificationTemplates;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.NotifyResult;
import dev.vigil.alerting.notify.http.HttpPoster;
import dev.vigil.alerting.template.TemplateException;
import dev.vigil.config.notifications.SlackConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Posts a Slack incoming-webhook message with one attachment (title, link, text, color, fields, actions) built from
 * the configured templates; Mattermost and Rocket.Chat accept the same body. Empty fields are left out as Slack
 * expects. A template that fails to expand fails the notification without retrying. Thread-safe.
 */
public final class SlackNotifier implements Notifier {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SlackConfig config;
    private final NotificationTemplates templates;
    private final HttpPoster poster;

    public SlackNotifier(Vertx vertx, SlackConfig config, NotificationTemplates templates) {
        this.config = config;
        this.templates = templates;
        this.poster = new HttpPoster(vertx, config.httpConfig(), TIMEOUT);
    }

    @Override
    public String integration() {
        return "slack";
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
        String body;
        try {
            body = payload(config, templates, NotificationData.of(context, alerts));
        } catch (TemplateException e) {
            return CompletableFuture.completedFuture(new NotifyResult.Failed("other", e.getMessage()));
        }
        return poster.post(
                () -> config.apiUrl().isEmpty() ? HttpPoster.readSecret(config.apiUrlFile()) : config.apiUrl(), body);
    }

    /** The JSON message for {@code data}. */
    public static String payload(SlackConfig c, NotificationTemplates t, NotificationData data)
            throws TemplateException {
        ObjectNode attachment = MAPPER.createObjectNode();
        putIfNotEmpty(attachment, "title", t.expand(c.title(), data));
        putIfNotEmpty(attachment, "title_link", t.expand(c.titleLink(), data));
        putIfNotEmpty(attachment, "pretext", t.expand(c.pretext(), data));
        putIfNotEmpty(attachment, "text", t.expand(c.text(), data));
        putIfNotEmpty(attachment, "fallback", t.expand(c.fallback(), data));
        putIfNotEmpty(attachment, "callback_id", t.expand(c.callbackId(), data));
        putIfNotEmpty(attachment, "image_url", t.expand(c.imageUrl(), data));
        putIfNotEmpty(attachment, "thumb_url", t.expand(c.thumbUrl(), data));
        putIfNotEmpty(attachment, "footer", t.expand(c.footer(), data));
        putIfNotEmpty(attachment, "color", t.expand(c.color(), data));
        ArrayNode mrkdwn = attachment.putArray("mrkdwn_in");
        (c.mrkdwnIn().isEmpty() ? List.of("fallback", "pretext", "text") : c.mrkdwnIn()).forEach(mrkdwn::add);
        if (!c.fields().isEmpty()) {
            ArrayNode fields = attachment.putArray("fields");
            for (SlackConfig.Field f : c.fields()) {
                ObjectNode field = fields.addObject();
                field.put("title", t.expand(f.title(), data));
                field.put("value", t.expand(f.value(), data));
                field.put("short", f.isShort().orElse(c.shortFields()));
            }
        }
        if (!c.actions().isEmpty()) {
            ArrayNode actions = attachment.putArray("actions");
            for (SlackConfig.Action a : c.actions()) {
                ObjectNode action = actions.addObject();
                action.put("type", t.expand(a.type(), data));
                action.put("text", t.expand(a.text(), data));
                putIfNotEmpty(action, "url", t.expand(a.url(), data));
                putIfNotEmpty(action, "style", t.expand(a.style(), data));
                putIfNotEmpty(action, "name", t.expand(a.name(), data));
                putIfNotEmpty(action, "value", t.expand(a.value(), data));
                if (a.confirm().isPresent()) {
                    SlackConfig.Confirm confirm = a.confirm().get();
                    ObjectNode cn = action.putObject("confirm");
                    putIfNotEmpty(cn, "title", t.expand(confirm.title(), data));
                    cn.put("text", t.expand(confirm.text(), data));
                    putIfNotEmpty(cn, "ok_text", t.expand(confirm.okText(), data));
                    putIfNotEmpty(cn, "dismiss_text", t.expand(confirm.dismissText(), data));
                }
            }
        }
        ObjectNode root = MAPPER.createObjectNode();
        putIfNotEmpty(root, "channel", t.expand(c.channel(), data));
        putIfNotEmpty(root, "username", t.expand(c.username(), data));
        putIfNotEmpty(root, "icon_emoji", t.expand(c.iconEmoji(), data));
        putIfNotEmpty(root, "icon_url", t.expand(c.iconUrl(), data));
        if (c.linkNames()) {
            root.put("link_names", true);
        }
        root.putArray("attachments").add(attachment);
        return root.toString();
    }

    private static void putIfNotEmpty(ObjectNode node, String key, String value) {
        if (!value.isEmpty()) {
            node.put(key, value);
        }
    }
}
