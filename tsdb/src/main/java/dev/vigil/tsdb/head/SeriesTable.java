package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * The head's series by id and by labels: two open-addressing tables under one {@link StampedLock}. Lookups are
 * optimistic (no lock, no allocation, no boxing) and fall back to a read lock when a writer interfered; adds and
 * removals take the write lock. Removed slots become tombstones until the next resize. Tables fill to three quarters.
 */
final class SeriesTable {
    private static final HeadSeries TOMBSTONE = new HeadSeries(-1, Labels.EMPTY);

    private final StampedLock lock = new StampedLock();
    private Tables tables = new Tables(1024);
    private int size;

    /** Both tables; replaced as a whole on resize so an optimistic reader sees one consistent pair of arrays. */
    private static final class Tables {
        final long[] ids;
        final HeadSeries[] byId;
        final HeadSeries[] byHash;
        int used;

        Tables(int capacity) {
            ids = new long[capacity];
            byId = new HeadSeries[capacity];
            byHash = new HeadSeries[capacity];
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    HeadSeries get(long id) {
        if (id <= 0) {
            return null;
        }
        long stamp = lock.tryOptimisticRead();
        HeadSeries s = findById(tables, id);
        if (lock.validate(stamp)) {
            return s;
        }
        stamp = lock.readLock();
        try {
            return findById(tables, id);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static HeadSeries findById(Tables t, long id) {
        int mask = t.ids.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            long k = t.ids[i];
            if (k == id) {
                HeadSeries s = t.byId[i];
                if (s != TOMBSTONE) {
                    return s; // a removed and re-added series has a tombstone earlier in its probe chain
                }
            } else if (k == 0) {
                return null;
            }
        }
    }

    HeadSeries get(Labels labels) {
        long stamp = lock.tryOptimisticRead();
        HeadSeries s = findByLabels(tables, labels);
        if (lock.validate(stamp)) {
            return s;
        }
        stamp = lock.readLock();
        try {
            return findByLabels(tables, labels);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static HeadSeries findByLabels(Tables t, Labels labels) {
        HeadSeries[] table = t.byHash;
        int mask = table.length - 1;
        for (int i = slot(labels.hash(), mask); ; i = (i + 1) & mask) {
            HeadSeries s = table[i];
            if (s == null) {
                return null;
            }
            if (s != TOMBSTONE && s.labels.hash() == labels.hash() && s.labels.equals(labels)) {
                return s;
            }
        }
    }

    /** Adds a series whose id and labels are not in the table. */
    void add(HeadSeries s) {
        long stamp = lock.writeLock();
        try {
            if ((tables.used + 1) * 4L > tables.ids.length * 3L) {
                resize();
            }
            insert(tables, s);
            size++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private static void insert(Tables t, HeadSeries s) {
        int mask = t.ids.length - 1;
        int i = slot(s.id, mask);
        while (t.ids[i] != 0) {
            i = (i + 1) & mask;
        }
        t.ids[i] = s.id;
        t.byId[i] = s;
        int j = slot(s.labels.hash(), mask);
        while (t.byHash[j] != null) {
            j = (j + 1) & mask;
        }
        t.byHash[j] = s;
        t.used++;
    }

    /** Removes a series if present. */
    void remove(HeadSeries s) {
        long stamp = lock.writeLock();
        try {
            Tables t = tables;
            int mask = t.ids.length - 1;
            for (int i = slot(s.id, mask); t.ids[i] != 0; i = (i + 1) & mask) {
                if (t.ids[i] == s.id && t.byId[i] == s) {
                    t.byId[i] = TOMBSTONE;
                    for (int j = slot(s.labels.hash(), mask); t.byHash[j] != null; j = (j + 1) & mask) {
                        if (t.byHash[j] == s) {
                            t.byHash[j] = TOMBSTONE;
                            break;
                        }
                    }
                    size--;
                    return;
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void resize() {
        Tables old = tables;
        int capacity = old.ids.length;
        // Double unless most used slots are tombstones of removed series; then rebuild at the same size.
        while ((size + 1) * 2L > capacity) {
            capacity *= 2;
        }
        if (capacity == old.ids.length && old.used <= size * 2) {
            capacity *= 2;
        }
        Tables fresh = new Tables(capacity);
        for (HeadSeries s : old.byId) {
            if (s != null && s != TOMBSTONE) {
                insert(fresh, s);
            }
        }
        tables = fresh;
    }

    int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** A copy of every series, in no particular order. */
    HeadSeries[] toArray() {
        long stamp = lock.readLock();
        try {
            HeadSeries[] out = new HeadSeries[size];
            int n = 0;
            for (HeadSeries s : tables.byId) {
                if (s != null && s != TOMBSTONE) {
                    out[n++] = s;
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Bytes of the tables, for memory accounting. */
    long bytes() {
        long stamp = lock.readLock();
        try {
            return 16 + tables.ids.length * (8L + 4 + 4);
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
