package dev.vigil.alerting.notify;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert as the notifier sees it (Alertmanager's model). Its identity is its label set: {@link #fingerprint()} is
 * the labels' stable 64-bit hash, so the same labels always map to the same alert across restarts.
 *
 * @param endsAt when the alert resolved or will resolve; empty when the sender did not say (the intake then applies
 *     {@code resolve_timeout})
 * @param updatedAt when the notifier last received this alert
 * @param timeout whether {@code endsAt} was set by {@code resolve_timeout} rather than by the sender
 */
public record Alert(
        Labels labels,
        Map<String, String> annotations,
        Instant startsAt,
        Optional<Instant> endsAt,
        String generatorURL,
        Instant updatedAt,
        boolean timeout) {

    public Alert {
        Objects.requireNonNull(labels, "labels");
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(generatorURL, "generatorURL");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new alert as a sender posts it; {@code updatedAt} is set on intake. */
    public static Alert of(
            Labels labels,
            Map<String, String> annotations,
            Instant startsAt,
            Optional<Instant> endsAt,
            String generatorURL) {
        return new Alert(labels, annotations, startsAt, endsAt, generatorURL, startsAt, false);
    }

    /** The stable identity of the alert: the 64-bit hash of its labels. */
    public long fingerprint() {
        return labels.hash();
    }

    /** {@link #fingerprint()} as 16 lower-case hex digits, as the APIs print it. */
    public String fingerprintHex() {
        return String.format("%016x", fingerprint());
    }

    /** Whether the alert has resolved at {@code now}. */
    public boolean isResolvedAt(Instant now) {
        return endsAt.isPresent() && !endsAt.get().isAfter(now);
    }

    /** The alert name label, or "" when absent. */
    public String name() {
        String name = labels.get("alertname");
        return name == null ? "" : name;
    }

    Alert withUpdate(Instant startsAt, Optional<Instant> endsAt, Instant updatedAt, boolean timeout) {
        return new Alert(labels, annotations, startsAt, endsAt, generatorURL, updatedAt, timeout);
    }

    /**
     * Combines this alert with a newer report of the same alert the way Alertmanager does: the earliest start wins;
     * an explicit later end of the older report is kept unless the newer one says otherwise.
     */
    Alert mergeWith(Alert newer, Instant now) {
        Alert older = this;
        if (newer.updatedAt.isBefore(older.updatedAt)) {
            Alert swap = older;
            older = newer;
            newer = swap;
        }
        Instant start = older.startsAt.isBefore(newer.startsAt) ? older.startsAt : newer.startsAt;
        Optional<Instant> end = newer.endsAt;
        if (newer.isResolvedAt(now)) {
            if (older.isResolvedAt(now) && older.endsAt.get().isAfter(newer.endsAt.get())) {
                end = older.endsAt;
            }
        } else if (older.endsAt.isPresent()
                && !older.timeout
                && (newer.endsAt.isEmpty() || older.endsAt.get().isAfter(newer.endsAt.get()))) {
            end = older.endsAt;
        }
        return new Alert(
                newer.labels,
                newer.annotations,
                start,
                end,
                newer.generatorURL,
                newer.updatedAt,
                newer.timeout && end.equals(newer.endsAt));
    }
}
