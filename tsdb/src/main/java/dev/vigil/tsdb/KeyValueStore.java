package dev.vigil.tsdb;

import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A small durable key-value store in the TSDB's RocksDB (its own column family), for state other components must keep
 * across restarts, such as the notifier's silences and notification log. Keys and values are opaque bytes; keys sort
 * as unsigned bytes. Writes are durable like commits: once a call returns the data survives a process crash (and a
 * power loss when the TSDB syncs writes).
 *
 * <pre>{@code
 * KeyValueStore kv = tsdb.keyValueStore();
 * kv.put(key, value);
 * kv.write(new KeyValueStore.Batch().put(k1, v1).delete(k2));   // all or nothing
 * kv.scan(prefix, (k, v) -> ...);                                // ascending key order
 * }</pre>
 *
 * <p>Thread-safe. Valid while its TSDB is open; calls afterwards throw {@link StorageException}.
 */
public final class KeyValueStore {
    private final RocksStore store;
    private final boolean sync;

    KeyValueStore(RocksStore store, boolean sync) {
        this.store = store;
        this.sync = sync;
    }

    /** The value stored under {@code key}. */
    public Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(store.kvGet(Objects.requireNonNull(key, "key")));
    }

    public void put(byte[] key, byte[] value) {
        write(new Batch().put(key, value));
    }

    public void delete(byte[] key) {
        write(new Batch().delete(key));
    }

    /** Visits every entry whose key starts with {@code prefix}, in unsigned key order. */
    public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        store.kvScan(Objects.requireNonNull(prefix, "prefix"), visitor);
    }

    /**
     * Applies all operations of {@code batch} at once, or none.
     *
     * @throws StorageException when the write fails; nothing of the batch is applied then
     */
    public void write(Batch batch) {
        if (batch.operations.isEmpty()) {
            return;
        }
        try (StoreBatch writes = store.batch()) {
            for (Batch.Operation op : batch.operations) {
                if (op.value() == null) {
                    writes.kvDelete(op.key());
                } else {
                    writes.kvPut(op.key(), op.value());
                }
            }
            writes.write(sync);
        }
    }

    /** Puts and deletes to apply together, in order. Not thread-safe; build it on one thread. */
    public static final class Batch {
        /** One operation; {@code value} is null for a delete. */
        record Operation(byte[] key, byte[] value) {}

        private final List<Operation> operations = new ArrayList<>();

        public Batch put(byte[] key, byte[] value) {
            operations.add(new Operation(
                    Objects.requireNonNull(key, "key").clone(),
                    Objects.requireNonNull(value, "value").clone()));
            return this;
        }

        public Batch delete(byte[] key) {
            operations.add(new Operation(Objects.requireNonNull(key, "key").clone(), null));
            return this;
        }

        public boolean isEmpty() {
            return operations.isEmpty();
        }

        public int size() {
            return operations.size();
        }
    }
}
