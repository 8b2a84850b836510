package dev.vigil.tsdb.index;

import java.util.Arrays;

/**
 * A growable list of series ids that is sorted lazily: adds append, reads sort first when needed. Thread-safe through
 * its monitor, so readers can walk it while the index adds to it.
 */
final class LongList {
    private long[] values = new long[2];
    private int size;
    private boolean sorted = true;

    synchronized void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size < 64 ? size * 2 : size + (size >> 1));
        }
        if (size > 0 && values[size - 1] >= v) {
            sorted = false;
        }
        values[size++] = v;
    }

    synchronized int size() {
        return size;
    }

    /** A sorted copy. */
    synchronized long[] toArray() {
        ensureSorted();
        return Arrays.copyOf(values, size);
    }

    /** Up to {@code max} ids greater than {@code after}, ascending, into {@code out}; returns how many. */
    synchronized int copyAfter(long after, long[] out, int max) {
        ensureSorted();
        int from = Arrays.binarySearch(values, 0, size, after);
        from = from >= 0 ? from + 1 : -from - 1;
        int n = Math.min(max, size - from);
        System.arraycopy(values, from, out, 0, Math.max(0, n));
        return Math.max(0, n);
    }

    /** Removes every id in the ascending array {@code victims}; returns the new size. */
    synchronized int removeAll(long[] victims) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!SortedIds.contains(victims, values[i])) {
                values[n++] = values[i];
            }
        }
        size = n;
        if (values.length > 16 && size < values.length / 4) {
            values = Arrays.copyOf(values, Math.max(2, size * 2));
        }
        return size;
    }

    /** Bytes held, for memory accounting. */
    synchronized long bytes() {
        return 16 + 16 + 8L * values.length;
    }

    private void ensureSorted() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
