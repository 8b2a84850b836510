package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;

/**
 * A Bloom filter over the labels hashes of every series defined in the store, so that creating a series that was
 * never stored skips the store lookup (a RocksDB seek) that finding an idle series' id needs. False positives only
 * cost that lookup; there are no false negatives because every stored definition is added before it can matter (at
 * open, or when its commit writes it, long before the series could leave memory). It grows by being replaced with a
 * larger one filled from the store.
 *
 * <p>Adds happen under the head's commit lock (or during open); lookups race with them harmlessly, see above.
 */
final class StoredSeriesFilter {
    private static final int BITS_PER_SERIES = 16;
    private static final int HASHES = 5;

    private long[] bits;
    private long count;
    private long capacity;

    StoredSeriesFilter(long expected) {
        size(expected);
    }

    private void size(long expected) {
        capacity = Math.max(1L << 16, expected);
        long words = Math.max(1, capacity * BITS_PER_SERIES / 64);
        bits = new long[(int) Math.min(Integer.MAX_VALUE - 8, Long.highestOneBit(words - 1) << 1)];
        count = 0;
    }

    void add(long hash) {
        long[] b = bits;
        long m = (long) b.length * 64;
        long h1 = hash;
        long h2 = (hash >>> 29) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, m);
            b[(int) (bit >>> 6)] |= 1L << bit;
        }
        count++;
    }

    boolean mightContain(Labels labels) {
        long[] b = bits;
        long m = (long) b.length * 64;
        long h1 = labels.hash();
        long h2 = (h1 >>> 29) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, m);
            if ((b[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether enough series were added that false positives become frequent. */
    boolean full() {
        return count > 2 * capacity;
    }
}
