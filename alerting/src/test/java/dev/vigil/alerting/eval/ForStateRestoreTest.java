package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restoring the {@code for} state after a restart from {@code ALERTS_FOR_STATE}, with Prometheus's defaults: outage
 * tolerance 1h, grace period 10m. The alert has {@code for: 20m} and the group a 1m interval; Vigil runs from minute 0,
 * stops after minute {@code stopAt}, is down for {@code downMinutes}, and restarts.
 */
class ForStateRestoreTest {
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private RuleHarness h;
    private long zero;

    private static final String RULES =
            """
            groups:
              - name: g
                interval: 1m
                rules:
                  - alert: Stuck
                    expr: x > 10
                    for: %s
            """;

    private void runFirstLife(String forDuration, int stopAt) throws Exception {
        h = new RuleHarness(dir, Instant.parse("2024-05-01T00:00:30Z"));
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(RULES.formatted(forDuration));
        zero = h.firstSlot("g", Duration.ofMinutes(1));
        for (int m = 0; m < 4 * 60; m++) {
            h.append(Labels.of("__name__", "x"), zero + m * MINUTE, 20);
        }
        h.advanceTo(zero + stopAt * MINUTE);
        h.manager.close();
    }

    /** Restarts with a new manager on the same storage after {@code downMinutes} without evaluations. */
    private void restart(String forDuration, int stopAt, int downMinutes) throws Exception {
        h.advanceTo(zero + (stopAt + downMinutes) * MINUTE - 1);
        h.clearSent();
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(RULES.formatted(forDuration));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Restarted at minute stop+down; the restore follows the second evaluation, at minute stop+down+1.
                // Pending 8m of 20m, down 5m: resumes with 12m left counted from the restore (minute 14).
                Arguments.of(8, 5, 6, 26),
                // Pending 15m, down 5m: 5m left is less than the grace period, so it fires 10m after the restore.
                Arguments.of(15, 5, 11, 31),
                // Firing (22m) when stopped, down 10m: it fires again at the first evaluation after the restore.
                Arguments.of(22, 10, 0, 34),
                // Down longer than the outage tolerance: nothing is restored; a full `for` from the restart.
                Arguments.of(8, 70, 78, 98));
    }

    @ParameterizedTest(name = "stopped at minute {0}, down {1}m -> active since minute {2}, fires at minute {3}")
    @MethodSource("cases")
    void restoresForState(int stopAt, int downMinutes, int restoredActiveAt, int firesAt) throws Exception {
        runFirstLife("20m", stopAt);
        restart("20m", stopAt, downMinutes);
        int restoreAt = stopAt + downMinutes + 1;
        h.advanceTo(zero + restoreAt * MINUTE);
        AlertingRuleStatus rule =
                (AlertingRuleStatus) h.manager.groups().get(0).rules().get(0);
        // ALERTS_FOR_STATE keeps whole seconds, so a restored time may lose its milliseconds.
        assertThat(rule.alerts().get(0).activeAt().getEpochSecond())
                .isEqualTo(
                        Instant.ofEpochMilli(zero + restoredActiveAt * MINUTE).getEpochSecond());

        h.advanceTo(zero + (firesAt - 1) * MINUTE);
        assertThat(h.sent()).isEmpty();
        h.advanceTo(zero + firesAt * MINUTE);
        assertThat(h.sent()).singleElement().satisfies(s -> assertThat(s.alert().startsAt())
                .isEqualTo(Instant.ofEpochMilli(zero + firesAt * MINUTE)));
    }

    @Test
    void alertsSeriesAreWrittenOnlyOnceTheStateIsRestored() throws Exception {
        runFirstLife("20m", 5);
        restart("20m", 5, 5);
        h.advanceTo(zero + 13 * MINUTE);
        List<double[]> samples =
                h.read(Matcher.equal("__name__", "ALERTS")).values().iterator().next();
        // Minutes 2..5 from the first life (none at 0 and 1 before its restore); none at 10 and 11 after the restart.
        assertThat(samples.stream()
                        .mapToLong(s -> ((long) s[0] - zero) / MINUTE)
                        .boxed())
                .containsExactly(2L, 3L, 4L, 5L, 12L, 13L);
    }

    @Test
    void rulesWithForShorterThanTheGracePeriodAreNotRestored() throws Exception {
        runFirstLife("5m", 3);
        restart("5m", 3, 1);
        // Restarted at minute 4: a new alert pending from minute 4, firing 5m later.
        h.advanceTo(zero + 8 * MINUTE);
        assertThat(h.sent()).isEmpty();
        h.advanceTo(zero + 9 * MINUTE);
        assertThat(h.sent()).hasSize(1);
    }
}
