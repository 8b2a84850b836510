package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.discord.DiscordNotifier;
import dev.vigil.alerting.notify.slack.SlackNotifier;
import dev.vigil.alerting.notify.webhook.WebhookNotifier;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.ReceiverConfig;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the integrations of every configured receiver. Stateless. */
public final class Integrations {
    private Integrations() {}

    /** Receiver name → its integrations, webhooks first, then Slack, then Discord, each numbered within its kind. */
    public static Map<String, List<Integration>> build(
            NotificationsConfig config, NotificationTemplates templates, Vertx vertx) {
        Map<String, List<Integration>> out = new HashMap<>();
        for (ReceiverConfig receiver : config.receivers()) {
            List<Integration> list = new ArrayList<>();
            for (int i = 0; i < receiver.webhookConfigs().size(); i++) {
                list.add(new Integration(
                        receiver.name(),
                        i,
                        new WebhookNotifier(vertx, receiver.webhookConfigs().get(i))));
            }
            for (int i = 0; i < receiver.slackConfigs().size(); i++) {
                list.add(new Integration(
                        receiver.name(),
                        i,
                        new SlackNotifier(vertx, receiver.slackConfigs().get(i), templates)));
            }
            for (int i = 0; i < receiver.discordConfigs().size(); i++) {
                list.add(new Integration(
                        receiver.name(),
                        i,
                        new DiscordNotifier(vertx, receiver.discordConfigs().get(i), templates)));
            }
            out.put(receiver.name(), List.copyOf(list));
        }
        return out;
    }
}
