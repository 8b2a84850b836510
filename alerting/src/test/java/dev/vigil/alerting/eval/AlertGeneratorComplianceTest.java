package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.alerting.status.RuleGroupStatus;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.sample.StaleMarker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "PendingAndFiringAndResolved" case of the Prometheus Alert Generator Compliance Specification 1.0 test suite
 * (github.com/prometheus/compliance, alert_generator/cases), replayed on a manual clock: the same series, rule and
 * timing (samples every 15s, group interval 30s, {@code for} 6m, resend delay 1m), with every alert sent, every
 * {@code ALERTS} sample and the rule's API state compared with what the specification prescribes.
 */
class AlertGeneratorComplianceTest {
    private static final String GROUP = "PendingAndFiringAndResolved";
    private static final String ALERT = GROUP + "_SimpleAlert";
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final long RW = 15_000;

    @TempDir
    Path dir;

    private RuleHarness h;
    private long zero;

    @BeforeEach
    void setUp() throws Exception {
        h = new RuleHarness(dir, Instant.parse("2024-05-01T12:00:07.123Z"));
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(
                """
                groups:
                  - name: %s
                    interval: 30s
                    rules:
                      - alert: %s
                        expr: alert_generator_test_suite{alertname="%s",rulegroup="%s"} > 10
                        for: 6m
                        labels:
                          foo: bar
                          rulegroup: %s
                        annotations:
                          description: SimpleAlert is firing
                          summary: "The value is {{$value}} {{.Value}}"
                """
                        .formatted(GROUP, ALERT, ALERT, GROUP, GROUP));
        // The suite's zero time is when it starts writing samples; here it is the group's first evaluation slot.
        zero = h.firstSlot(GROUP, INTERVAL);
        Labels series = Labels.of("__name__", "alert_generator_test_suite", "alertname", ALERT, "rulegroup", GROUP);
        double[] values = sampleSlice(
                "3", "5", "0x2", "9", "0x3", "11", "0x12", "15", "0x11", "0x20", "19", "0x15", "9", "0x19", "15",
                "0x24", "0x20", "8", "0x15");
        assertThat(values).hasSize(150);
        for (int i = 0; i < values.length; i++) {
            h.append(series, zero + i * RW, values[i]);
        }
    }

