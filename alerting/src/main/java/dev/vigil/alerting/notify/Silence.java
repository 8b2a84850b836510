package dev.vigil.alerting.notify;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence: while active, alerts matching all its matchers are not notified (they stay listed as suppressed).
 * Immutable; created and changed through {@link Silences}.
 */
public record Silence(
        String id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        Instant updatedAt,
        String createdBy,
        String comment) {

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
    }

    public SilenceState state(Instant now) {
        if (now.isBefore(startsAt)) {
            return SilenceState.PENDING;
        }
        return now.isBefore(endsAt) ? SilenceState.ACTIVE : SilenceState.EXPIRED;
    }

    /** Whether every matcher matches {@code labels} (regardless of state). */
    public boolean matches(Labels labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** What a client asks for when creating or updating a silence. */
    public record Spec(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        public Spec {
            matchers = List.copyOf(matchers);
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            Objects.requireNonNull(createdBy, "createdBy");
            Objects.requireNonNull(comment, "comment");
        }
    }
}
