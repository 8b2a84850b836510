package dev.vigil.tsdb.index;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The inverted index of the head: for every label pair the ascending ids of the series that carry it. Matchers are
 * answered without scanning series: {@code =} and literal sets ({@code a|b|c}) are direct lookups, prefixes ({@code
 * foo.*}) a range of the sorted values, other regexes a scan of one label's values (not of series). A matcher that
 * accepts the empty value also selects series without the label.
 *
 * <p>Series must be added in ascending id order. Thread-safe (read-write lock).
 */
public final class MemPostings {
    private final Map<String, TreeMap<String, LongList>> postings = new HashMap<>();
    private final LongList all = new LongList();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Indexes {@code labels} under {@code id}, which must exceed every id added before. */
    public void add(long id, Labels labels) {
        lock.writeLock().lock();
        try {
            if (all.size() > 0 && all.last() >= id) {
                throw new IllegalArgumentException(
                        "BUG: series id " + id + " added after " + all.last() + "; ids must ascend");
            }
            all.add(id);
            for (int i = 0; i < labels.size(); i++) {
                postings.computeIfAbsent(labels.name(i), n -> new TreeMap<>(Labels::compareStrings))
                        .computeIfAbsent(labels.value(i), v -> new LongList())
                        .add(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Ascending ids of the series satisfying every matcher; all series when there are none. */
    public long[] select(Matcher... matchers) {
        lock.readLock().lock();
        try {
            long[] result = null;
            List<long[]> exclusions = new ArrayList<>();
            for (Matcher m : matchers) {
                if (m.matchesEmpty()) {
                    exclusions.add(idsWhere(m, false));
                } else {
                    long[] ids = idsWhere(m, true);
                    result = result == null ? ids : SortedIds.intersect(result, ids);
                }
                if (result != null && result.length == 0) {
                    return result;
                }
            }
            if (result == null) {
                result = all.toArray();
            }
            for (long[] excluded : exclusions) {
                result = SortedIds.subtract(result, excluded);
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Series carrying label {@code m.name()} with a value for which {@code m.matches(value) == accepted}. */
    private long[] idsWhere(Matcher m, boolean accepted) {
        TreeMap<String, LongList> values = postings.get(m.name());
        if (values == null) {
            return SortedIds.EMPTY;
        }
        List<long[]> lists = new ArrayList<>();
        List<String> set = m.setMatches();
        boolean setIsAccepted = !m.type().isNegative();
        if (!set.isEmpty() && setIsAccepted == accepted) {
            for (String v : set) {
                LongList ids = values.get(v);
                if (ids != null) {
                    lists.add(ids.toArray());
                }
            }
            return SortedIds.union(lists);
        }
        Optional<String> prefix = m.prefix();
        boolean prefixIsAccepted = m.type() == MatchType.REGEX;
        boolean byPrefix = prefix.isPresent() && prefixIsAccepted == accepted;
        Map<String, LongList> candidates = byPrefix ? values.tailMap(prefix.get(), true) : values;
        for (Map.Entry<String, LongList> e : candidates.entrySet()) {
            if (byPrefix && !e.getKey().startsWith(prefix.get())) {
                break; // values sharing a prefix are contiguous in code point order
            }
            if (m.matches(e.getKey()) == accepted) {
                lists.add(e.getValue().toArray());
            }
        }
        return SortedIds.union(lists);
    }

    /** Distinct label names, unsorted. */
    public List<String> names() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(postings.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of indexed series. */
    public int size() {
        lock.readLock().lock();
        try {
            return all.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
