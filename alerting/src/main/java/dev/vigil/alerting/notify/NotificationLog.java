package dev.vigil.alerting.notify;

import dev.vigil.model.log.Log;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was last notified per aggregation group and integration: the fingerprints of the firing and resolved alerts
 * sent and when. The dispatcher consults it so that nothing is re-sent inside {@code repeat_interval}, also across
 * restarts: entries are persisted through a {@link StateStore} and reloaded on construction, and dropped
 * {@code retention} after they were written. Thread-safe.
 */
public final class NotificationLog {
    private static final Log log = Log.get(NotificationLog.class);
    private static final byte[] PREFIX = "nflog/".getBytes(StandardCharsets.UTF_8);

    private final StateStore store;
    private final Duration retention;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** One log entry. Immutable. */
    public record Entry(Set<Long> firing, Set<Long> resolved, Instant timestamp, Instant expiresAt) {
        public Entry {
            firing = Set.copyOf(firing);
            resolved = Set.copyOf(resolved);
        }
    }

    public NotificationLog(StateStore store, Duration retention) {
        this.store = store;
        this.retention = retention;
        store.scan(PREFIX, (key, value) -> {
            String id = new String(key, PREFIX.length, key.length - PREFIX.length, StandardCharsets.UTF_8);
            try {
                entries.put(id, decode(value));
            } catch (UncheckedIOException e) {
                log.warn("Dropping unreadable notification log entry", e, "key", id);
            }
        });
    }

    public Optional<Entry> query(String groupKey, String integrationKey) {
        return Optional.ofNullable(entries.get(id(groupKey, integrationKey)));
    }

    /** Records a successful notification. */
    public void log(String groupKey, String integrationKey, Set<Long> firing, Set<Long> resolved, Instant now) {
        String id = id(groupKey, integrationKey);
        Entry entry = new Entry(firing, resolved, now, now.plus(retention));
        store.put(key(id), encode(entry));
        entries.put(id, entry);
    }

    /** Drops entries past their expiry; returns how many. */
    public int gc(Instant now) {
        StateStore.Batch batch = new StateStore.Batch();
        Set<String> expired = new HashSet<>();
        entries.forEach((id, entry) -> {
            if (entry.expiresAt().isBefore(now)) {
                expired.add(id);
                batch.delete(key(id));
            }
        });
        if (!batch.isEmpty()) {
            store.write(batch);
            expired.forEach(entries::remove);
        }
        return expired.size();
    }

    public int size() {
        return entries.size();
    }

    private static String id(String groupKey, String integrationKey) {
        // The integration key never contains NUL, so the split point is unambiguous.
        return integrationKey + "\u0000" + groupKey;
    }

    private static byte[] key(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[PREFIX.length + idBytes.length];
        System.arraycopy(PREFIX, 0, key, 0, PREFIX.length);
        System.arraycopy(idBytes, 0, key, PREFIX.length, idBytes.length);
        return key;
    }

    private static byte[] encode(Entry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(entry.timestamp().toEpochMilli());
            out.writeLong(entry.expiresAt().toEpochMilli());
            out.writeInt(entry.firing().size());
            for (long fp : entry.firing()) {
                out.writeLong(fp);
            }
            out.writeInt(entry.resolved().size());
            for (long fp : entry.resolved()) {
                out.writeLong(fp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int version = in.readByte();
            if (version != 1) {
                throw new IOException("unknown notification log entry version " + version);
            }
            Instant timestamp = Instant.ofEpochMilli(in.readLong());
            Instant expires = Instant.ofEpochMilli(in.readLong());
            Set<Long> firing = new HashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                firing.add(in.readLong());
            }
            Set<Long> resolved = new HashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                resolved.add(in.readLong());
            }
            return new Entry(firing, resolved, timestamp, expires);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
