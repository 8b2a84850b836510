package dev.vigil.scraper.loop;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.SeriesSlot;
import java.util.Arrays;

/**
 * A target's scrape cache: the raw series text of an exposition line ({@code name{labels}}, as the parser exposes
 * it) mapped to the final labels after target-label merging and metric relabeling, or to "dropped", plus the storage
 * slot of the series. Identical raw text always yields identical final labels, so a steady-state scrape finds every
 * line here and builds no labels.
 *
 * <p>Lookups allocate nothing and mostly hash nothing: a target exposes its series in the same order scrape after
 * scrape, so each lookup first compares the text with the series that followed the previous hit in the last scrape;
 * only when that differs does it hash and probe. The raw texts live in one byte array in the order they were first
 * seen, so that comparison walks memory sequentially instead of chasing one small array per series.
 *
 * <p>Staleness bookkeeping lives here too: each entry remembers the scrape iteration that last saw it
 * ({@code seen}) and the last committed iteration it was part of ({@code live}).
 *
 * <p>Not thread-safe: owned by one scrape loop.
 */
final class SeriesCache {
    /** Entries not seen for this many scrapes are evicted, so a target with churning series does not grow forever. */
    static final int EVICT_AFTER_SCRAPES = 10;

    /** One cached series. {@code labels == null} means metric relabeling dropped it. */
    static final class Entry extends SeriesSlot {
        final Labels labels;
        long seen = -1;
        long live = -1;
        /** Whether the series had an explicit timestamp, which exempts it from staleness unless tracked. */
        boolean explicitTimestamp;

        private final int hash;
        /** Where the raw text is in the arena; a negative length marks an evicted entry that matches nothing. */
        private int keyOffset;

        private int keyLength;
        /** Its place in the order of the scrape that last saw it: where the next lookup starts. */
        private int position;

        Entry(Labels labels, int hash, int keyOffset, int keyLength) {
            this.labels = labels;
            this.hash = hash;
            this.keyOffset = keyOffset;
            this.keyLength = keyLength;
        }

        boolean dropped() {
            return labels == null;
        }
    }

    /** The metric metadata of the same scrapes; it moves with this cache when a reload hands the cache over. */
    final MetadataCache metadata = new MetadataCache();
    /** The number of the current (or last) scrape; entries' {@code seen} refer to it. */
    long iteration;
    /** The iteration whose series are live in storage (not yet marked stale), or -1. */
    long liveIteration = -1;

    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int arenaGarbage;
    private int addedThisScrape;

    private Entry[] entries = new Entry[16];
    private int size;

    /** Open addressing: entry index + 1 (0 = empty), with the entry's hash beside it so probes skip the entry. */
    private int[] slots = new int[32];

    private int[] slotHashes = new int[32];

    /** The series of the last scrape that found any, in body order, and those of the current scrape so far. */
    private Entry[] previousOrder = new Entry[16];

    private int previousLength;
    private Entry[] currentOrder = new Entry[16];
    private int currentLength;
    private int cursor;

    /**
     * Starts the next scrape: advances {@link #iteration} and makes the last scrape's order the one to expect. Once a
     * scrape added no series, the text arena gives back what doubling left unused (up to half of it, for every target).
     */
    void startScrape() {
        iteration++;
        if (addedThisScrape == 0 && arena.length - arenaUsed > arenaUsed / 4 + 1024) {
            arena = Arrays.copyOf(arena, arenaUsed + arenaUsed / 8 + 256);
        }
        addedThisScrape = 0;
        if (currentLength > 0) {
            Entry[] older = previousOrder;
            Arrays.fill(older, 0, previousLength, null);
            previousOrder = currentOrder;
            previousLength = currentLength;
            currentOrder = older;
        }
        currentLength = 0;
        cursor = 0;
    }

    /** Lets the storage load the series the last scrape appended to, expecting this scrape to append to them again. */
    void prefetch(Appender app) {
        app.prefetch(previousOrder, 0, previousLength);
    }

    /** The entry for the raw series text {@code b[off, off+len)}, or null. */
    Entry get(byte[] b, int off, int len) {
        if (cursor < previousLength) {
            Entry expected = previousOrder[cursor];
            if (expected.keyLength == len
                    && Arrays.equals(arena, expected.keyOffset, expected.keyOffset + len, b, off, off + len)) {
                cursor++;
                return record(expected);
            }
        }
        int hash = hash(b, off, len);
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slotHashes[i] == hash) {
                Entry e = entries[slots[i] - 1];
                if (e.keyLength == len && Arrays.equals(arena, e.keyOffset, e.keyOffset + len, b, off, off + len)) {
                    cursor = e.position + 1;
                    return record(e);
                }
            }
        }
        return null;
    }

    /** Caches {@code labels} (null: dropped) for the raw series text, copying the bytes. */
    Entry put(byte[] b, int off, int len, Labels labels) {
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arenaUsed + len, arena.length * 2));
        }
        System.arraycopy(b, off, arena, arenaUsed, len);
        addedThisScrape++;
        Entry entry = new Entry(labels, hash(b, off, len), arenaUsed, len);
        arenaUsed += len;
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = entry;
        if (size * 2 > slots.length) {
            rebuildSlots(slots.length * 2);
        } else {
            insertSlot(entry, size - 1);
        }
        return record(entry);
    }

    private Entry record(Entry e) {
        if (currentLength == currentOrder.length) {
            currentOrder = Arrays.copyOf(currentOrder, currentLength * 2);
        }
        e.position = currentLength;
        currentOrder[currentLength++] = e;
        return e;
    }

    int size() {
        return size;
    }

    /** The {@code i}th entry, for {@code 0 <= i < size()}. */
    Entry entry(int i) {
        return entries[i];
    }

    /** Drops entries not seen in the last {@link #EVICT_AFTER_SCRAPES} iterations and not live in {@code liveIter}. */
    void evict(long iteration, long liveIter) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            if (e.seen < iteration - EVICT_AFTER_SCRAPES && (e.live != liveIter || liveIter < 0)) {
                arenaGarbage += e.keyLength;
                e.keyLength = -1;
            } else {
                entries[kept++] = e;
            }
        }
        if (kept == size) {
            return;
        }
        Arrays.fill(entries, kept, size, null);
        size = kept;
        if (arenaGarbage > arenaUsed / 2) {
            compactArena();
        }
        int capacity = 32;
        while (capacity < size * 2) {
            capacity *= 2;
        }
        rebuildSlots(capacity);
    }

    private void compactArena() {
        byte[] compacted = new byte[Math.max(4096, arenaUsed - arenaGarbage)];
        int used = 0;
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            System.arraycopy(arena, e.keyOffset, compacted, used, e.keyLength);
            e.keyOffset = used;
            used += e.keyLength;
        }
        arena = compacted;
        arenaUsed = used;
        arenaGarbage = 0;
    }

    private void rebuildSlots(int capacity) {
        slots = new int[capacity];
        slotHashes = new int[capacity];
        for (int i = 0; i < size; i++) {
            insertSlot(entries[i], i);
        }
    }

    private void insertSlot(Entry e, int index) {
        int mask = slots.length - 1;
        int i = e.hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = index + 1;
        slotHashes[i] = e.hash;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
