package dev.vigil.config.notifications;

import dev.vigil.config.http.HttpClientConfig;
import java.util.Objects;

/**
 * A Discord webhook. {@code title} and {@code message} are notification templates defaulting to Alertmanager's
 * {@code discord.default.*}; exactly one of {@code webhookUrl} and {@code webhookUrlFile} is non-empty. Immutable.
 */
public record DiscordConfig(
        boolean sendResolved,
        String webhookUrl,
        String webhookUrlFile,
        String title,
        String message,
        String content,
        String username,
        String avatarUrl,
        HttpClientConfig httpConfig) {
    public static final String DEFAULT_TITLE = "{{ template \"discord.default.title\" . }}";
    public static final String DEFAULT_MESSAGE = "{{ template \"discord.default.message\" . }}";

    public DiscordConfig {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(webhookUrlFile, "webhookUrlFile");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(httpConfig, "httpConfig");
    }
}
