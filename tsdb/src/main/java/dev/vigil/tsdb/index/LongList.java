package dev.vigil.tsdb.index;

import java.util.Arrays;

/** A growable list of primitive longs. Not thread-safe. */
final class LongList {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long last() {
        return values[size - 1];
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
