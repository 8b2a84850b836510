package dev.vigil.alerting.notify;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A {@link StateStore} in a sorted map, for tests and for running without persistence. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

    @Override
    public synchronized Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(map.get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized void put(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    public synchronized void delete(byte[] key) {
        map.remove(key);
    }

    @Override
    public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        Map<byte[], byte[]> copy;
        synchronized (this) {
            copy = new TreeMap<>(map.tailMap(prefix, true));
        }
        for (Map.Entry<byte[], byte[]> e : copy.entrySet()) {
            byte[] key = e.getKey();
            if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                break;
            }
            visitor.accept(key.clone(), e.getValue().clone());
        }
    }

    @Override
    public synchronized void write(Batch batch) {
        for (Batch.Operation op : batch.operations()) {
            if (op.value() == null) {
                map.remove(op.key());
            } else {
                map.put(op.key(), op.value());
            }
        }
    }

    public synchronized int size() {
        return map.size();
    }
}
