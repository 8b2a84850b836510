package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.json.AlertmanagerJson;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.log.Log;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The silences service: create, update, expire, get and list silences with Alertmanager's rules, persisted through
 * a {@link StateStore} and reloaded on construction. Expired silences are kept for {@code retention} (Alertmanager's
 * default is 120h) and then removed by {@link #gc()}. Thread-safe.
 *
 * <p>Updating follows Alertmanager: with unchanged matchers, a pending silence may change its times (but not start in
 * the past) and an active one its end and comment, in place; any other change expires the silence and creates a new
 * one with a new id; expired silences are never changed (an update creates a new one).
 */
public final class Silences {
    private static final Log log = Log.get(Silences.class);
    private static final byte[] PREFIX = "silence/".getBytes(StandardCharsets.UTF_8);

    private final StateStore store;
    private final Scheduler clock;
    private final Duration retention;
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    public Silences(StateStore store, Scheduler clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        store.scan(PREFIX, (key, value) -> {
            try {
                Silence s = AlertmanagerJson.readStoredSilence(value);
                silences.put(s.id(), s);
            } catch (RuntimeException e) {
                log.warn("Dropping unreadable stored silence", e, "key", new String(key, StandardCharsets.UTF_8));
            }
        });
    }

    /** Creates a silence and returns its id. */
    public synchronized String create(Silence.Spec spec) throws SilenceException {
        Instant now = clock.now();
        Silence.Spec checked = validate(spec, now);
        Silence silence = new Silence(
                UUID.randomUUID().toString(),
                checked.matchers(),
                checked.startsAt(),
                checked.endsAt(),
                now,
                checked.createdBy(),
                checked.comment());
        save(silence);
        return silence.id();
    }

    /** Updates silence {@code id}; returns the id the result has (a new one when it could not change in place). */
    public synchronized String update(String id, Silence.Spec spec) throws SilenceException {
        Silence existing = silences.get(id);
        if (existing == null) {
            throw new SilenceException("silence " + id + " not found", true);
        }
        Instant now = clock.now();
        validate(spec, now);
        Silence.Spec checked = spec;
        if (canUpdateInPlace(existing, checked, now)) {
            save(new Silence(
                    id,
                    checked.matchers(),
                    checked.startsAt(),
                    checked.endsAt(),
                    now,
                    checked.createdBy(),
                    checked.comment()));
            return id;
        }
        if (existing.state(now) != SilenceState.EXPIRED) {
            expireAt(existing, now);
        }
        return create(spec);
    }

    /** Ends silence {@code id} now; a pending silence ends before it starts. */
    public synchronized void expire(String id) throws SilenceException {
        Silence existing = silences.get(id);
        if (existing == null) {
            throw new SilenceException("silence " + id + " not found", true);
        }
        Instant now = clock.now();
        if (existing.state(now) == SilenceState.EXPIRED) {
            throw new SilenceException("silence " + id + " already expired", false);
        }
        expireAt(existing, now);
    }

    public synchronized Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    /** All silences (including expired ones within retention), newest first. */
    public synchronized List<Silence> list() {
        List<Silence> all = new ArrayList<>(silences.values());
        all.sort(Comparator.comparing(Silence::updatedAt).reversed().thenComparing(Silence::id));
        return all;
    }

    /** The ids of the silences active at {@code now} that match {@code labels}. */
    public synchronized List<String> mutedBy(Labels labels, Instant now) {
        List<String> ids = new ArrayList<>();
        for (Silence s : silences.values()) {
            if (s.state(now) == SilenceState.ACTIVE && s.matches(labels)) {
                ids.add(s.id());
            }
        }
        return ids;
    }

    /** Removes silences that expired more than the retention ago; returns how many. */
    public synchronized int gc() {
        Instant cutoff = clock.now().minus(retention);
        StateStore.Batch batch = new StateStore.Batch();
        List<String> removed = new ArrayList<>();
        for (Silence s : silences.values()) {
            if (s.endsAt().isBefore(cutoff)) {
                removed.add(s.id());
                batch.delete(key(s.id()));
            }
        }
        if (!batch.isEmpty()) {
            store.write(batch);
            removed.forEach(silences::remove);
        }
        return removed.size();
    }

    private void expireAt(Silence s, Instant now) {
        Instant start = s.startsAt().isAfter(now) ? now : s.startsAt();
        save(new Silence(s.id(), s.matchers(), start, now, now, s.createdBy(), s.comment()));
    }

    private static boolean canUpdateInPlace(Silence existing, Silence.Spec spec, Instant now) {
        if (!existing.matchers().equals(spec.matchers())) {
            return false;
        }
        return switch (existing.state(now)) {
            case ACTIVE ->
                spec.startsAt().equals(existing.startsAt()) && !spec.endsAt().isBefore(now);
            case PENDING -> !spec.startsAt().isBefore(now);
            case EXPIRED -> false;
        };
    }

    /** Checks {@code spec} and moves a start in the past to {@code now}. */
    private static Silence.Spec validate(Silence.Spec spec, Instant now) throws SilenceException {
        if (spec.matchers().isEmpty()) {
            throw new SilenceException("at least one matcher required", false);
        }
        boolean allMatchEmpty = true;
        for (Matcher m : spec.matchers()) {
            allMatchEmpty &= m.matches("");
        }
        if (allMatchEmpty) {
            throw new SilenceException("at least one matcher must not match the empty string", false);
        }
        if (!spec.startsAt().isBefore(spec.endsAt())) {
            throw new SilenceException("start time must be before end time", false);
        }
        if (spec.endsAt().isBefore(now)) {
            throw new SilenceException("end time can't be in the past", false);
        }
        if (spec.createdBy().isBlank()) {
            throw new SilenceException("missing creator", false);
        }
        if (spec.comment().isBlank()) {
            throw new SilenceException("missing comment", false);
        }
        Instant start = spec.startsAt().isBefore(now) ? now : spec.startsAt();
        return new Silence.Spec(spec.matchers(), start, spec.endsAt(), spec.createdBy(), spec.comment());
    }

    private void save(Silence silence) {
        store.put(key(silence.id()), AlertmanagerJson.writeStoredSilence(silence));
        silences.put(silence.id(), silence);
    }

    private static byte[] key(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[PREFIX.length + idBytes.length];
        System.arraycopy(PREFIX, 0, key, 0, PREFIX.length);
        System.arraycopy(idBytes, 0, key, PREFIX.length, idBytes.length);
        return key;
    }
}
