package dev.vigil.config.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.PromDuration;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationsConfigTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = NotificationsConfigTest.class.getResourceAsStream("/notifications/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsAFullAlertmanagerFileWithDefaultsAndInheritance() throws Exception {
        NotificationsConfig c = NotificationsConfigLoader.parse(resource("full.good.yml"), "full.good.yml");

        assertThat(c.global().resolveTimeout()).isEqualTo(PromDuration.ofMinutes(2));
        assertThat(c.global().httpConfig().followRedirects()).isFalse();
        assertThat(c.templates()).containsExactly("templates/*.tmpl");

        RouteConfig root = c.route();
        assertThat(root.receiver()).isEqualTo("team-default");
        assertThat(root.groupBy()).containsExactly("alertname", "cluster");
        assertThat(root.groupWait()).isEqualTo(PromDuration.ofSeconds(10));
        assertThat(root.groupInterval()).isEqualTo(PromDuration.ofMinutes(5));
        assertThat(root.repeatInterval()).isEqualTo(PromDuration.ofMinutes(240));

        RouteConfig pager = root.routes().get(0);
        assertThat(pager.receiver()).isEqualTo("pager");
        assertThat(pager.continueMatching()).isTrue();
        assertThat(pager.groupWait()).isEqualTo(PromDuration.ofSeconds(5));
        assertThat(pager.groupBy()).containsExactly("alertname", "cluster");
        assertThat(pager.matchers())
                .containsExactly(Matcher.equal("severity", "critical"), Matcher.regex("team", "db|infra"));
        assertThat(pager.matches(Labels.of("severity", "critical", "team", "db")))
                .isTrue();
        assertThat(pager.matches(Labels.of("severity", "critical", "team", "dbx")))
                .isFalse();

        RouteConfig nested = pager.routes().get(0);
        assertThat(nested.receiver()).as("inherited").isEqualTo("pager");
        assertThat(nested.groupWait()).as("inherited").isEqualTo(PromDuration.ofSeconds(5));
        assertThat(nested.repeatInterval()).isEqualTo(PromDuration.ofMinutes(60));
        assertThat(nested.continueMatching()).as("not inherited").isFalse();
        assertThat(nested.matchers()).containsExactly(Matcher.notEqual("env", "staging"));

        RouteConfig web = root.routes().get(1);
        assertThat(web.groupByAll()).isTrue();
        assertThat(web.matchers())
                .containsExactly(Matcher.equal("service", "web"), Matcher.regex("instance", "web-[0-9]+"));
        assertThat(web.muteTimeIntervals()).containsExactly("nights");
        assertThat(web.activeTimeIntervals()).containsExactly("business-hours");

        SlackConfig slack =
                c.receiver("team-default").orElseThrow().slackConfigs().get(0);
        assertThat(slack.apiUrl()).as("from global").isEqualTo("https://hooks.slack.example.com/services/T0/B0/XYZ");
        assertThat(slack.sendResolved()).isTrue();
        assertThat(slack.title()).isEqualTo(SlackConfig.DEFAULT_TITLE);
        assertThat(slack.color()).isEqualTo(SlackConfig.DEFAULT_COLOR);
        assertThat(slack.fields()).singleElement().satisfies(f -> assertThat(f.isShort())
                .contains(true));
        assertThat(slack.actions()).singleElement().satisfies(a -> assertThat(a.type())
                .isEqualTo("button"));
        assertThat(slack.httpConfig().followRedirects())
                .as("global http_config")
                .isFalse();

        WebhookConfig pagerHook =
                c.receiver("pager").orElseThrow().webhookConfigs().get(0);
        assertThat(pagerHook.url()).isEqualTo("http://pager.example.com/hook");
        assertThat(pagerHook.sendResolved()).isTrue();
        assertThat(pagerHook.maxAlerts()).isEqualTo(10);
        assertThat(pagerHook.httpConfig().basicAuth()).isPresent();
        assertThat(c.receiver("web-hooks").orElseThrow().webhookConfigs().get(0).urlFile())
                .isEqualTo("/etc/vigil/webhook-url");
        assertThat(c.receiver("blackhole").orElseThrow().webhookConfigs()).isEmpty();
        DiscordConfig discord =
                c.receiver("chat").orElseThrow().discordConfigs().get(0);
        assertThat(discord.webhookUrl()).isEqualTo("https://discord.example.com/api/webhooks/1/x");
        assertThat(discord.sendResolved()).isFalse();
        assertThat(discord.title()).isEqualTo(DiscordConfig.DEFAULT_TITLE);
        assertThat(discord.message()).isEqualTo(DiscordConfig.DEFAULT_MESSAGE);

        assertThat(c.inhibitRules()).hasSize(2);
        assertThat(c.inhibitRules().get(1).sourceMatchers()).containsExactly(Matcher.equal("alertname", "NodeDown"));
        assertThat(c.inhibitRules().get(1).targetMatchers()).containsExactly(Matcher.regex("alertname", "Node.+"));

        TimeIntervalConfig business = c.timeInterval("business-hours").orElseThrow();
        assertThat(business.contains(Instant.parse("2024-03-04T10:00:00Z")))
                .as("Monday 11:00 Berlin")
                .isTrue();
        assertThat(business.contains(Instant.parse("2024-03-04T16:30:00Z")))
                .as("Monday 17:30 Berlin")
                .isFalse();
        assertThat(business.contains(Instant.parse("2024-03-03T10:00:00Z")))
                .as("Sunday")
                .isFalse();
        TimeIntervalConfig nights = c.timeInterval("nights").orElseThrow();
        assertThat(nights.contains(Instant.parse("2024-01-03T23:00:00Z"))).isTrue();
        assertThat(nights.contains(Instant.parse("2024-02-28T23:00:00Z")))
                .as("-3:-1 of a leap February")
                .isTrue();
        assertThat(nights.contains(Instant.parse("2024-02-20T23:00:00Z"))).isFalse();
        assertThat(nights.contains(Instant.parse("2024-12-02T22:00:00Z"))).isTrue();
        assertThat(nights.contains(Instant.parse("2024-06-02T22:00:00Z")))
                .as("June")
                .isFalse();
        assertThat(nights.contains(Instant.parse("2024-01-03T21:59:00Z"))).isFalse();
    }

    @Test
    void minimalFileGetsAlertmanagerDefaults() throws Exception {
        NotificationsConfig c = NotificationsConfigLoader.parse(resource("minimal.good.yml"), "minimal.good.yml");
        assertThat(c.global()).isEqualTo(NotificationGlobal.DEFAULT);
        assertThat(c.route().groupWait()).isEqualTo(PromDuration.ofSeconds(30));
        assertThat(c.route().groupInterval()).isEqualTo(PromDuration.ofMinutes(5));
        assertThat(c.route().repeatInterval()).isEqualTo(PromDuration.ofMinutes(240));
        assertThat(c.route().groupBy()).isEmpty();
        assertThat(c.route().groupByAll()).isFalse();
    }

    @Test
    void theMainConfigTakesANotificationsSection() throws Exception {
        String main = "global:\n  scrape_interval: 15s\nnotifications:\n"
                + resource("minimal.good.yml").lines().map(l -> "  " + l + "\n").reduce("", String::concat);
        VigilConfig config = ConfigLoader.parse(main, "prometheus.yml");
        assertThat(config.notifications())
                .hasValueSatisfying(n -> assertThat(n.route().receiver()).isEqualTo("default"));
        assertThat(ConfigLoader.parse("global:\n  scrape_interval: 15s\n", "p.yml")
                        .notifications())
                .isEmpty();
    }

    @Test
    void errorsInsideTheSectionCarryTheFullKeyPath() {
        String main =
                "notifications:\n  route:\n    receiver: a\n  receivers:\n    - name: a\n      webhok_configs: []\n";
        assertThatThrownBy(() -> ConfigLoader.parse(main, "p.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("p.yml:6:7: notifications.receivers[0].webhok_configs: unknown key \"webhok_configs\""
                        + " (did you mean \"webhook_configs\"?)");
    }

    @Test
    void loadsAStandaloneFileAndRemembersItsDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alertmanager.yml");
        Files.writeString(file, resource("full.good.yml"));
        NotificationsConfig c = NotificationsConfigLoader.load(file);
        assertThat(c.directory()).contains(dir.toAbsolutePath());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("unknown-key", "3:3: route.group_wiat: unknown key \"group_wiat\" (did you mean \"group_wait\"?)"),
                bad("no-route", "1:1: no route provided in config"),
                bad("root-without-receiver", "2:3: route: root route must specify a default receiver"),
                bad("root-with-matchers", "3:13: route.matchers: root route must not have any matchers"),
                bad("undefined-receiver", "4:17: route.routes[0].receiver: undefined receiver \"nope\" used in route"),
                bad(
                        "duplicate-receiver",
                        "5:11: receivers[1].name: notification config name \"a\" is not unique (first at line 4)"),
                bad(
                        "bad-matcher",
                        "4:17: route.routes[0].matchers[0]: bad matcher format \"foo=~\"(\"\": matcher foo=~:"
                                + " invalid regex \"(\": Unclosed group near index 5"),
                bad(
                        "bad-matcher-syntax",
                        "4:17: route.routes[0].matchers[0]: bad matcher format \"foo\": expected an operator (=, !=, =~, !~) after \"foo\""),
                bad(
                        "wildcard-group-by",
                        "3:13: route.group_by: cannot have wildcard group_by (`...`) and other labels at the same time"),
                bad("zero-repeat", "3:20: route.repeat_interval: repeat_interval cannot be zero"),
                bad(
                        "webhook-without-url",
                        "6:9: receivers[0].webhook_configs[0]: one of url or url_file must be configured"),
                bad(
                        "slack-without-url",
                        "6:9: receivers[0].slack_configs[0]: no global Slack API URL set either inline or in a file"),
                bad(
                        "unsupported-integration",
                        "6:7: receivers[0].email_configs: email_configs is not supported by Vigil (supported: webhook_configs, slack_configs, discord_configs)"),
                bad(
                        "undefined-time-interval",
                        "5:28: route.routes[0].mute_time_intervals: undefined time interval \"weekends\" used in route"),
                bad(
                        "bad-time-interval",
                        "10:23: time_intervals[0].time_intervals[0].times[0].end_time: start time cannot be equal or greater than end time",
                        "11:19: time_intervals[0].time_intervals[0].weekdays: invalid value in \"funday\" for weekdays",
                        "12:19: time_intervals[0].time_intervals[0].location: unknown time zone \"Mars/Olympus\""),
                bad(
                        "bad-resolve-timeout",
                        "2:20: global.resolve_timeout: not a valid duration string: \"five\": expected a number at position 1"));
    }

    private static Arguments bad(String name, String... errors) {
        return Arguments.of(name, List.of(errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsBadFilesWithLocatedErrors(String name, List<String> expected) throws IOException {
        String file = name + ".bad.yml";
        String text = resource(file);
        try {
            NotificationsConfigLoader.parse(text, file);
            throw new AssertionError(file + " loaded without errors");
        } catch (ConfigException e) {
            assertThat(e.errors().stream().map(ConfigError::toString).toList())
                    .containsExactlyElementsOf(
                            expected.stream().map(m -> file + ":" + m).toList());
        }
    }

    static Stream<Arguments> matchers() {
        return Stream.of(
                Arguments.of("foo=\"bar\"", List.of(Matcher.equal("foo", "bar"))),
                Arguments.of("foo=bar", List.of(Matcher.equal("foo", "bar"))),
                Arguments.of(" foo != bar baz ", List.of(Matcher.notEqual("foo", "bar baz"))),
                Arguments.of("foo=~\"a|b\"", List.of(Matcher.regex("foo", "a|b"))),
                Arguments.of("foo!~a.*", List.of(Matcher.notRegex("foo", "a.*"))),
                Arguments.of(
                        "{a=\"1\", b=~\"x\\\\.y\"}", List.of(Matcher.equal("a", "1"), Matcher.regex("b", "x\\.y"))),
                Arguments.of(
                        "a=\"with, comma\",b=2", List.of(Matcher.equal("a", "with, comma"), Matcher.equal("b", "2"))),
                Arguments.of("\"odd name\"=\"v\"", List.of(Matcher.equal("odd name", "v"))),
                Arguments.of("foo=\"\"", List.of(Matcher.equal("foo", ""))),
                Arguments.of("a=\"quote\\\"d\"", List.of(Matcher.equal("a", "quote\"d"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchers")
    void parsesAlertmanagerMatchers(String text, List<Matcher> expected) {
        assertThat(AlertmanagerMatchers.parse(text)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"", "foo", "=bar", "{a=b", "a=b}", "a=\"x", "1a=b", "a=b c=\"d\""})
    void rejectsMalformedMatchers(String text) {
        assertThatThrownBy(() -> AlertmanagerMatchers.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad matcher format");
    }
}
