package dev.vigil.scraper.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.scraper.discovery.TargetGroup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetBuilderTest {

    private static ScrapeConfig config(String options) {
        String yaml = "scrape_configs:\n  - job_name: app\n    scrape_interval: 15s\n    scrape_timeout: 5s\n"
                + options.indent(4);
        try {
            return ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    private static TargetBuilder.Result build(String options, TargetGroup... groups) {
        return new TargetBuilder(config(options)).build(List.of(groups));
    }

    private static TargetGroup group(Labels groupLabels, Labels... targets) {
        return new TargetGroup("g", List.of(targets), groupLabels);
    }

    private static Target only(TargetBuilder.Result result) {
        assertThat(result.errors()).isEmpty();
        assertThat(result.active()).hasSize(1);
        return result.active().get(0);
    }

    @Test
    void defaultsGiveJobInstanceUrlIntervalAndDiscoveredLabels() {
        Target t = only(build("", group(Labels.EMPTY, Labels.of("__address__", "h:9100", "__meta_x", "m"))));

        assertThat(t.labels()).isEqualTo(Labels.of("instance", "h:9100", "job", "app"));
        assertThat(t.url()).hasToString("http://h:9100/metrics");
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.scrapePool()).isEqualTo("app");
        assertThat(t.discoveredLabels())
                .isEqualTo(Labels.of(
                        "__address__", "h:9100",
                        "__meta_x", "m",
                        "__metrics_path__", "/metrics",
                        "__scheme__", "http",
                        "__scrape_interval__", "15s",
                        "__scrape_timeout__", "5s",
                        "job", "app"));
        assertThat(t.internalLabels().has("__meta_x")).isFalse();
        assertThat(t.lastReport().health()).isEqualTo(TargetHealth.UNKNOWN);
    }

    @Test
    void targetLabelsWinOverGroupLabelsAndPresetInstanceIsKept() {
        Target t = only(build(
                "",
                group(
                        Labels.of("env", "prod", "zone", "a"),
                        Labels.of("__address__", "h:1", "zone", "b", "instance", "web-1"))));

        assertThat(t.labels()).isEqualTo(Labels.of("env", "prod", "instance", "web-1", "job", "app", "zone", "b"));
    }

    @Test
    void relabelingDropsTargetsKeepingTheirDiscoveredLabels() {
        TargetBuilder.Result r = build(
                """
                relabel_configs:
                  - source_labels: [__meta_keep]
                    regex: "true"
                    action: keep
                """,
                group(
                        Labels.EMPTY,
                        Labels.of("__address__", "a:1", "__meta_keep", "true"),
                        Labels.of("__address__", "b:1", "__meta_keep", "false")));

        assertThat(r.active()).extracting(t -> t.labels().get("instance")).containsExactly("a:1");
        assertThat(r.dropped()).hasSize(1);
        assertThat(r.dropped().get(0).get("__address__")).isEqualTo("b:1");
        assertThat(r.dropped().get(0).get("__meta_keep")).isEqualTo("false");
    }

    @Test
    void relabelingShapesSchemePathParamsIntervalAndLabelmap() {
        Target t = only(build(
                """
                params:
                  module: [http_2xx, other]
                  target: [example.com]
                relabel_configs:
                  - target_label: __scheme__
                    replacement: https
                  - target_label: __metrics_path__
                    replacement: probe
                  - source_labels: [__address__]
                    target_label: __param_target
                  - target_label: __scrape_interval__
                    replacement: 1m
                  - target_label: __scrape_timeout__
                    replacement: 30s
                  - regex: __meta_kubernetes_pod_label_(.+)
                    action: labelmap
                """,
                group(
                        Labels.EMPTY,
                        Labels.of("__address__", "blackbox:9115", "__meta_kubernetes_pod_label_app", "x"))));

        assertThat(t.url())
                .hasToString("https://blackbox:9115/probe?module=http_2xx&module=other&target=blackbox%3A9115");
        assertThat(t.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.labels()).isEqualTo(Labels.of("app", "x", "instance", "blackbox:9115", "job", "app"));
    }

    @Test
    void invalidTargetsAreReportedNotScraped() {
        check("- target_label: __address__\n  replacement: ''", "h:1", "no address");
        check("", "h:1/path", "\"h:1/path\" is not a valid hostname");
        check("- target_label: __scrape_interval__\n  replacement: soon", "h:1", "error parsing scrape interval:");
        check("- target_label: __scrape_interval__\n  replacement: 0s", "h:1", "scrape interval cannot be 0");
        check("- target_label: __scrape_timeout__\n  replacement: 0s", "h:1", "scrape timeout cannot be 0");
        check(
                "- target_label: __scrape_timeout__\n  replacement: 20s",
                "h:1",
                "scrape timeout cannot be greater than scrape interval (\"20s\" > \"15s\")");
    }

    private static void check(String relabel, String address, String error) {
        String options = relabel.isEmpty() ? "" : "relabel_configs:\n" + relabel.indent(2);
        TargetBuilder.Result r = build(options, group(Labels.EMPTY, Labels.of("__address__", address)));
        assertThat(r.active()).isEmpty();
        assertThat(r.errors()).singleElement().asString().contains(error).startsWith("instance 0 in group g: ");
    }

    @Test
    void identicalTargetsAreScrapedOnceAndIdentityFollowsLabelsAndUrl() {
        TargetBuilder.Result r = build(
                "",
                group(Labels.EMPTY, Labels.of("__address__", "a:1"), Labels.of("__address__", "a:1")),
                group(Labels.of("env", "x"), Labels.of("__address__", "a:1")));

        assertThat(r.active()).hasSize(2);
        assertThat(r.active().get(0).hash()).isNotEqualTo(r.active().get(1).hash());
        Target again = only(build("", group(Labels.EMPTY, Labels.of("__address__", "a:1"))));
        assertThat(again.hash()).isEqualTo(r.active().get(0).hash());
    }
}
