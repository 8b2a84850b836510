package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilencesTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final ManualScheduler clock = new ManualScheduler(T0);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Silences silences = new Silences(store, clock, Duration.ofHours(120));

    private static Silence.Spec spec(Instant start, Instant end, Matcher... matchers) {
        return new Silence.Spec(List.of(matchers), start, end, "alice", "deploy");
    }

    @Test
    void followsPendingActiveExpiredStates() throws Exception {
        String id = silences.create(spec(T0.plusSeconds(60), T0.plusSeconds(120), Matcher.equal("job", "api")));
        Labels api = Labels.of("job", "api");
        assertThat(silences.get(id).orElseThrow().state(clock.now())).isEqualTo(SilenceState.PENDING);
        assertThat(silences.mutedBy(api, clock.now())).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(silences.get(id).orElseThrow().state(clock.now())).isEqualTo(SilenceState.ACTIVE);
        assertThat(silences.mutedBy(api, clock.now())).containsExactly(id);
        assertThat(silences.mutedBy(Labels.of("job", "web"), clock.now())).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(silences.get(id).orElseThrow().state(clock.now())).isEqualTo(SilenceState.EXPIRED);
        assertThat(silences.mutedBy(api, clock.now())).isEmpty();
    }

    @Test
    void startInThePastBecomesNow() throws Exception {
        String id = silences.create(spec(T0.minusSeconds(3600), T0.plusSeconds(60), Matcher.equal("a", "b")));
        assertThat(silences.get(id).orElseThrow().startsAt()).isEqualTo(T0);
    }

    @Test
    void updatesInPlaceOrReplacesLikeAlertmanager() throws Exception {
        String id = silences.create(spec(T0, T0.plusSeconds(600), Matcher.equal("a", "b")));
        clock.advance(Duration.ofSeconds(10));
        // Active: extending the end keeps the id.
        assertThat(silences.update(id, spec(T0, T0.plusSeconds(900), Matcher.equal("a", "b"))))
                .isEqualTo(id);
        assertThat(silences.get(id).orElseThrow().endsAt()).isEqualTo(T0.plusSeconds(900));
        // Active: changing matchers expires the old one and creates a new one.
        String replacement = silences.update(id, spec(T0, T0.plusSeconds(900), Matcher.equal("a", "c")));
        assertThat(replacement).isNotEqualTo(id);
        assertThat(silences.get(id).orElseThrow().state(clock.now())).isEqualTo(SilenceState.EXPIRED);
        assertThat(silences.get(replacement).orElseThrow().matchers()).containsExactly(Matcher.equal("a", "c"));
        // Pending silences change their times in place; other changes replace them.
        String pending = silences.create(spec(T0.plusSeconds(3600), T0.plusSeconds(7200), Matcher.equal("x", "y")));
        assertThat(silences.update(pending, spec(T0.plusSeconds(1800), T0.plusSeconds(7200), Matcher.equal("x", "y"))))
                .isEqualTo(pending);
        assertThat(silences.get(pending).orElseThrow().startsAt()).isEqualTo(T0.plusSeconds(1800));
        String newPending =
                silences.update(pending, spec(T0.plusSeconds(1800), T0.plusSeconds(7200), Matcher.equal("x", "z")));
        assertThat(newPending).isNotEqualTo(pending);
        assertThat(silences.get(pending).orElseThrow().state(clock.now())).isEqualTo(SilenceState.EXPIRED);
        assertThatThrownBy(() -> silences.update("nope", spec(T0, T0.plusSeconds(1), Matcher.equal("a", "b"))))
                .isInstanceOf(SilenceException.class)
                .hasMessage("silence nope not found")
                .matches(e -> ((SilenceException) e).isNotFound());
    }

    @Test
    void expiresActiveAndPendingSilences() throws Exception {
        String active = silences.create(spec(T0, T0.plusSeconds(600), Matcher.equal("a", "b")));
        String pending = silences.create(spec(T0.plusSeconds(60), T0.plusSeconds(600), Matcher.equal("a", "b")));
        clock.advance(Duration.ofSeconds(5));
        silences.expire(active);
        silences.expire(pending);
        assertThat(silences.get(active).orElseThrow().endsAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(silences.get(pending).orElseThrow().startsAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(silences.get(pending).orElseThrow().state(clock.now())).isEqualTo(SilenceState.EXPIRED);
        assertThatThrownBy(() -> silences.expire(active)).hasMessage("silence " + active + " already expired");
    }

    @Test
    void validatesRequests() {
        assertThatThrownBy(() -> silences.create(spec(T0, T0.plusSeconds(1))))
                .hasMessage("at least one matcher required");
        assertThatThrownBy(() -> silences.create(spec(T0, T0.plusSeconds(1), Matcher.regex("a", ".*"))))
                .hasMessage("at least one matcher must not match the empty string");
        assertThatThrownBy(() -> silences.create(spec(T0.plusSeconds(5), T0.plusSeconds(1), Matcher.equal("a", "b"))))
                .hasMessage("start time must be before end time");
        assertThatThrownBy(() -> silences.create(spec(T0.minusSeconds(5), T0.minusSeconds(1), Matcher.equal("a", "b"))))
                .hasMessage("end time can't be in the past");
        assertThatThrownBy(() -> silences.create(
                        new Silence.Spec(List.of(Matcher.equal("a", "b")), T0, T0.plusSeconds(1), "", "c")))
                .hasMessage("missing creator");
        assertThatThrownBy(() -> silences.create(
                        new Silence.Spec(List.of(Matcher.equal("a", "b")), T0, T0.plusSeconds(1), "me", " ")))
                .hasMessage("missing comment");
    }

    @Test
    void persistsAndReloadsThenCollectsOldExpiredSilences() throws Exception {
        String id = silences.create(spec(T0, T0.plusSeconds(600), Matcher.regex("job", "api|web")));
        Silences reloaded = new Silences(store, clock, Duration.ofHours(120));
        assertThat(reloaded.get(id)).contains(silences.get(id).orElseThrow());
        assertThat(reloaded.list()).hasSize(1);
        clock.advance(Duration.ofHours(121));
        assertThat(reloaded.gc()).isEqualTo(1);
        assertThat(store.size()).isZero();
        assertThat(new Silences(store, clock, Duration.ofHours(120)).list()).isEmpty();
    }
}
