package dev.vigil.config.notifications;

import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Names;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.core.SourceLocation;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpClientConfigReader;
import dev.vigil.model.labels.Matcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an Alertmanager configuration body strictly and validates it as Alertmanager does: unique receiver and time
 * interval names, routes referring only to existing ones, a root route with a receiver and no matchers, non-zero
 * group and repeat intervals, {@code '...'} alone in {@code group_by}. Every problem is recorded at its key. Stateless.
 */
public final class NotificationsConfigReader {
    private static final Set<String> UNSUPPORTED_RECEIVER_KEYS = Set.of(
            "email_configs",
            "pagerduty_configs",
            "opsgenie_configs",
            "wechat_configs",
            "pushover_configs",
            "victorops_configs",
            "sns_configs",
            "telegram_configs",
            "webex_configs",
            "msteams_configs",
            "msteamsv2_configs",
            "jira_configs",
            "rocketchat_configs",
            "incidentio_configs");

    /** Global settings of integrations Vigil lacks: accepted so pasted files load, but unused. */
    private static final Set<String> IGNORED_GLOBAL_KEYS = Set.of(
            "smtp_from",
            "smtp_hello",
            "smtp_smarthost",
            "smtp_auth_username",
            "smtp_auth_password",
            "smtp_auth_password_file",
            "smtp_auth_secret",
            "smtp_auth_identity",
            "smtp_require_tls",
            "smtp_tls_config",
            "pagerduty_url",
            "opsgenie_api_key",
            "opsgenie_api_key_file",
            "opsgenie_api_url",
            "wechat_api_url",
            "wechat_api_secret",
            "wechat_api_corp_id",
            "victorops_api_key",
            "victorops_api_key_file",
            "victorops_api_url",
            "telegram_api_url",
            "webex_api_url",
            "rocketchat_api_url",
            "rocketchat_token",
            "rocketchat_token_file",
            "rocketchat_token_id",
            "rocketchat_token_id_file",
            "jira_api_url");

    private NotificationsConfigReader() {}

    /** Reads the mapping {@code r}; problems go to {@code r}'s {@link dev.vigil.config.core.Problems}. */
    public static NotificationsConfig read(MapReader r, Optional<Path> directory) {
        NotificationGlobal global =
                r.map("global", NotificationsConfigReader::global).orElse(NotificationGlobal.DEFAULT);
        List<TimeIntervalConfig> intervals = new ArrayList<>();
        Map<String, SourceLocation> intervalNames = new HashMap<>();
        for (String key : List.of("mute_time_intervals", "time_intervals")) {
            intervals.addAll(r.mapList(key, item -> {
                TimeIntervalConfig interval = TimeIntervalReader.read(item);
                SourceLocation first = intervalNames.putIfAbsent(interval.name(), item.locationOf("name"));
                if (first != null) {
                    item.error(
                            "name",
                            "time interval \"" + interval.name() + "\" is not unique (first at line " + first.line()
                                    + ")");
                    return Optional.empty();
                }
                return Optional.of(interval);
            }));
        }
        Map<String, SourceLocation> receiverNames = new HashMap<>();
        List<ReceiverConfig> receivers = r.mapList("receivers", item -> {
            ReceiverConfig receiver = receiver(item, global);
            if (receiver.name().isEmpty()) {
                return Optional.empty();
            }
            SourceLocation first = receiverNames.putIfAbsent(receiver.name(), item.locationOf("name"));
            if (first != null) {
                item.error(
                        "name",
                        "notification config name \"" + receiver.name() + "\" is not unique (first at line "
                                + first.line() + ")");
                return Optional.empty();
            }
            return Optional.of(receiver);
        });
        Context context = new Context(receiverNames.keySet(), intervalNames.keySet());
        RouteConfig route = r.map("route", rr -> rootRoute(rr, context)).orElse(null);
        if (route == null) {
            r.error("no route provided in config");
            route = new RouteConfig(
                    "",
                    List.of(),
                    false,
                    List.of(),
                    false,
                    RouteConfig.DEFAULT_GROUP_WAIT,
                    RouteConfig.DEFAULT_GROUP_INTERVAL,
                    RouteConfig.DEFAULT_REPEAT_INTERVAL,
                    List.of(),
                    List.of(),
                    List.of());
        }
        List<InhibitRuleConfig> inhibitRules = r.mapList("inhibit_rules", item -> Optional.of(inhibitRule(item)));
        List<String> templates = r.stringList("templates");
        return new NotificationsConfig(global, route, receivers, inhibitRules, intervals, templates, directory);
    }

