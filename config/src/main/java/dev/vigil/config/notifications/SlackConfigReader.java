package dev.vigil.config.notifications;

import dev.vigil.config.core.MapReader;
import dev.vigil.config.http.HttpClientConfigReader;
import java.util.List;
import java.util.Optional;

/** Reads {@code slack_configs} items with Alertmanager's defaults and checks. */
final class SlackConfigReader {
    private SlackConfigReader() {}

    static SlackConfig read(MapReader r, NotificationGlobal global) {
        boolean sendResolved = r.bool("send_resolved", false);
        String apiUrl = r.string("api_url", "");
        String apiUrlFile = r.string("api_url_file", "");
        if (!apiUrl.isEmpty() && !apiUrlFile.isEmpty()) {
            r.error("api_url_file", "at most one of api_url & api_url_file must be configured");
        }
        if (apiUrl.isEmpty() && apiUrlFile.isEmpty()) {
            apiUrl = global.slackApiUrl();
            apiUrlFile = global.slackApiUrlFile();
            if (apiUrl.isEmpty() && apiUrlFile.isEmpty()) {
                r.error("no global Slack API URL set either inline or in a file");
            }
        } else if (!apiUrl.isEmpty()) {
            if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
                r.error("api_url", "unsupported URL \"" + apiUrl + "\": need an http or https URL");
            }
        }
        List<SlackConfig.Field> fields = r.mapList("fields", SlackConfigReader::field);
        List<SlackConfig.Action> actions = r.mapList("actions", SlackConfigReader::action);
        return new SlackConfig(
                sendResolved,
                apiUrl,
                apiUrlFile,
                r.string("channel", ""),
                r.string("username", SlackConfig.DEFAULT_USERNAME),
                r.string("color", SlackConfig.DEFAULT_COLOR),
                r.string("title", SlackConfig.DEFAULT_TITLE),
                r.string("title_link", SlackConfig.DEFAULT_TITLE_LINK),
                r.string("pretext", SlackConfig.DEFAULT_PRETEXT),
                r.string("text", SlackConfig.DEFAULT_TEXT),
                fields,
                r.bool("short_fields", false),
                r.string("footer", SlackConfig.DEFAULT_FOOTER),
                r.string("fallback", SlackConfig.DEFAULT_FALLBACK),
                r.string("callback_id", SlackConfig.DEFAULT_CALLBACK_ID),
                r.string("icon_emoji", SlackConfig.DEFAULT_ICON_EMOJI),
                r.string("icon_url", SlackConfig.DEFAULT_ICON_URL),
                r.string("image_url", ""),
                r.string("thumb_url", ""),
                r.bool("link_names", false),
                r.stringList("mrkdwn_in"),
                actions,
                r.map("http_config", h -> HttpClientConfigReader.read(h, true)).orElse(global.httpConfig()));
    }

    private static Optional<SlackConfig.Field> field(MapReader r) {
        String title = r.string("title", "");
        String value = r.string("value", "");
        Optional<Boolean> isShort = r.optionalBool("short");
        if (title.isEmpty()) {
            r.error("missing title in Slack field configuration");
            return Optional.empty();
        }
        if (value.isEmpty()) {
            r.error("missing value in Slack field configuration");
            return Optional.empty();
        }
        return Optional.of(new SlackConfig.Field(title, value, isShort));
    }

    private static Optional<SlackConfig.Action> action(MapReader r) {
        String type = r.string("type", "");
        String text = r.string("text", "");
        String url = r.string("url", "");
        String name = r.string("name", "");
        Optional<SlackConfig.Confirm> confirm = r.map(
                "confirm",
                c -> new SlackConfig.Confirm(
                        c.string("title", ""),
                        c.requiredString("text"),
                        c.string("ok_text", ""),
                        c.string("dismiss_text", "")));
        String style = r.string("style", "");
        String value = r.string("value", "");
        if (type.isEmpty()) {
            r.error("missing type in Slack action configuration");
            return Optional.empty();
        }
        if (text.isEmpty()) {
            r.error("missing text in Slack action configuration");
            return Optional.empty();
        }
        if (url.isEmpty() && name.isEmpty()) {
            r.error("missing name or url in Slack action configuration");
            return Optional.empty();
        }
        return Optional.of(new SlackConfig.Action(type, text, url, style, name, value, confirm));
    }
}
