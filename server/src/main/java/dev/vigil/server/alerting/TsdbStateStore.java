package dev.vigil.server.alerting;

import dev.vigil.alerting.notify.StateStore;
import dev.vigil.tsdb.KeyValueStore;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The notifier's {@link StateStore} in the TSDB's key-value column family, so silences survive restarts. */
final class TsdbStateStore implements StateStore {
    private final KeyValueStore store;

    TsdbStateStore(KeyValueStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        return store.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        store.delete(key);
    }

    @Override
    public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        store.scan(prefix, visitor);
    }

    @Override
    public void write(Batch batch) {
        KeyValueStore.Batch writes = new KeyValueStore.Batch();
        for (Batch.Operation op : batch.operations()) {
            if (op.value() == null) {
                writes.delete(op.key());
            } else {
                writes.put(op.key(), op.value());
            }
        }
        store.write(writes);
    }
}
