package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.alerting.status.RecordingRuleStatus;
import dev.vigil.alerting.status.RuleGroupStatus;
import dev.vigil.alerting.status.RuleStatus;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.promql.engine.QueryException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording rules, stale markers, rule errors, limits, query offsets and slots of one group. */
class RuleGroupEvaluationTest {
    private static final long STEP = 10_000;

    @TempDir
    Path dir;

    private RuleHarness h;
    private long zero;

    @BeforeEach
    void setUp() {
        h = new RuleHarness(dir, Instant.parse("2024-05-01T00:00:00Z"));
        h.start(RuleManagerOptions.DEFAULTS);
    }

    private void load(String yaml) throws Exception {
        h.load(yaml);
        zero = h.firstSlot("g", Duration.ofMillis(STEP));
    }

    private long slot(int k) {
        return zero + k * STEP;
    }

    private void requests(int k, double a1, double a2, double b) {
        h.append(Labels.of("__name__", "requests", "job", "a", "instance", "1"), slot(k), a1);
        h.append(Labels.of("__name__", "requests", "job", "a", "instance", "2"), slot(k), a2);
        h.append(Labels.of("__name__", "requests", "job", "b", "instance", "1"), slot(k), b);
    }

    private RuleStatus rule(int i) {
        return h.manager.groups().get(0).rules().get(i);
    }

    private static final String RECORDING =
            """
            groups:
              - name: g
                interval: 10s
                labels:
                  team: infra
                rules:
                  - record: job:requests:sum
                    expr: sum by (job) (requests)
                    labels:
                      source: rule
                  - record: job:requests:doubled
                    expr: job:requests:sum * 2
                  - alert: Doubled
                    expr: job:requests:doubled > 100
            """;

    @Test
    void recordingRulesWriteSeriesThatLaterRulesSeeInTheSameEvaluation() throws Exception {
        load(RECORDING);
        requests(0, 10, 20, 40);
        requests(1, 10, 20, 60);
        h.advanceTo(slot(0));

        Labels sumA = Labels.of("__name__", "job:requests:sum", "job", "a", "source", "rule", "team", "infra");
        Labels doubledA =
                sumA.toBuilder().set("__name__", "job:requests:doubled").labels();
        assertThat(values(Matcher.equal("__name__", "job:requests:sum"), Matcher.equal("job", "a")))
                .isEqualTo(Map.of(sumA, List.of(slot(0) + "=30.0")));
        assertThat(values(Matcher.equal("__name__", "job:requests:doubled"), Matcher.equal("job", "a")))
                .as("the second rule read the first rule's result of the same evaluation")
                .isEqualTo(Map.of(doubledA, List.of(slot(0) + "=60.0")));
        assertThat(((AlertingRuleStatus) rule(2)).state()).isEqualTo("inactive");

        h.advanceTo(slot(1));
        assertThat(((AlertingRuleStatus) rule(2)).alerts()).singleElement().satisfies(a -> assertThat(a.labels())
                .isEqualTo(Labels.of("alertname", "Doubled", "job", "b", "source", "rule", "team", "infra")));
        RecordingRuleStatus recording = (RecordingRuleStatus) rule(0);
        assertThat(recording.health()).isEqualTo("ok");
        assertThat(recording.query()).isEqualTo("sum by (job) (requests)");
        assertThat(recording.labels()).isEqualTo(Labels.of("source", "rule", "team", "infra"));
        assertThat(recording.lastEvaluation()).contains(Instant.ofEpochMilli(slot(1)));
        assertThat(h.metrics
                        .evaluations
                        .labels(h.manager.groups().get(0).file() + ";g")
                        .get())
                .isEqualTo(6);
    }

    @Test
    void aSeriesARuleStopsProducingGetsAStaleMarker() throws Exception {
        load(RECORDING);
        requests(0, 10, 20, 40);
        h.advanceTo(slot(0));
        // Job b's target disappears: its series is marked stale, as a scrape would.
        h.append(Labels.of("__name__", "requests", "job", "a", "instance", "1"), slot(1), 10);
        h.append(Labels.of("__name__", "requests", "job", "a", "instance", "2"), slot(1), 20);
        h.append(Labels.of("__name__", "requests", "job", "b", "instance", "1"), slot(1), StaleMarker.STALE_NAN);
        h.advanceTo(slot(1));

        assertThat(values(Matcher.equal("__name__", "job:requests:sum"), Matcher.equal("job", "b")))
                .containsValue(List.of(slot(0) + "=40.0", slot(1) + "=stale"));
        assertThat(values(Matcher.equal("__name__", "job:requests:doubled"), Matcher.equal("job", "b")))
                .containsValue(List.of(slot(0) + "=80.0", slot(1) + "=stale"));
        assertThat(values(Matcher.equal("__name__", "job:requests:sum"), Matcher.equal("job", "a")))
                .containsValue(List.of(slot(0) + "=30.0", slot(1) + "=30.0"));
    }

