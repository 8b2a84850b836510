package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.index.MemPostings;
import dev.vigil.tsdb.rocks.RocksStore;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All series in memory, each with an open chunk, over a {@link RocksStore}.
 *
 * <p>Write path: an {@link Appender} collects a batch; {@code commit()} takes the commit lock, appends the samples to
 * the series' chunks (cutting full chunks into the store), and writes one RocksDB batch holding the WAL record of the
 * accepted samples, new series definitions and cut chunks. Series are found by ref (= series id) in O(1).
 *
 * <p>Read path: a querier records the commit sequence and a store snapshot under the commit lock. Series keep just
 * enough history (sample counts per commit, chunks cut since) for open queriers to see exactly what was committed
 * before they were opened.
 *
 * <p>Crash safety: {@link #open} replays the WAL into the head, then checkpoints. A checkpoint persists every open chunk
 * and truncates the WAL; it runs on open, on {@link #close()} and when the WAL since the last one exceeds a size.
 *
 * <p>Thread-safe. If a store write fails the head cannot tell what is durable, so it refuses further commits.
 */
public final class Head implements AutoCloseable {

    private final RocksStore store;
    private final boolean syncWrites;
    private final long retentionMs;
    private final long checkpointWalBytes;
    private final MemPostings postings = new MemPostings();
    private final Map<Labels, HeadSeries> byLabels = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final TreeMap<Long, Integer> openQueriers = new TreeMap<>();
    private final WalRecord walRecord = new WalRecord();

    /** Index = series id; republished (volatile write) after every change so lock-free readers see new series. */
    private volatile HeadSeries[] byId = new HeadSeries[1024];

    private long nextId = 1;
    private long seq;
    private long walBytesSinceCheckpoint;
    private volatile long maxTime = Long.MIN_VALUE;
    private volatile boolean failed;
    private boolean closed;

    private Head(RocksStore store, boolean syncWrites, long retentionMs, long checkpointWalBytes) {
        this.store = store;
        this.syncWrites = syncWrites;
        this.retentionMs = retentionMs;
        this.checkpointWalBytes = checkpointWalBytes;
    }

    /**
     * Loads series from {@code store}, replays its WAL and checkpoints.
     *
     * @param syncWrites fsync every commit (survives power loss) instead of only writing it to the OS (survives a
     *     process crash)
     * @param retentionMs samples older than the newest minus this are out of bounds; 0 for no limit
     * @param checkpointWalBytes WAL size after which a commit triggers a checkpoint
     */
    public static Head open(RocksStore store, boolean syncWrites, long retentionMs, long checkpointWalBytes) {
        Head head = new Head(store, syncWrites, retentionMs, checkpointWalBytes);
        head.replay();
        return head;
    }

    private void replay() {
        store.forEachSeries((id, labels) -> {
            HeadSeries s = register(id, labels);
            s.persisted = true;
        });
        store.forEachSeriesRange((id, minT, maxT, lastValue) -> {
            HeadSeries s = series(id);
            if (s == null) {
                throw new StorageException("tsdb index has a time range for unknown series " + id);
            }
            s.restorePersisted(minT, maxT, lastValue);
            maxTime = Math.max(maxTime, maxT);
        });
        commitLock.lock();
        try (RocksStore.Batch batch = store.batch()) {
            long[] lastSeq = {0};
            store.forEachWal((walSeq, record) -> {
                WalRecord.decode(record, (id, t, v) -> {
                    HeadSeries s = series(id);
                    if (s == null) {
                        throw new StorageException("tsdb WAL record " + walSeq + " names unknown series " + id);
                    }
                    // Samples already persisted in chunks fail this check and are skipped.
                    if (s.append(t, v, walSeq, batch)) {
                        maxTime = Math.max(maxTime, t);
                    }
                });
                lastSeq[0] = walSeq;
            });
            seq = lastSeq[0];
            batch.write(true);
        } finally {
            commitLock.unlock();
        }
        checkpoint();
    }

    private HeadSeries register(long id, Labels labels) {
        HeadSeries s = new HeadSeries(id, labels);
        HeadSeries[] table = byId;
        if (id >= table.length) {
            table = Arrays.copyOf(table, (int) Math.max(id + 1, table.length * 2L));
        }
        table[(int) id] = s;
        byLabels.put(labels, s);
        postings.add(id, labels);
        nextId = Math.max(nextId, id + 1);
        byId = table;
        return s;
    }

    /** The series with id {@code ref}, or null. */
    HeadSeries series(long ref) {
        HeadSeries[] table = byId;
        return ref > 0 && ref < table.length ? table[(int) ref] : null;
    }

    /** The series for {@code ref} when it names one with these labels (or labels are null), else by labels. */
    HeadSeries resolve(long ref, Labels labels, long t) throws AppendException {
        HeadSeries s = series(ref);
        if (s != null && (labels == null || labels.equals(s.labels))) {
            return s;
        }
        if (labels == null || labels.isEmpty()) {
            throw new AppendException(
                    AppendException.Kind.INVALID_LABELS, labels, t, "empty label set and no valid series ref " + ref);
        }
        s = byLabels.get(labels);
        if (s != null) {
            return s;
        }
        synchronized (createLock) {
            s = byLabels.get(labels);
            return s != null ? s : register(nextId, labels);
        }
    }

    /** Samples before this time are out of bounds. */
    long minValidTime() {
        long newest = maxTime;
        return retentionMs <= 0 || newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - retentionMs;
    }

    /** Timestamp of the newest sample in the head or store, or {@code Long.MIN_VALUE}. */
    public long maxTime() {
        return maxTime;
    }

    /** Number of series in the head. */
    public int seriesCount() {
        return postings.size();
    }

    public Appender appender() {
        checkUsable();
        return new HeadAppender(this);
    }

    public Querier querier(long minT, long maxT) {
        commitLock.lock();
        try {
            if (closed) {
                throw new StorageException("tsdb is closed");
            }
            long snapshotSeq = seq;
            RocksStore.ChunkSnapshot snapshot = store.snapshot();
            synchronized (openQueriers) {
                openQueriers.merge(snapshotSeq, 1, Integer::sum);
            }
            return new HeadQuerier(this, postings, snapshot, snapshotSeq, minT, maxT);
        } finally {
            commitLock.unlock();
        }
    }

    void querierClosed(long snapshotSeq) {
        synchronized (openQueriers) {
            openQueriers.computeIfPresent(snapshotSeq, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Open queriers need history from this commit sequence on; {@code Long.MAX_VALUE} when none is open. */
    private long lowWatermark() {
        synchronized (openQueriers) {
            return openQueriers.isEmpty() ? Long.MAX_VALUE : openQueriers.firstKey();
        }
    }

    /** Commits a batch; returns how many samples were accepted (concurrent commits may make some out of order). */
    int commit(HeadSeries[] series, long[] times, double[] values, int n) {
        if (n == 0) {
            return 0;
        }
        commitLock.lock();
        try {
            checkUsable();
            long commitSeq = ++seq;
            byte[] record;
            int accepted = 0;
            long newest = maxTime;
            try (RocksStore.Batch batch = store.batch()) {
                for (int i = 0; i < n; i++) {
                    HeadSeries s = series[i];
                    if (!s.persisted) {
                        batch.putSeries(s.id, s.labels);
                        s.persisted = true;
                    }
                    if (s.append(times[i], values[i], commitSeq, batch)) {
                        accepted++;
                        newest = Math.max(newest, times[i]);
                    } else {
                        // A concurrent commit made it out of order; the WAL must not replay it.
                        series[i] = null;
                    }
                }
                walRecord.start(accepted);
                for (int i = 0; i < n; i++) {
                    if (series[i] != null) {
                        walRecord.add(series[i].id, times[i], values[i]);
                    }
                }
                record = walRecord.toBytes();
                batch.putWal(commitSeq, record);
                batch.write(syncWrites);
            } catch (RuntimeException e) {
                failed = true;
                throw e instanceof StorageException se ? se : new StorageException("cannot commit to tsdb", e);
            }
            maxTime = newest;
            long low = lowWatermark();
            for (int i = 0; i < n; i++) {
                if (series[i] != null) {
                    series[i].markCommitted(commitSeq, low);
                }
            }
            walBytesSinceCheckpoint += record.length;
            if (walBytesSinceCheckpoint > checkpointWalBytes) {
                checkpoint();
            }
            return accepted;
        } finally {
            commitLock.unlock();
        }
    }

    /** Persists every open chunk and truncates the WAL in one synced write. */
    public void checkpoint() {
        commitLock.lock();
        try {
            checkUsable();
            long checkpointSeq = ++seq;
            HeadSeries[] table = byId;
            try (RocksStore.Batch batch = store.batch()) {
                for (HeadSeries s : table) {
                    if (s != null) {
                        s.cut(checkpointSeq, batch);
                    }
                }
                batch.deleteWalThrough(checkpointSeq);
                batch.write(true);
            } catch (RuntimeException e) {
                failed = true;
                throw e instanceof StorageException se ? se : new StorageException("cannot checkpoint tsdb", e);
            }
            long low = lowWatermark();
            for (HeadSeries s : table) {
                if (s != null) {
                    s.dropFrozen(low);
                }
            }
            walBytesSinceCheckpoint = 0;
        } finally {
            commitLock.unlock();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new StorageException("tsdb is closed");
        }
        if (failed) {
            throw new StorageException(
                    "tsdb refuses writes after a failed store write; reopen it to recover from the WAL");
        }
    }

    /** Checkpoints (unless a write failed) and stops accepting appends and queriers. Does not close the store. */
    @Override
    public void close() {
        commitLock.lock();
        try {
            if (closed) {
                return;
            }
            if (!failed) {
                checkpoint();
            }
            closed = true;
        } finally {
            commitLock.unlock();
        }
    }
}