    /** The suite's value notation: "V" is a value, "AxB" adds A to the previous value B times. */
    private static double[] sampleSlice(String... notation) {
        List<Double> out = new ArrayList<>();
        double value = 0;
        for (String n : notation) {
            String[] parts = n.split("x");
            if (parts.length == 2) {
                for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
                    value += Double.parseDouble(parts[0]);
                    out.add(value);
                }
            } else {
                value = Double.parseDouble(n);
                out.add(value);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private long at(int seconds) {
        return zero + seconds * 1000L;
    }

    @Test
    void sendsFiringAndResolvedAlertsAsTheSpecificationPrescribes() {
        h.advanceTo(at(3000));

        // Each line: seconds after zero when sent, state, startsAt, endsAt (seconds after zero), $value.
        // Firing: first at FiredAt (8m = 32nd sample); re-sent when more than the resend delay (1m) passed since
        // the last send, i.e. at the first evaluation after it (every 90s with a 30s interval), endsAt = evaluation
        // time + 4 x max(resend delay, interval). Resolved: at ResolvedAt (69th sample, seen at 1050s) with
        // endsAt = ResolvedAt, re-sent likewise until the alert is active again (89th sample) or 15m passed.
        List<String> expected = List.of(
                "480 firing 480..720 15",
                "570 firing 480..810 15",
                "660 firing 480..900 15",
                "750 firing 480..990 15",
                "840 firing 480..1080 19",
                "930 firing 480..1170 19",
                "1020 firing 480..1260 19",
                "1050 resolved 480..1050 19",
                "1140 resolved 480..1050 19",
                "1230 resolved 480..1050 19",
                "1320 resolved 480..1050 19",
                "1710 firing 1710..1950 15",
                "1800 firing 1710..2040 15",
                "1890 firing 1710..2130 15",
                "1980 firing 1710..2220 15",
                "2010 resolved 1710..2010 15",
                "2100 resolved 1710..2010 15",
                "2190 resolved 1710..2010 15",
                "2280 resolved 1710..2010 15",
                "2370 resolved 1710..2010 15",
                "2460 resolved 1710..2010 15",
                "2550 resolved 1710..2010 15",
                "2640 resolved 1710..2010 15",
                "2730 resolved 1710..2010 15",
                "2820 resolved 1710..2010 15",
                "2910 resolved 1710..2010 15");
        List<String> actual = new ArrayList<>();
        for (RuleHarness.Sent s : h.sent()) {
            var a = s.alert();
            assertThat(a.labels()).isEqualTo(Labels.of("alertname", ALERT, "foo", "bar", "rulegroup", GROUP));
            assertThat(a.annotations()).containsEntry("description", "SimpleAlert is firing");
            assertThat(a.generatorURL())
                    .startsWith("http://vigil.example:9090/graph?g0.expr=alert_generator_test_suite%7B")
                    .endsWith("&g0.tab=1");
            String value =
                    a.annotations().get("summary").replace("The value is ", "").split(" ")[0];
            assertThat(a.annotations().get("summary")).isEqualTo("The value is " + value + " " + value);
            actual.add(rel(s.atMs()) + " " + (a.isResolvedAt(Instant.ofEpochMilli(s.atMs())) ? "resolved" : "firing")
                    + " " + rel(a.startsAt().toEpochMilli()) + ".."
                    + rel(a.endsAt().orElseThrow().toEpochMilli())
                    + " " + value);
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private String rel(long ms) {
        return Long.toString((ms - zero) / 1000);
    }

    @Test
    void rulesApiShowsPendingThenFiringWithChangingAnnotations() {
        h.advanceTo(at(90));
        AlertingRuleStatus rule = alertingRule();
        assertThat(rule.state()).isEqualTo("inactive");
        assertThat(rule.alerts()).isEmpty();
        assertThat(rule.health()).isEqualTo("ok");
        assertThat(rule.query())
                .isEqualTo("alert_generator_test_suite{alertname=\"" + ALERT + "\",rulegroup=\"" + GROUP + "\"} > 10");
        assertThat(rule.durationSeconds()).isEqualTo(360.0);
        assertThat(rule.annotations()).containsEntry("summary", "The value is {{$value}} {{.Value}}");

        h.advanceTo(at(120));
        rule = alertingRule();
        assertThat(rule.state()).isEqualTo("pending");
        RuleAlertStatus pending = rule.alerts().get(0);
        assertThat(pending.state()).isEqualTo("pending");
        assertThat(pending.activeAt()).isEqualTo(Instant.ofEpochMilli(at(120)));
        assertThat(pending.valueString()).isEqualTo("1.1e+01");
        assertThat(pending.annotations()).containsEntry("summary", "The value is 11 11");

        h.advanceTo(at(330));
        assertThat(alertingRule().alerts().get(0).annotations()).containsEntry("summary", "The value is 15 15");
        h.advanceTo(at(480));
        rule = alertingRule();
        assertThat(rule.state()).isEqualTo("firing");
        assertThat(rule.alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(at(120)));
        assertThat(h.manager.alerts()).singleElement().satisfies(a -> assertThat(a.state())
                .isEqualTo("firing"));

        h.advanceTo(at(1050));
        rule = alertingRule();
        assertThat(rule.state())
                .as("the resolved alert is kept for re-sending but not listed")
                .isEqualTo("inactive");
        assertThat(rule.alerts()).isEmpty();
        assertThat(h.manager.alerts()).isEmpty();

        h.advanceTo(at(1350));
        assertThat(alertingRule().alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(at(1350)));

        RuleGroupStatus group = h.manager.groups().get(0);
        assertThat(group.name()).isEqualTo(GROUP);
        assertThat(group.intervalSeconds()).isEqualTo(30.0);
        assertThat(group.lastEvaluation()).contains(Instant.ofEpochMilli(at(1350)));
    }

    @Test
    void writesAlertsSeriesForPendingAndFiringAlertsAtEvaluationTime() {
        h.advanceTo(at(1400));
        Map<Labels, List<double[]>> alerts = h.read(Matcher.equal("__name__", "ALERTS"));
        Labels pending = Labels.of(
                "__name__", "ALERTS", "alertname", ALERT, "alertstate", "pending", "foo", "bar", "rulegroup", GROUP);
        Labels firing = pending.toBuilder().set("alertstate", "firing").labels();
        assertThat(alerts).containsOnlyKeys(pending, firing);
        // Pending from 120s until it fires at 480s (stale there), and again from 1350s.
        assertThat(times(alerts.get(pending), 1.0))
                .containsExactlyElementsOf(concat(range(120, 450), range(1350, 1380)));
        assertThat(staleAt(alerts.get(pending))).containsExactly(480L);
        assertThat(times(alerts.get(firing), 1.0)).containsExactlyElementsOf(range(480, 1020));
        assertThat(staleAt(alerts.get(firing))).containsExactly(1050L);

        Map<Labels, List<double[]>> forState = h.read(Matcher.equal("__name__", "ALERTS_FOR_STATE"));
        Labels forSeries =
                Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", ALERT, "foo", "bar", "rulegroup", GROUP);
        assertThat(forState).containsOnlyKeys(forSeries);
        assertThat(forState.get(forSeries).get(0)[1]).isEqualTo(Math.floorDiv(at(120), 1000L));
        assertThat(forState.get(forSeries).get(forState.get(forSeries).size() - 1)[1])
                .isEqualTo(Math.floorDiv(at(1350), 1000L));
    }

    private AlertingRuleStatus alertingRule() {
        return (AlertingRuleStatus) h.manager.groups().get(0).rules().get(0);
    }

    private List<Long> times(List<double[]> samples, double value) {
        List<Long> out = new ArrayList<>();
        for (double[] s : samples) {
            if (s[1] == value) {
                out.add(((long) s[0] - zero) / 1000);
            }
        }
        return out;
    }

    private List<Long> staleAt(List<double[]> samples) {
        List<Long> out = new ArrayList<>();
        for (double[] s : samples) {
            if (StaleMarker.isStaleNaN(s[1])) {
                out.add(((long) s[0] - zero) / 1000);
            }
        }
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= to; t += 30) {
            out.add(t);
        }
        return out;
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
