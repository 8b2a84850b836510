package dev.vigil.tsdb.index;

import java.util.Arrays;

/**
 * A growable list of series ids that is sorted lazily: adds append, reads sort first when needed. Ids are kept as ints
 * while they fit (half the memory of a posting), as longs after. Thread-safe through its monitor, so readers can walk it
 * while the index adds to it.
 */
final class LongList {
    private int[] ints = new int[2];
    private long[] longs;
    private int size;
    private boolean sorted = true;

    synchronized void add(long v) {
        if (longs == null && (v < 0 || v > Integer.MAX_VALUE)) {
            longs = new long[Math.max(2, ints.length)];
            for (int i = 0; i < size; i++) {
                longs[i] = ints[i];
            }
            ints = null;
        }
        if (size > 0 && get(size - 1) >= v) {
            sorted = false;
        }
        if (longs == null) {
            if (size == ints.length) {
                ints = Arrays.copyOf(ints, grown(size));
            }
            ints[size++] = (int) v;
        } else {
            if (size == longs.length) {
                longs = Arrays.copyOf(longs, grown(size));
            }
            longs[size++] = v;
        }
    }

    private static int grown(int size) {
        return size < 64 ? size * 2 : size + (size >> 1);
    }

    private long get(int i) {
        return longs == null ? ints[i] : longs[i];
    }

    synchronized int size() {
        return size;
    }

    /** A sorted copy. */
    synchronized long[] toArray() {
        ensureSorted();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Up to {@code max} ids greater than {@code after}, ascending, into {@code out}; returns how many. */
    synchronized int copyAfter(long after, long[] out, int max) {
        ensureSorted();
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int n = Math.min(max, size - lo);
        for (int i = 0; i < n; i++) {
            out[i] = get(lo + i);
        }
        return n;
    }

    /** Removes every id in the ascending array {@code victims}; returns the new size. */
    synchronized int removeAll(long[] victims) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            long v = get(i);
            if (!SortedIds.contains(victims, v)) {
                if (longs == null) {
                    ints[n++] = (int) v;
                } else {
                    longs[n++] = v;
                }
            }
        }
        size = n;
        int capacity = longs == null ? ints.length : longs.length;
        if (capacity > 16 && size < capacity / 4) {
            if (longs == null) {
                ints = Arrays.copyOf(ints, Math.max(2, size * 2));
            } else {
                longs = Arrays.copyOf(longs, Math.max(2, size * 2));
            }
        }
        return size;
    }

    /** Bytes held, for memory accounting. */
    synchronized long bytes() {
        return 32 + 16 + (longs == null ? 4L * ints.length : 8L * longs.length);
    }

    private void ensureSorted() {
        if (!sorted) {
            if (longs == null) {
                Arrays.sort(ints, 0, size);
            } else {
                Arrays.sort(longs, 0, size);
            }
            sorted = true;
        }
    }
}
