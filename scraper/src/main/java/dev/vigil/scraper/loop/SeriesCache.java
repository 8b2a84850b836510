package dev.vigil.scraper.loop;

import dev.vigil.model.labels.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A target's scrape cache: the raw series text of an exposition line ({@code name{labels}}, as the parser exposes
 * it) mapped to the final labels after target-label merging and metric relabeling, or to "dropped", plus the storage
 * series ref. Identical raw text always yields identical final labels, so a steady-state scrape finds every line
 * here and builds no labels. Lookups allocate nothing: a mutable probe key is reused.
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
    static final class Entry {
        final Labels labels;
        long ref;
        long seen = -1;
        long live = -1;
        /** Whether the series had an explicit timestamp, which exempts it from staleness unless tracked. */
        boolean explicitTimestamp;

        Entry(Labels labels) {
            this.labels = labels;
        }

        boolean dropped() {
            return labels == null;
        }
    }

    private static final class Key {
        byte[] bytes;
        int off;
        int len;
        int hash;

        Key set(byte[] b, int o, int l) {
            bytes = b;
            off = o;
            len = l;
            int h = 1;
            for (int i = o, end = o + l; i < end; i++) {
                h = 31 * h + b[i];
            }
            hash = h;
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && k.hash == hash
                    && Arrays.equals(bytes, off, off + len, k.bytes, k.off, k.off + k.len);
        }
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    /** The metric metadata of the same scrapes; it moves with this cache when a reload hands the cache over. */
    final MetadataCache metadata = new MetadataCache();
    /** The number of the current (or last) scrape; entries' {@code seen} refer to it. */
    long iteration;
    /** The iteration whose series are live in storage (not yet marked stale), or -1. */
    long liveIteration = -1;

    private final Key probe = new Key();

    /** The entry for the raw series text {@code b[off, off+len)}, or null. */
    Entry get(byte[] b, int off, int len) {
        return entries.get(probe.set(b, off, len));
    }

    /** Caches {@code labels} (null: dropped) for the raw series text, copying the bytes. */
    Entry put(byte[] b, int off, int len, Labels labels) {
        Key key = new Key().set(Arrays.copyOfRange(b, off, off + len), 0, len);
        Entry entry = new Entry(labels);
        entries.put(key, entry);
        return entry;
    }

    int size() {
        return entries.size();
    }

    Iterator<Entry> iterator() {
        return entries.values().iterator();
    }

    /** Drops entries not seen in the last {@link #EVICT_AFTER_SCRAPES} iterations and not live in {@code liveIter}. */
    void evict(long iteration, long liveIter) {
        entries.values()
                .removeIf(e -> e.seen < iteration - EVICT_AFTER_SCRAPES && (e.live != liveIter || liveIter < 0));
    }
}
