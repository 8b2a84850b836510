package dev.vigil.alerting.notify.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.NotificationContext;
import dev.vigil.alerting.notify.NotificationData;
import dev.vigil.alerting.notify.NotificationTemplates;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.NotifyResult;
import dev.vigil.alerting.notify.http.HttpPoster;
import dev.vigil.alerting.template.TemplateException;
import dev.vigil.config.notifications.DiscordConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Posts a Discord webhook message with one embed: the expanded title (at most 256 characters) and message (at most
 * 4096), red while firing and green once resolved. Discord's 429 answers carry {@code Retry-After}, which the
 * caller's retry honours. Thread-safe.
 */
public final class DiscordNotifier implements Notifier {
    static final int MAX_TITLE = 256;
    static final int MAX_DESCRIPTION = 4096;
    static final int COLOR_FIRING = 0x992D22;
    static final int COLOR_RESOLVED = 0x2ECC71;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DiscordConfig config;
    private final NotificationTemplates templates;
    private final HttpPoster poster;

    public DiscordNotifier(Vertx vertx, DiscordConfig config, NotificationTemplates templates) {
        this.config = config;
        this.templates = templates;
        this.poster = new HttpPoster(vertx, config.httpConfig(), Duration.ofSeconds(30));
    }

    @Override
    public String integration() {
        return "discord";
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
                () -> config.webhookUrl().isEmpty()
                        ? HttpPoster.readSecret(config.webhookUrlFile())
                        : config.webhookUrl(),
                body);
    }

    /** The JSON message for {@code data}. */
    public static String payload(DiscordConfig c, NotificationTemplates t, NotificationData data)
            throws TemplateException {
        ObjectNode root = MAPPER.createObjectNode();
        String content = t.expand(c.content(), data);
        if (!content.isEmpty()) {
            root.put("content", truncate(content, 2000));
        }
        String username = t.expand(c.username(), data);
        if (!username.isEmpty()) {
            root.put("username", username);
        }
        String avatar = t.expand(c.avatarUrl(), data);
        if (!avatar.isEmpty()) {
            root.put("avatar_url", avatar);
        }
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", truncate(t.expand(c.title(), data), MAX_TITLE));
        embed.put("description", truncate(t.expand(c.message(), data), MAX_DESCRIPTION));
        embed.put("color", data.status().equals("firing") ? COLOR_FIRING : COLOR_RESOLVED);
        return root.toString();
    }

    /** Cuts to {@code max} characters, ending with an ellipsis when cut, without splitting a surrogate pair. */
    static String truncate(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
