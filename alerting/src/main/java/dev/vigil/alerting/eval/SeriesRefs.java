package dev.vigil.alerting.eval;

import dev.vigil.model.labels.Labels;
import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * The series a rule wrote at its last evaluation with their storage refs, so the next evaluation appends by ref and
 * can tell which series stopped (those get a stale marker). Open addressing on {@link Labels#hash()} with primitive
 * refs: no boxing per series. Not thread-safe; owned by one rule's group.
 */
final class SeriesRefs {
    private Labels[] keys;
    private long[] refs;
    private int size;

    SeriesRefs() {
        this(16);
    }

    SeriesRefs(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new Labels[capacity];
        refs = new long[capacity];
    }

    int size() {
        return size;
    }

    boolean contains(Labels labels) {
        return keys[slot(keys, labels)] != null;
    }

    /** The ref stored for {@code labels}, or 0 (storage's "unknown") when absent. */
    long get(Labels labels) {
        int i = slot(keys, labels);
        return keys[i] == null ? 0 : refs[i];
    }

    void put(Labels labels, long ref) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(keys, labels);
        if (keys[i] == null) {
            keys[i] = labels;
            size++;
        }
        refs[i] = ref;
    }

    void forEach(ObjLongConsumer<Labels> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], refs[i]);
            }
        }
    }

    private static int slot(Labels[] table, Labels labels) {
        int mask = table.length - 1;
        long h = labels.hash();
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (table[i] != null && !table[i].equals(labels)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        Labels[] oldKeys = keys;
        long[] oldRefs = refs;
        keys = new Labels[oldKeys.length * 2];
        refs = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int j = slot(keys, oldKeys[i]);
                keys[j] = oldKeys[i];
                refs[j] = oldRefs[i];
            }
        }
    }

    @Override
    public String toString() {
        return "SeriesRefs"
                + Arrays.toString(Arrays.stream(keys).filter(k -> k != null).toArray());
    }
}
