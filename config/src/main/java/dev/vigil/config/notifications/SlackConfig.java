package dev.vigil.config.notifications;

import dev.vigil.config.http.HttpClientConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Slack (or Mattermost/Rocket.Chat compatible) incoming webhook. Text fields are notification templates whose
 * defaults are Alertmanager's {@code slack.default.*} templates. Exactly one of {@code apiUrl} and {@code apiUrlFile}
 * is non-empty (inherited from the global settings when not set here). Immutable.
 */
public record SlackConfig(
        boolean sendResolved,
        String apiUrl,
        String apiUrlFile,
        String channel,
        String username,
        String color,
        String title,
        String titleLink,
        String pretext,
        String text,
        List<Field> fields,
        boolean shortFields,
        String footer,
        String fallback,
        String callbackId,
        String iconEmoji,
        String iconUrl,
        String imageUrl,
        String thumbUrl,
        boolean linkNames,
        List<String> mrkdwnIn,
        List<Action> actions,
        HttpClientConfig httpConfig) {

    public static final String DEFAULT_USERNAME = "{{ template \"slack.default.username\" . }}";
    public static final String DEFAULT_COLOR = "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}";
    public static final String DEFAULT_TITLE = "{{ template \"slack.default.title\" . }}";
    public static final String DEFAULT_TITLE_LINK = "{{ template \"slack.default.titlelink\" . }}";
    public static final String DEFAULT_PRETEXT = "{{ template \"slack.default.pretext\" . }}";
    public static final String DEFAULT_TEXT = "{{ template \"slack.default.text\" . }}";
    public static final String DEFAULT_FALLBACK = "{{ template \"slack.default.fallback\" . }}";
    public static final String DEFAULT_CALLBACK_ID = "{{ template \"slack.default.callbackid\" . }}";
    public static final String DEFAULT_FOOTER = "{{ template \"slack.default.footer\" . }}";
    public static final String DEFAULT_ICON_EMOJI = "{{ template \"slack.default.iconemoji\" . }}";
    public static final String DEFAULT_ICON_URL = "{{ template \"slack.default.iconurl\" . }}";

    public SlackConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(apiUrlFile, "apiUrlFile");
        fields = List.copyOf(fields);
        mrkdwnIn = List.copyOf(mrkdwnIn);
        actions = List.copyOf(actions);
        Objects.requireNonNull(httpConfig, "httpConfig");
    }

    /** An attachment field; {@code isShort} empty means "use {@code short_fields}". */
    public record Field(String title, String value, Optional<Boolean> isShort) {}

    /** A message button. */
    public record Action(
            String type, String text, String url, String style, String name, String value, Optional<Confirm> confirm) {}

    /** The confirmation dialog of an action. */
    public record Confirm(String title, String text, String okText, String dismissText) {}
}
