package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.alerting.status.RuleGroupStatus;
import dev.vigil.config.core.ConfigException;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.sample.StaleMarker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading rules: unchanged groups keep running, changed ones carry state over, removed ones go stale. */
class RuleReloadTest {
    private static final long STEP = 30_000;

    @TempDir
    Path dir;

    private RuleHarness h;
    private long zero;

    private static final String GROUP =
            """
            groups:
              - name: g
                interval: 30s
                rules:
                  - record: x:doubled
                    expr: x * 2
                  - alert: XHigh
                    expr: x > 10
                    for: 2m
                    annotations:
                      summary: %s
            """;

    @BeforeEach
    void setUp() throws Exception {
        h = new RuleHarness(dir, Instant.parse("2024-05-01T00:00:00Z"));
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(Duration.ofMinutes(1), Map.of("rules.yml", GROUP.formatted("first")));
        zero = h.firstSlot("g", Duration.ofMillis(STEP));
        for (int k = 0; k < 40; k++) {
            h.append(Labels.of("__name__", "x"), zero + k * STEP, 20);
        }
    }

    private long slot(int k) {
        return zero + k * STEP;
    }

    private RuleGroupStatus group(String name) {
        return h.manager.groups().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private AlertingRuleStatus alerting() {
        return (AlertingRuleStatus) group("g").rules().get(1);
    }

    private List<String> doubled() {
        return h.read(Matcher.equal("__name__", "x:doubled")).values().iterator().next().stream()
                .map(s -> ((long) s[0] - zero) / STEP + (StaleMarker.isStaleNaN(s[1]) ? "=stale" : "=" + s[1]))
                .toList();
    }

    @Test
    void unchangedGroupKeepsRunningWithItsState() throws Exception {
        h.advanceTo(slot(2));
        RuleGroupStatus before = h.manager.groups().get(0);
        h.load(
                Duration.ofMinutes(1),
                Map.of(
                        "rules.yml",
                        GROUP.formatted("first"),
                        "more.yml",
                        """
                groups:
                  - name: other
                    rules:
                      - record: y
                        expr: vector(1)
                """));
        assertThat(h.manager.groups()).hasSize(2);
        assertThat(group("g").lastEvaluation()).isEqualTo(before.lastEvaluation());
        assertThat(alerting().health())
                .as("the same running rule, not a replacement")
                .isEqualTo("ok");
        h.advanceTo(slot(3));
        assertThat(alerting().alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(slot(0)));
        h.advanceTo(slot(4));
        assertThat(alerting().state()).isEqualTo("firing");
        assertThat(doubled()).containsExactly("0=40.0", "1=40.0", "2=40.0", "3=40.0", "4=40.0");
    }

    @Test
    void changedGroupTakesOverAlertsAndSeries() throws Exception {
        h.advanceTo(slot(2));
        h.load(Duration.ofMinutes(1), Map.of("rules.yml", GROUP.formatted("second")));
        assertThat(alerting().health()).as("a new rule, not evaluated yet").isEqualTo("unknown");
        h.advanceTo(slot(3));
        AlertingRuleStatus rule = alerting();
        assertThat(rule.alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(slot(0)));
        assertThat(rule.alerts().get(0).annotations()).containsEntry("summary", "second");
        h.advanceTo(slot(4));
        assertThat(h.sent()).singleElement().satisfies(s -> assertThat(s.atMs()).isEqualTo(slot(4)));
    }

    @Test
    void aRuleRemovedFromAGroupIsMarkedStaleAtTheGroupsNextEvaluation() throws Exception {
        h.advanceTo(slot(2));
        h.load(
                Duration.ofMinutes(1),
                Map.of(
                        "rules.yml",
                        """
                groups:
                  - name: g
                    interval: 30s
                    rules:
                      - alert: XHigh
                        expr: x > 10
                        for: 2m
                        annotations:
                          summary: first
                """));
        h.advanceTo(slot(3));
        assertThat(doubled()).containsExactly("0=40.0", "1=40.0", "2=40.0", "3=stale");
        assertThat(alerting0().alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(slot(0)));
    }

    private AlertingRuleStatus alerting0() {
        return (AlertingRuleStatus) h.manager.groups().get(0).rules().get(0);
    }

    @Test
    void aRemovedGroupsSeriesGoStaleTwoIntervalsLaterAtTheRemovalTime() throws Exception {
        h.advanceTo(slot(2) + 5_000);
        h.load(Duration.ofMinutes(1), Map.of("rules.yml", "groups: []\n"));
        assertThat(h.manager.groups()).isEmpty();
        h.advanceTo(slot(4));
        assertThat(doubled()).containsExactly("0=40.0", "1=40.0", "2=40.0");
        h.advanceTo(slot(4) + 5_000);
        List<double[]> samples = h.read(Matcher.equal("__name__", "x:doubled"))
                .values()
                .iterator()
                .next();
        double[] last = samples.get(samples.size() - 1);
        assertThat(StaleMarker.isStaleNaN(last[1])).isTrue();
        assertThat((long) last[0]).isEqualTo(slot(2) + 5_000);
        assertThat(h.read(Matcher.equal("__name__", "ALERTS")).values())
                .allSatisfy(s -> assertThat(StaleMarker.isStaleNaN(s.get(s.size() - 1)[1]))
                        .isTrue());
    }

    @Test
    void aReloadThatFailsChangesNothing() throws Exception {
        h.advanceTo(slot(1));
        assertThatThrownBy(
                        () -> h.load(
                                Duration.ofMinutes(1),
                                Map.of(
                                        "rules.yml",
                                        """
                        groups:
                          - name: g
                            rules:
                              - record: broken
                                expr: sum(
                        """)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("could not parse expression");
        h.advanceTo(slot(4));
        assertThat(alerting().state()).isEqualTo("firing");
        assertThat(doubled()).hasSize(5);
    }

    @Test
    void closingDropsPendingStaleMarksAndStopsEvaluating() throws Exception {
        h.advanceTo(slot(1));
        h.load(Duration.ofMinutes(1), Map.of("rules.yml", "groups: []\n"));
        h.manager.close();
        h.advanceTo(slot(6));
        assertThat(doubled()).containsExactly("0=40.0", "1=40.0");
    }
}
