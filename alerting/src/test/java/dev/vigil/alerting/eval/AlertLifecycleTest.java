package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.model.labels.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert state machine on a manual clock: pending → firing at exactly {@code for}, flapping, keep_firing_for. */
class AlertLifecycleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Labels X = Labels.of("__name__", "x", "instance", "a");

    @TempDir
    Path dir;

    private RuleHarness h;
    private long zero;

    private void start(String forDuration, String keepFiringFor, double... perSlot) throws Exception {
        h = new RuleHarness(dir, Instant.parse("2024-05-01T00:00:00Z"));
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(
                """
                groups:
                  - name: g
                    interval: 30s
                    rules:
                      - alert: XHigh
                        expr: x > 10
                        for: %s
                        keep_firing_for: %s
                        labels:
                          severity: warning
                        annotations:
                          summary: "{{ $labels.instance }} is at {{ $value }}"
                """
                        .formatted(forDuration, keepFiringFor));
        zero = h.firstSlot("g", INTERVAL);
        for (int i = 0; i < perSlot.length; i++) {
            h.append(X, zero + i * INTERVAL.toMillis(), perSlot[i]);
        }
    }

    private long slot(int k) {
        return zero + k * INTERVAL.toMillis();
    }

    /** Each send as "slot state startSlot..endSlot" (end in seconds after zero for firing alerts). */
    private List<String> sends() {
        List<String> out = new ArrayList<>();
        for (RuleHarness.Sent s : h.sent()) {
            boolean resolved = s.alert().isResolvedAt(Instant.ofEpochMilli(s.atMs()));
            out.add((s.atMs() - zero) / 30_000 + (resolved ? " resolved " : " firing ")
                    + (s.alert().startsAt().toEpochMilli() - zero) / 30_000 + ".."
                    + (s.alert().endsAt().orElseThrow().toEpochMilli() - zero) / 1000 + "s");
        }
        return out;
    }

    private AlertingRuleStatus rule() {
        return (AlertingRuleStatus) h.manager.groups().get(0).rules().get(0);
    }

    @Test
    void pendingFiresAtExactlyForAndNotBefore() throws Exception {
        start("2m", "0s", 20, 20, 20, 20, 20, 20);
        h.advanceTo(slot(3) + 29_999);
        assertThat(rule().state()).isEqualTo("pending");
        assertThat(h.sent()).isEmpty();
        h.advanceTo(slot(4));
        assertThat(rule().state()).isEqualTo("firing");
        assertThat(sends()).containsExactly("4 firing 4..360s");
        RuleAlertStatus alert = rule().alerts().get(0);
        assertThat(alert.labels()).isEqualTo(Labels.of("alertname", "XHigh", "instance", "a", "severity", "warning"));
        assertThat(alert.annotations()).containsEntry("summary", "a is at 20");
        assertThat(alert.activeAt()).isEqualTo(Instant.ofEpochMilli(slot(0)));
    }

    @Test
    void zeroForFiresAtOnceAndEachReturnIsANewAlert() throws Exception {
        start("0s", "0s", 20, 5, 20, 20);
        h.advanceTo(slot(3));
        // Fires at 0, resolves at 1 (sent resolved at once), fires again at 2 as a new alert with a new start.
        assertThat(sends()).containsExactly("0 firing 0..240s", "1 resolved 0..30s", "2 firing 2..300s");
    }

    @Test
    void flappingBelowForNeverFiresAndRestartsPendingEachTime() throws Exception {
        start("1m", "0s", 20, 20, 5, 20, 5, 20, 20, 20);
        h.advanceTo(slot(1));
        assertThat(rule().alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(slot(0)));
        h.advanceTo(slot(2));
        assertThat(rule().state())
                .as("a pending alert that disappears is dropped")
                .isEqualTo("inactive");
        h.advanceTo(slot(3));
        assertThat(rule().alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(slot(3)));
        h.advanceTo(slot(6));
        assertThat(h.sent()).as("pending alerts are never sent").isEmpty();
        h.advanceTo(slot(7));
        assertThat(sends()).containsExactly("7 firing 7..450s");
        assertThat(rule().alerts().get(0).activeAt()).isEqualTo(Instant.ofEpochMilli(slot(5)));
    }

    @Test
    void keepFiringForHoldsTheAlertAfterTheConditionClears() throws Exception {
        start("0s", "2m", 20, 20, 20, 5, 5, 5, 5, 5, 5, 5);
        h.advanceTo(slot(3));
        assertThat(rule().state()).isEqualTo("firing");
        assertThat(rule().alerts().get(0).keepFiringSince()).contains(Instant.ofEpochMilli(slot(3)));
        assertThat(rule().alerts().get(0).valueString())
                .as("the value of the last evaluation that returned it")
                .isEqualTo("2e+01");
        h.advanceTo(slot(6));
        assertThat(rule().state())
                .as("still within keep_firing_for (3 slots = 90s < 2m)")
                .isEqualTo("firing");
        h.advanceTo(slot(7));
        assertThat(rule().state()).isEqualTo("inactive");
        assertThat(sends())
                .containsExactly("0 firing 0..240s", "3 firing 0..330s", "6 firing 0..420s", "7 resolved 0..210s");
    }

    @Test
    void returningResultResetsKeepFiringSince() throws Exception {
        start("0s", "2m", 20, 5, 20, 5);
        h.advanceTo(slot(1));
        assertThat(rule().alerts().get(0).keepFiringSince()).isPresent();
        h.advanceTo(slot(2));
        assertThat(rule().alerts().get(0).keepFiringSince()).isEqualTo(Optional.empty());
        h.advanceTo(slot(3));
        assertThat(rule().alerts().get(0).keepFiringSince()).contains(Instant.ofEpochMilli(slot(3)));
    }
}
