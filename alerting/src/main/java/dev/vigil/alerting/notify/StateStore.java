package dev.vigil.alerting.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A small durable key-value store for the notifier's state (silences, notification log). The server backs it with
 * a RocksDB column family; {@link InMemoryStateStore} serves tests. Keys and values are opaque bytes; keys sort
 * as unsigned bytes. Implementations are thread-safe, and {@link #write} applies a batch atomically.
 */
public interface StateStore {
    Optional<byte[]> get(byte[] key);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** Visits every entry whose key starts with {@code prefix}, in key order. */
    void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor);

    /** Applies all operations of {@code batch} at once, or none. */
    void write(Batch batch);

    /** Puts and deletes to apply together. Not thread-safe; build on one thread. */
    final class Batch {
        /** One operation; {@code value} is null for a delete. */
        public record Operation(byte[] key, byte[] value) {}

        private final List<Operation> operations = new ArrayList<>();

        public Batch put(byte[] key, byte[] value) {
            operations.add(new Operation(key.clone(), value.clone()));
            return this;
        }

        public Batch delete(byte[] key) {
            operations.add(new Operation(key.clone(), null));
            return this;
        }

        public List<Operation> operations() {
            return List.copyOf(operations);
        }

        public boolean isEmpty() {
            return operations.isEmpty();
        }
    }
}
