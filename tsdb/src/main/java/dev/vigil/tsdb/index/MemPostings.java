package dev.vigil.tsdb.index;

import dev.vigil.model.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The inverted index of the head: for every label pair the ids of the series that carry it. Ids may be added in any
 * order (series come back into the head lazily) and removed in batches when the head lets series go.
 *
 * <p>Thread-safe: the map of pairs is guarded by a read-write lock, each id list by its own monitor, so readers walk
 * lists without blocking series creation.
 */
public final class MemPostings {
    private final Map<String, TreeMap<String, LongList>> postings = new HashMap<>();
    private final LongList all = new LongList();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Indexes {@code labels} under {@code id}; the id must not be indexed already. */
    public void add(long id, Labels labels) {
        lock.writeLock().lock();
        try {
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

    /**
     * Removes the series {@code ids} (ascending) whose labels are {@code labels[i]}; pairs left without series
     * disappear.
     */
    public void removeAll(long[] ids, List<Labels> labels) {
        if (ids.length == 0) {
            return;
        }
        lock.writeLock().lock();
        try {
            Set<LongList> touched = new HashSet<>();
            for (Labels ls : labels) {
                for (int i = 0; i < ls.size(); i++) {
                    TreeMap<String, LongList> values = postings.get(ls.name(i));
                    LongList list = values == null ? null : values.get(ls.value(i));
                    if (list != null && touched.add(list) && list.removeAll(ids) == 0) {
                        values.remove(ls.value(i));
                        if (values.isEmpty()) {
                            postings.remove(ls.name(i));
                        }
                    }
                }
            }
            all.removeAll(ids);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Number of indexed series. */
    public int size() {
        return all.size();
    }

    /** A reader over this index that resolves labels through {@code labelsOf}. */
    public LabelIndexReader reader(LongFunction<Labels> labelsOf) {
        return new Reader(labelsOf);
    }

    /** Approximate bytes held by the index. */
    public long bytes() {
        lock.readLock().lock();
        try {
            long bytes = all.bytes();
            for (Map.Entry<String, TreeMap<String, LongList>> e : postings.entrySet()) {
                bytes += 64 + 2L * e.getKey().length();
                for (Map.Entry<String, LongList> v : e.getValue().entrySet()) {
                    bytes += 40 + 40 + 2L * v.getKey().length() + v.getValue().bytes();
                }
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The head figures of Prometheus's TSDB status page. */
    public PostingsStats stats(int limit) {
        PostingsStats.Builder stats = new PostingsStats.Builder(limit);
        lock.readLock().lock();
        try {
            for (Map.Entry<String, TreeMap<String, LongList>> e : postings.entrySet()) {
                String name = e.getKey();
                long bytes = 0;
                for (Map.Entry<String, LongList> v : e.getValue().entrySet()) {
                    int series = v.getValue().size();
                    stats.pair(name, v.getKey(), series);
                    if (name.equals(Labels.METRIC_NAME)) {
                        stats.metric(v.getKey(), series);
                    }
                    bytes += (long) v.getKey().getBytes(StandardCharsets.UTF_8).length * series;
                }
                stats.labelName(name, e.getValue().size(), bytes);
            }
        } finally {
            lock.readLock().unlock();
        }
        return stats.build();
    }

    private final class Reader implements LabelIndexReader {
        private final LongFunction<Labels> labelsOf;

        Reader(LongFunction<Labels> labelsOf) {
            this.labelsOf = labelsOf;
        }

        @Override
        public long[] allIds() {
            return all.toArray();
        }

        @Override
        public long[] ids(String name, String value) {
            lock.readLock().lock();
            try {
                TreeMap<String, LongList> values = postings.get(name);
                LongList list = values == null ? null : values.get(value);
                return list == null ? SortedIds.EMPTY : list.toArray();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public long[] idsWhere(String name, String prefix, Predicate<String> accept) {
            List<long[]> lists = new ArrayList<>();
            lock.readLock().lock();
            try {
                TreeMap<String, LongList> values = postings.get(name);
                if (values == null) {
                    return SortedIds.EMPTY;
                }
                for (Map.Entry<String, LongList> e :
                        values.tailMap(prefix, true).entrySet()) {
                    if (!e.getKey().startsWith(prefix)) {
                        break; // values sharing a prefix are contiguous in code point order
                    }
                    if (accept.test(e.getKey())) {
                        lists.add(e.getValue().toArray());
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            return SortedIds.union(lists);
        }

        @Override
        public void forEachValue(String name, ValueVisitor visitor) {
            List<String> values = new ArrayList<>();
            List<LongList> lists = new ArrayList<>();
            lock.readLock().lock();
            try {
                TreeMap<String, LongList> byValue = postings.get(name);
                if (byValue == null) {
                    return;
                }
                for (Map.Entry<String, LongList> e : byValue.entrySet()) {
                    values.add(e.getKey());
                    lists.add(e.getValue());
                }
            } finally {
                lock.readLock().unlock();
            }
            for (int i = 0; i < values.size(); i++) {
                if (!visitor.visit(values.get(i), new ListCursor(lists.get(i)))) {
                    return;
                }
            }
        }

        @Override
        public List<String> names() {
            lock.readLock().lock();
            try {
                List<String> names = new ArrayList<>(postings.keySet());
                names.sort(Labels::compareStrings);
                return names;
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Labels labels(long id) {
            return labelsOf.apply(id);
        }
    }

    /** Reads a list in small batches by id, so concurrent adds and removals neither repeat nor skip ids. */
    private static final class ListCursor implements LabelIndexReader.IdCursor {
        private final LongList list;
        private final long[] buffer = new long[64];
        private int size;
        private int position;
        private long last;

        ListCursor(LongList list) {
            this.list = list;
        }

        @Override
        public long next() {
            if (position == size) {
                size = list.copyAfter(last, buffer, buffer.length);
                position = 0;
                if (size == 0) {
                    return 0;
                }
            }
            last = buffer[position++];
            return last;
        }
    }
}
