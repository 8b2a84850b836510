package dev.vigil.config.notifications;

import java.util.List;
import java.util.Objects;

/** A named receiver and its integrations; one with none silently drops notifications. Immutable. */
public record ReceiverConfig(
        String name,
        List<WebhookConfig> webhookConfigs,
        List<SlackConfig> slackConfigs,
        List<DiscordConfig> discordConfigs) {
    public ReceiverConfig {
        Objects.requireNonNull(name, "name");
        webhookConfigs = List.copyOf(webhookConfigs);
        slackConfigs = List.copyOf(slackConfigs);
        discordConfigs = List.copyOf(discordConfigs);
    }
}