    private record Context(Set<String> receivers, Set<String> timeIntervals) {}

    private static NotificationGlobal global(MapReader r) {
        for (String key : IGNORED_GLOBAL_KEYS) {
            r.markHandled(key);
        }
        PromDuration resolveTimeout = r.duration("resolve_timeout", NotificationGlobal.DEFAULT_RESOLVE_TIMEOUT);
        String slackUrl = r.string("slack_api_url", "");
        String slackUrlFile = r.string("slack_api_url_file", "");
        if (!slackUrl.isEmpty() && !slackUrlFile.isEmpty()) {
            r.error("slack_api_url_file", "at most one of slack_api_url & slack_api_url_file must be configured");
        }
        checkUrl(r, "slack_api_url", slackUrl);
        HttpClientConfig http = httpConfig(r, HttpClientConfig.DEFAULT);
        return new NotificationGlobal(resolveTimeout, slackUrl, slackUrlFile, http);
    }

    private static HttpClientConfig httpConfig(MapReader r, HttpClientConfig inherited) {
        return r.map("http_config", h -> HttpClientConfigReader.read(h, true)).orElse(inherited);
    }

    private static void checkUrl(MapReader r, String key, String url) {
        if (url.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                r.error(key, "unsupported URL \"" + url + "\": need an http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            r.error(key, "invalid URL \"" + url + "\": " + e.getReason());
        }
    }

    private static ReceiverConfig receiver(MapReader r, NotificationGlobal global) {
        String name = r.requiredString("name");
        for (String key : UNSUPPORTED_RECEIVER_KEYS) {
            if (r.has(key)) {
                r.error(
                        key,
                        key
                                + " is not supported by Vigil (supported: webhook_configs, slack_configs, discord_configs)");
            }
            r.markHandled(key);
        }
        List<WebhookConfig> webhooks = r.mapList("webhook_configs", w -> Optional.of(webhook(w, global)));
        List<SlackConfig> slacks = r.mapList("slack_configs", s -> Optional.of(SlackConfigReader.read(s, global)));
        List<DiscordConfig> discords = r.mapList("discord_configs", d -> Optional.of(discord(d, global)));
        return new ReceiverConfig(name, webhooks, slacks, discords);
    }

    private static WebhookConfig webhook(MapReader r, NotificationGlobal global) {
        boolean sendResolved = r.bool("send_resolved", true);
        String url = r.string("url", "");
        String urlFile = r.string("url_file", "");
        if (url.isEmpty() && urlFile.isEmpty()) {
            r.error("one of url or url_file must be configured");
        }
        if (!url.isEmpty() && !urlFile.isEmpty()) {
            r.error("url_file", "at most one of url & url_file must be configured");
        }
        checkUrl(r, "url", url);
        int maxAlerts = r.nonNegativeInt("max_alerts", 0);
        PromDuration timeout = r.duration("timeout", PromDuration.ZERO);
        return new WebhookConfig(sendResolved, url, urlFile, maxAlerts, timeout, httpConfig(r, global.httpConfig()));
    }

    private static DiscordConfig discord(MapReader r, NotificationGlobal global) {
        String url = r.string("webhook_url", "");
        String urlFile = r.string("webhook_url_file", "");
        if (url.isEmpty() && urlFile.isEmpty()) {
            r.error("one of webhook_url or webhook_url_file must be configured");
        }
        if (!url.isEmpty() && !urlFile.isEmpty()) {
            r.error("webhook_url_file", "at most one of webhook_url & webhook_url_file must be configured");
        }
        checkUrl(r, "webhook_url", url);
        return new DiscordConfig(
                r.bool("send_resolved", true),
                url,
                urlFile,
                r.string("title", DiscordConfig.DEFAULT_TITLE),
                r.string("message", DiscordConfig.DEFAULT_MESSAGE),
                r.string("content", ""),
                r.string("username", ""),
                r.string("avatar_url", ""),
                httpConfig(r, global.httpConfig()));
    }