    @Test
    void limitsDuplicatesAndQueryErrorsMakeTheRuleUnhealthyAndWriteNothing() throws Exception {
        h.query = failingOn("boom", h.query);
        load(
                """
                groups:
                  - name: g
                    interval: 10s
                    limit: 1
                    rules:
                      - record: too_many
                        expr: requests
                      - record: collides
                        expr: requests{job="a"}
                        labels:
                          instance: same
                      - alert: Collides
                        expr: requests{job="a"}
                        labels:
                          instance: same
                      - record: broken
                        expr: boom
                      - alert: TooManyAlerts
                        expr: requests > 0
                """);
        requests(0, 1, 2, 3);
        h.advanceTo(slot(0));
        assertThat(errors())
                .containsExactly(
                        "err: exceeded limit of 1 with 3 series",
                        "err: vector contains metrics with the same labelset after applying rule labels",
                        "err: vector contains metrics with the same labelset after applying alert labels",
                        "err: boom",
                        "err: exceeded limit of 1 with 3 alerts");
        assertThat(h.read(Matcher.regex("__name__", "too_many|collides|broken|ALERTS")))
                .isEmpty();
        assertThat(h.metrics
                        .evaluationFailures
                        .labels(dir.resolve("rules.yml") + ";g")
                        .get())
                .isEqualTo(5);
        assertThat(h.sent()).isEmpty();
    }

    @Test
    void queryOffsetShiftsQueriesAndSamplesBack() throws Exception {
        load(
                """
                groups:
                  - name: g
                    interval: 10s
                    query_offset: 20s
                    rules:
                      - record: job:requests:sum
                        expr: sum by (job) (requests)
                """);
        requests(-2, 1, 1, 1);
        requests(0, 5, 5, 5);
        h.advanceTo(slot(0));
        assertThat(values(Matcher.equal("__name__", "job:requests:sum"), Matcher.equal("job", "a")))
                .containsValue(List.of(slot(-2) + "=2.0"));
        assertThat(h.manager.groups().get(0).queryOffsetSeconds()).isEqualTo(20.0);
    }

    @Test
    void evaluatesOnDeterministicSlotsAndCountsMissedIterations() throws Exception {
        load(RECORDING);
        requests(0, 1, 1, 1);
        long offset = GroupSchedule.offsetMs(dir.resolve("rules.yml").toString(), "g", STEP);
        assertThat(offset).isBetween(0L, STEP - 1);
        assertThat(Math.floorMod(zero - offset, STEP)).isZero();
        h.advanceTo(slot(0));
        assertThat(h.manager.groups().get(0).lastEvaluation()).contains(Instant.ofEpochMilli(slot(0)));

        // The next evaluation takes 25s: slot 2 is missed and slot 3 runs late, as soon as slot 1 ends.
        RuleQueryFunction real = h.query;
        boolean[] slow = {true};
        h.query = (expr, t) -> {
            if (slow[0]) {
                slow[0] = false;
                h.clock.advance(Duration.ofSeconds(25));
            }
            return real.query(expr, t);
        };
        h.advanceTo(slot(1));
        String key = dir.resolve("rules.yml") + ";g";
        assertThat(h.metrics.iterationsMissed.labels(key).get()).isEqualTo(1);
        assertThat(h.manager.groups().get(0).lastEvaluation()).contains(Instant.ofEpochMilli(slot(1)));
        h.advanceTo(slot(4));
        assertThat(h.metrics.iterationsTotal.labels(key).get())
                .as("slots 0..4 all counted")
                .isEqualTo(5);
        assertThat(values(Matcher.equal("__name__", "job:requests:sum"), Matcher.equal("job", "a"))
                        .values())
                .singleElement()
                .satisfies(v -> assertThat(v)
                        .extracting(s -> Long.parseLong(s.split("=")[0]))
                        .as("slot 2 was skipped, slot 3 ran late, slot 4 on time")
                        .containsExactly(slot(0), slot(1), slot(3), slot(4)));
    }

    @Test
    void groupStatusHasPrometheusFields() throws Exception {
        load(RECORDING);
        RuleGroupStatus before = h.manager.groups().get(0);
        assertThat(before.lastEvaluation()).isEmpty();
        assertThat(before.rules()).extracting(RuleStatus::health).containsOnly("unknown");
        assertThat(((AlertingRuleStatus) before.rules().get(2)).state()).isEqualTo("unknown");
        assertThat(before.rules()).extracting(RuleStatus::type).containsExactly("recording", "recording", "alerting");
        assertThat(before.file()).isEqualTo(dir.resolve("rules.yml").toString());
        assertThat(before.intervalSeconds()).isEqualTo(10.0);
        assertThat(before.limit()).isZero();
    }

    private static RuleQueryFunction failingOn(String metric, RuleQueryFunction delegate) {
        return (expr, t) -> {
            if (expr.equals(metric)) {
                throw new QueryException(metric);
            }
            return delegate.query(expr, t);
        };
    }

    private List<String> errors() {
        return h.manager.groups().get(0).rules().stream()
                .map(r -> r.health() + ": " + r.lastError())
                .toList();
    }

    /** Samples as "t=v" ("stale" for stale markers), by series. */
    private Map<Labels, List<String>> values(Matcher... matchers) {
        Map<Labels, List<String>> out = new java.util.LinkedHashMap<>();
        h.read(matchers)
                .forEach((labels, samples) -> out.put(
                        labels,
                        samples.stream()
                                .map(s -> (long) s[0] + "=" + (StaleMarker.isStaleNaN(s[1]) ? "stale" : s[1]))
                                .toList()));
        return out;
    }
}
