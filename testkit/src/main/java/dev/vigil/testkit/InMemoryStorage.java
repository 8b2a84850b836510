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
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.model.storage.StorageException;
import dev.vigil.model.storage.StorageStats;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

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
 * <p>As a {@link StorageAdmin}: {@link #deleteSeries} removes the samples at once; the emptied series stay in the
 * index (and in {@link #stats}) until {@link #cleanTombstones()} forgets them, as Prometheus's head keeps deleted
 * series until tombstones are cleaned. {@link #snapshot} writes every committed sample to {@code series.txt} in
 * {@link SeriesFixture}'s format under {@code <dataDir>/snapshots/<name>/}; it needs a storage made with {@link
 * #withDataDirectory}. All data of this storage is "head", so {@code skipHead} snapshots are empty directories.
 *
 * <p>Thread-safe; appenders and queriers are for one thread each. Nothing is evicted except by the admin methods.
 */
public final class InMemoryStorage implements Storage, StorageAdmin {
    private static final DateTimeFormatter SNAPSHOT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private final Object lock = new Object();
    private final long minValidTimeMs;
    private final Path dataDir;
    private final Map<Labels, MemSeries> byLabels = new HashMap<>();
    /** Every series by ref, in creation order. */
    private final Map<Long, MemSeries> byRef = new LinkedHashMap<>();

    private long lastRef;
    private boolean closed;

    /** A storage accepting any timestamp. */
    public InMemoryStorage() {
        this(Long.MIN_VALUE);
    }

    /** A storage rejecting samples older than {@code minValidTimeMs} as out of bounds. */
    public InMemoryStorage(long minValidTimeMs) {
        this(minValidTimeMs, null);
    }

    private InMemoryStorage(long minValidTimeMs, Path dataDir) {
        this.minValidTimeMs = minValidTimeMs;
        this.dataDir = dataDir;
    }

    /** A storage accepting any timestamp that writes {@link #snapshot snapshots} under {@code dataDir}. */
    public static InMemoryStorage withDataDirectory(Path dataDir) {
        return new InMemoryStorage(Long.MIN_VALUE, dataDir);
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
            return new MemQuerier(snapshot(), minT, maxT);
        }
    }

    /** Number of series in the index, including those without committed samples. */
    public int seriesCount() {
        synchronized (lock) {
            return byRef.size();
        }
    }

    /** The committed samples of every series, in creation order; the caller holds the lock. */
    private MemSnapshot[] snapshot() {
        MemSnapshot[] snapshot = new MemSnapshot[byRef.size()];
        int i = 0;
        for (MemSeries s : byRef.values()) {
            snapshot[i++] = new MemSnapshot(s.labels, s.timestamps, s.values, s.count);
        }
        return snapshot;
    }

    @Override
    public void deleteSeries(long minT, long maxT, Matcher... matchers) {
        synchronized (lock) {
            checkOpen();
            for (MemSeries s : byRef.values()) {
                if (MemQuerier.matchesAll(s.labels, matchers)) {
                    s.delete(minT, maxT);
                }
            }
        }
    }

    @Override
    public void cleanTombstones() {
        synchronized (lock) {
            checkOpen();
            byRef.values().removeIf(s -> {
                boolean gone = s.deleted && s.count == 0;
                if (gone) {
                    byLabels.remove(s.labels);
                }
                return gone;
            });
        }
    }

    @Override
    public Path snapshot(boolean skipHead) {
        MemSnapshot[] series;
        synchronized (lock) {
            checkOpen();
            if (dataDir == null) {
                throw new StorageException(
                        "this in-memory storage has no data directory for snapshots; create it with withDataDirectory");
            }
            series = snapshot();
        }
        String name = SNAPSHOT_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + String.format(
                        Locale.ROOT, "%016x", ThreadLocalRandom.current().nextLong() >>> 1);
        Path dir = dataDir.resolve("snapshots").resolve(name);
        try {
            Files.createDirectories(dir);
            if (!skipHead) {
                try (Writer out = Files.newBufferedWriter(dir.resolve("series.txt"), StandardCharsets.UTF_8)) {
                    for (MemSnapshot s : series) {
                        for (int i = 0; i < s.count; i++) {
                            out.write(SeriesFixture.line(s.labels, s.values[i], s.timestamps[i]));
                            out.write('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot write snapshot " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    @Override
    public StorageStats stats(int limit) {
        synchronized (lock) {
            checkOpen();
            return MemStats.compute(byRef.values(), limit);
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
            MemSeries byReference = byRef.get(ref);
            if (byReference != null && (labels == null || byReference.labels.equals(labels))) {
                return byReference;
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
                s = new MemSeries(++lastRef, labels);
                byRef.put(s.ref, s);
                byLabels.put(labels, s);
            }
            return s;
        }
    }

    private record MemSnapshot(Labels labels, long[] timestamps, double[] values, int count) {}

    private final class MemAppender implements Appender {
        private MemSeries[] series = new MemSeries[64];
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
            if (size == series.length) {
                series = Arrays.copyOf(series, size * 2);
                timestamps = Arrays.copyOf(timestamps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            series[size] = s;
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
                    MemSeries s = indexed(series[i]);
                    // A concurrent appender may have committed newer samples since append(); the head drops these too.
                    if (s.count == 0 || timestamps[i] > s.lastTimestamp()) {
                        s.add(timestamps[i], values[i]);
                    }
                }
            }
        }

        /**
         * The indexed series for {@code s}: {@code s} itself, put back if cleanTombstones dropped it since the append,
         * or the series another appender created meanwhile for the same labels.
         */
        private MemSeries indexed(MemSeries s) {
            MemSeries current = byLabels.get(s.labels);
            if (current != null) {
                return current;
            }
            byRef.put(s.ref, s);
            byLabels.put(s.labels, s);
            return s;
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

        static boolean matchesAll(Labels labels, Matcher[] matchers) {
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