    private static RouteConfig rootRoute(MapReader r, Context context) {
        RouteConfig defaults = new RouteConfig(
                "",
                List.of(),
                false,
                List.of(),
                false,
                RouteConfig.DEFAULT_GROUP_WAIT,
                RouteConfig.DEFAULT_GROUP_INTERVAL,
                RouteConfig.DEFAULT_REPEAT_INTERVAL,
                List.of(),
                List.of(),
                List.of());
        if (!r.has("receiver")) {
            r.error("root route must specify a default receiver");
        }
        for (String key : List.of("matchers", "match", "match_re")) {
            if (r.has(key)) {
                r.error(key, "root route must not have any matchers");
            }
        }
        if (r.has("mute_time_intervals")) {
            r.error("mute_time_intervals", "root route must not have any mute time intervals");
        }
        if (r.has("active_time_intervals")) {
            r.error("active_time_intervals", "root route must not have any active time intervals");
        }
        if (r.bool("continue", false)) {
            r.error("continue", "cannot have continue in root route");
        }
        return route(r, defaults, context);
    }

    private static RouteConfig route(MapReader r, RouteConfig parent, Context context) {
        String receiver = r.string("receiver", parent.receiver());
        if (r.has("receiver") && !context.receivers().contains(receiver)) {
            r.error("receiver", "undefined receiver \"" + receiver + "\" used in route");
        }
        List<String> groupBy = parent.groupBy();
        boolean groupByAll = parent.groupByAll();
        if (r.has("group_by")) {
            List<String> written = r.stringList("group_by");
            groupByAll = written.contains("...");
            if (groupByAll && written.size() > 1) {
                r.error("group_by", "cannot have wildcard group_by (`...`) and other labels at the same time");
            }
            Set<String> seen = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (String name : written) {
                if (name.equals("...")) {
                    continue;
                }
                if (!Names.isValidLabelName(name)) {
                    r.error("group_by", "invalid label name \"" + name + "\" in group_by list");
                } else if (!seen.add(name)) {
                    r.error("group_by", "duplicated label \"" + name + "\" in group_by");
                } else {
                    names.add(name);
                }
            }
            groupBy = groupByAll ? List.of() : names;
        }
        List<Matcher> matchers = new ArrayList<>(MatcherReading.deprecatedMatch(r, "match", "match_re"));
        matchers.addAll(MatcherReading.matchers(r, "matchers"));
        boolean continueMatching = r.bool("continue", false);
        PromDuration groupWait = r.duration("group_wait", parent.groupWait());
        PromDuration groupInterval = r.duration("group_interval", parent.groupInterval());
        if (r.has("group_interval") && groupInterval.isZero()) {
            r.error("group_interval", "group_interval cannot be zero");
        }
        PromDuration repeatInterval = r.duration("repeat_interval", parent.repeatInterval());
        if (r.has("repeat_interval") && repeatInterval.isZero()) {
            r.error("repeat_interval", "repeat_interval cannot be zero");
        }
        List<String> mute = intervalNames(r, "mute_time_intervals", context);
        List<String> active = intervalNames(r, "active_time_intervals", context);
        RouteConfig self = new RouteConfig(
                receiver,
                groupBy,
                groupByAll,
                matchers,
                continueMatching,
                groupWait,
                groupInterval,
                repeatInterval,
                mute,
                active,
                List.of());
        List<RouteConfig> children = r.mapList("routes", child -> Optional.of(route(child, self, context)));
        return new RouteConfig(
                receiver,
                groupBy,
                groupByAll,
                matchers,
                continueMatching,
                groupWait,
                groupInterval,
                repeatInterval,
                mute,
                active,
                children);
    }

    private static List<String> intervalNames(MapReader r, String key, Context context) {
        List<String> names = r.stringList(key);
        for (String name : names) {
            if (!context.timeIntervals().contains(name)) {
                r.error(key, "undefined time interval \"" + name + "\" used in route");
            }
        }
        return names;
    }

    private static InhibitRuleConfig inhibitRule(MapReader r) {
        List<Matcher> source = new ArrayList<>(MatcherReading.deprecatedMatch(r, "source_match", "source_match_re"));
        source.addAll(MatcherReading.matchers(r, "source_matchers"));
        List<Matcher> target = new ArrayList<>(MatcherReading.deprecatedMatch(r, "target_match", "target_match_re"));
        target.addAll(MatcherReading.matchers(r, "target_matchers"));
        List<String> equal = r.stringList("equal");
        for (String name : equal) {
            if (!Names.isValidLabelName(name)) {
                r.error("equal", "invalid label name \"" + name + "\" in equal list");
            }
        }
        return new InhibitRuleConfig(source, target, equal);
    }
}
