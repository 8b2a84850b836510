package dev.vigil.testkit;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Series;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.model.storage.Storage;
import dev.vigil.model.storage.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A complete in-memory {@link Storage} with the semantics of Prometheus's head, for tests of modules built on the
 * storage API.
 *
 * <ul>
 *   <li>A batch becomes visible atomically on {@code commit()}; {@code rollback()} drops it. Queriers see what was
 *       committed before they were opened.
 *   <li>Per series, a sample at the newest timestamp with the same value (bit for bit) is a silent no-op, with a
 *       different value it is {@link AppendException.Kind#DUPLICATE_TIMESTAMP}, and an older timestamp is {@link
 *       AppendException.Kind#OUT_OF_ORDER}. Samples pending in the same batch count as newest.
 *   <li>Samples before {@code minValidTimeMs} are {@link AppendException.Kind#OUT_OF_BOUNDS}; an empty label set is
 *       {@link AppendException.Kind#INVALID_LABELS}.
 *   <li>{@code select}, {@code labelNames} and {@code labelValues} only consider series with samples in the querier's
 *       range. Unsorted selects return series in creation order.
 * </ul>
 *
 * <p>Thread-safe; appenders and queriers are for one thread each. Nothing is ever evicted.
 */
public final class InMemoryStorage implements Storage {
    private final Object lock = new Object();
    private final long minValidTimeMs;
    private final Map<Labels, MemSeries> byLabels = new HashMap<>();
    private final List<MemSeries> byRef = new ArrayList<>();
    private boolean closed;

    /** A storage accepting any timestamp. */
    public InMemoryStorage() {
        this(Long.MIN_VALUE);
    }

    /** A storage rejecting samples older than {@code minValidTimeMs} as out of bounds. */
    public InMemoryStorage(long minValidTimeMs) {
        this.minValidTimeMs = minValidTimeMs;
    }

    @Override
    public Appender appender() {
        synchronized (lock) {
            checkOpen();
        }
        return new MemAppender();
    }

    @Override
    public Querier querier(long minT, long maxT) {
        synchronized (lock) {
            checkOpen();
            MemSnapshot[] snapshot = new MemSnapshot[byRef.size()];
            for (int i = 0; i < snapshot.length; i++) {
                MemSeries s = byRef.get(i);
                snapshot[i] = new MemSnapshot(s.labels, s.timestamps, s.values, s.count);
            }
            return new MemQuerier(snapshot, minT, maxT);
        }
    }

    /** Number of series ever created, including those without committed samples. */
    public int seriesCount() {
        synchronized (lock) {
            return byRef.size();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("in-memory storage is closed");
        }
    }

    private MemSeries resolve(long ref, Labels labels, long t) throws AppendException {
        synchronized (lock) {
            checkOpen();
            if (ref > 0 && ref <= byRef.size()) {
                MemSeries s = byRef.get((int) (ref - 1));
                if (labels == null || s.labels.equals(labels)) {
                    return s;
                }
            }
            if (labels == null || labels.isEmpty()) {
                throw new AppendException(
                        AppendException.Kind.INVALID_LABELS,
                        labels,
                        t,
                        "empty label set and no valid series ref " + ref);
            }
            MemSeries s = byLabels.get(labels);
            if (s == null) {
                s = new MemSeries(byRef.size() + 1L, labels);
                byRef.add(s);
                byLabels.put(labels, s);
            }
            return s;
        }
    }

    private record MemSnapshot(Labels labels, long[] timestamps, double[] values, int count) {}

    private final class MemAppender implements Appender {
        private long[] refs = new long[64];
        private long[] timestamps = new long[64];
        private double[] values = new double[64];
        private int size;
        /** Newest pending sample per series ref: index into the batch arrays. */
        private final Map<Long, Integer> newestPending = new HashMap<>();

        private boolean done;

        @Override
        public long append(long seriesRef, Labels labels, long timestampMs, double value) throws AppendException {
            checkActive();
            MemSeries s = resolve(seriesRef, labels, timestampMs);
            if (timestampMs < minValidTimeMs) {
                throw new AppendException(
                        AppendException.Kind.OUT_OF_BOUNDS,
                        s.labels,
                        timestampMs,
                        "minimum valid time is " + minValidTimeMs);
            }
            Integer pending = newestPending.get(s.ref);
            boolean hasNewest;
            long newestT;
            double newestV;
            if (pending != null) {
                hasNewest = true;
                newestT = timestamps[pending];
                newestV = values[pending];
            } else {
                synchronized (lock) {
                    hasNewest = s.count > 0;
                    newestT = hasNewest ? s.lastTimestamp() : 0;
                    newestV = hasNewest ? s.lastValue() : 0;
                }
            }
            if (hasNewest) {
                if (timestampMs < newestT) {
                    throw new AppendException(
                            AppendException.Kind.OUT_OF_ORDER, s.labels, timestampMs, "newest sample is at " + newestT);
                }
                if (timestampMs == newestT) {
                    if (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(newestV)) {
                        return s.ref;
                    }
                    throw new AppendException(
                            AppendException.Kind.DUPLICATE_TIMESTAMP,
                            s.labels,
                            timestampMs,
                            "existing value " + newestV + ", new value " + value);
                }
            }
            if (size == refs.length) {
                refs = Arrays.copyOf(refs, size * 2);
                timestamps = Arrays.copyOf(timestamps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            refs[size] = s.ref;
            timestamps[size] = timestampMs;
            values[size] = value;
            newestPending.put(s.ref, size);
            size++;
            return s.ref;
        }

        @Override
        public void commit() {
            checkActive();
            done = true;
            synchronized (lock) {
                checkOpen();
                for (int i = 0; i < size; i++) {
                    MemSeries s = byRef.get((int) (refs[i] - 1));
                    // A concurrent appender may have committed newer samples since append(); the head drops these too.
                    if (s.count == 0 || timestamps[i] > s.lastTimestamp()) {
                        s.add(timestamps[i], values[i]);
                    }
                }
            }
        }

        @Override
        public void rollback() {
            checkActive();
            done = true;
            size = 0;
            newestPending.clear();
        }

        private void checkActive() {
            if (done) {
                throw new IllegalStateException("appender already committed or rolled back");
            }
        }
    }

    private static final class MemQuerier implements Querier {
        private final MemSnapshot[] snapshot;
        private final long minT;
        private final long maxT;
        private boolean closed;

        MemQuerier(MemSnapshot[] snapshot, long minT, long maxT) {
            this.snapshot = snapshot;
            this.minT = minT;
            this.maxT = maxT;
        }

        @Override
        public SeriesSet select(boolean sorted, Matcher... matchers) {
            List<Series> out = new ArrayList<>();
            for (MemSnapshot s : matching(matchers)) {
                int from = lowerBound(s, minT);
                int to = maxT == Long.MAX_VALUE ? s.count : lowerBound(s, maxT + 1);
                out.add(new Series() {
                    @Override
                    public Labels labels() {
                        return s.labels;
                    }

                    @Override
                    public SeriesIterator iterator() {
                        checkOpen();
                        return new ArraySeriesIterator(s.timestamps, s.values, from, to);
                    }
                });
            }
            if (sorted) {
                out.sort((a, b) -> a.labels().compareTo(b.labels()));
            }
            return SeriesSet.of(out);
        }

        @Override
        public List<String> labelNames(Matcher... matchers) {
            TreeSet<String> names = new TreeSet<>(Labels::compareStrings);
            for (MemSnapshot s : matching(matchers)) {
                for (int i = 0; i < s.labels.size(); i++) {
                    names.add(s.labels.name(i));
                }
            }
            return List.copyOf(names);
        }

        @Override
        public List<String> labelValues(String name, Matcher... matchers) {
            TreeSet<String> values = new TreeSet<>(Labels::compareStrings);
            for (MemSnapshot s : matching(matchers)) {
                String v = s.labels.get(name);
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
            return List.copyOf(values);
        }

        @Override
        public void close() {
            closed = true;
        }

        private List<MemSnapshot> matching(Matcher[] matchers) {
            checkOpen();
            List<MemSnapshot> out = new ArrayList<>();
            for (MemSnapshot s : snapshot) {
                if (hasSampleInRange(s) && matchesAll(s.labels, matchers)) {
                    out.add(s);
                }
            }
            return out;
        }

        private boolean hasSampleInRange(MemSnapshot s) {
            int i = lowerBound(s, minT);
            return i < s.count && s.timestamps[i] <= maxT;
        }

        private static boolean matchesAll(Labels labels, Matcher[] matchers) {
            for (Matcher m : matchers) {
                if (!m.matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        private static int lowerBound(MemSnapshot s, long t) {
            int found = Arrays.binarySearch(s.timestamps, 0, s.count, t);
            return found >= 0 ? found : -found - 1;
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("querier is closed");
            }
        }
    }
}
