package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.relabel.LabelNameScheme;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.index.MemPostings;
import dev.vigil.tsdb.index.PostingsStats;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreBatch;
import dev.vigil.tsdb.rocks.StoredSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The series that receive samples, in memory, over a {@link RocksStore} that holds everything persisted.
 *
 * <p>Write path: an {@link Appender} collects a batch; {@code commit()} takes the commit lock, checks the batch, writes
 * one RocksDB batch (the WAL record and new series definitions) and only then applies the samples to the series'
 * chunks, so a failed write changes nothing in memory. Chunks that fill up are cut into a pending list that the
 * maintenance thread persists in slices ({@link #flushPending()}). Series are found by id (the append ref) without
 * locks.
 *
 * <p>Which series are in memory: those with samples newer than {@link #horizon()} at least; series that stopped
 * receiving samples leave once their data is persisted ({@link #collectGarbage()}) and come back from the store on
 * their next sample. Everything persisted is indexed on disk, so queries over older ranges read postings from the store.
 *
 * <p>Read path: a querier records the commit sequence, a store snapshot and the tombstones under the commit lock.
 * Series keep just enough history (sample counts per commit, chunks persisted since) for open queriers to see exactly
 * what was committed before they were opened.
 *
 * <p>Crash safety: {@link #open} loads open-chunk snapshots and replays the WAL. A checkpoint persists cut chunks,
 * snapshots open chunks and truncates the WAL.
 *
 * <p>Thread-safe.
 */
public final class Head implements AutoCloseable {
    private static final Log log = Log.get(Head.class);
    private static final int SLICE = 20_000;

    final RocksStore store;
    final HeadOptions options;
    final HeadMetrics metrics;
    final MemPostings postings = new MemPostings();
    volatile StoredSeriesFilter stored = new StoredSeriesFilter(1L << 20);
    final SeriesTable table = new SeriesTable();
    final Object createLock = new Object();
    final ReentrantLock commitLock = new ReentrantLock();
    private final TreeMap<Long, Integer> openQueriers = new TreeMap<>();
    private final TreeMap<Long, Integer> headQueryMinTimes = new TreeMap<>();
    private final WalRecord walRecord = new WalRecord();
    /** Where {@link #touchOpenChunks} leaves its sum, so the loads are not optimised away. Commit lock. */
    @SuppressWarnings("unused")
    private long touchSink;

    private final ThreadLocal<HeadAppender.Buffers> appenderBuffers = new ThreadLocal<>();

    /** Cut chunks not yet persisted, in cut order. Commit lock. */
    final List<Pending> pending = new ArrayList<>();

    volatile Tombstones tombstones = Tombstones.NONE;
    private volatile Runnable wakeMaintenance = () -> {};
    private volatile java.util.function.LongConsumer blockRewritten = block -> {};

    /** Next series id to hand out. Create lock. */
    long nextId;

    /** Next series id as stored. Commit lock. */
    long storedNextId;

    /** Sequence of the last write. Commit lock. */
    long seq;

    /** Scratch of the batch being written: the next id and newest time it stores. Commit lock. */
    private long batchNextId;

    private long batchMaxTime = Long.MIN_VALUE;

    /** WAL bytes since the last checkpoint. Commit lock. */
    long walBytes;

    /** A WAL key whose write failed and may have reached RocksDB's log; deleted by the next write. Commit lock. */
    long failedWalSeq;

    long storedMaxTime = Long.MIN_VALUE;
    volatile long maxTime = Long.MIN_VALUE;

    /** Every series with a sample at or after this time is in memory. */
    volatile long horizon;

    private volatile boolean closed;

    /** A chunk cut from a series and waiting to be persisted. */
    record Pending(HeadSeries series, FrozenChunk chunk) {}

    /** Writes a commit carries beyond its WAL record, applied in memory only when the write succeeds. */
    interface DiskWrites {
        /** Adds the writes to {@code batch}; returns the newest sample time written. Commit lock. */
        long prepare(StoreBatch batch);

        /** The batch was written with sequence {@code seq}. Commit lock. */
        void applied(long seq);

        /** Samples stored by these writes. */
        int samples();
    }

    Head(RocksStore store, HeadOptions options, HeadMetrics metrics) {
        this.store = store;
        this.options = options;
        this.metrics = metrics;
    }

    /**
     * Loads the open-chunk snapshots and replays the WAL from {@code store}, then checkpoints.
     *
     * @return the head and what recovery found
     */
    public static Head open(RocksStore store, HeadOptions options, HeadMetrics metrics, ReplayReport.Builder report) {
        Head head = new Head(store, options, metrics);
        HeadReplay.replay(head, report);
        head.checkpoint();
        return head;
    }

    /** Called with each block whose persisted chunks backfill or tombstone clean-up rewrote. */
    void onBlockRewritten(java.util.function.LongConsumer listener) {
        this.blockRewritten = listener;
    }

    void blockRewritten(long block) {
        blockRewritten.accept(block);
    }

    /** Called when work for the maintenance thread appears (cut chunks, a due checkpoint). */
    public void onMaintenanceDue(Runnable wake) {
        this.wakeMaintenance = wake;
    }

    // ---- series ------------------------------------------------------------------------------------------------

    HeadSeries series(long id) {
        return table.get(id);
    }

    /** Adds a series to memory and to the head postings. Create lock. */
    void register(HeadSeries s) {
        table.add(s);
        postings.add(s.id, s.labels);
        nextId = Math.max(nextId, s.id + 1);
        metrics.seriesCreated.inc();
    }

    /** The series from the store, or null; brought into memory. Create lock. */
    HeadSeries loadFromStore(long id) {
        StoredSeries stored = store.loadSeries(id);
        return stored == null ? null : bringBack(stored);
    }

    /** Brings a stored series into memory. Create lock. */
    private HeadSeries bringBack(StoredSeries stored) {
        long id = stored.id();
        HeadSeries s = new HeadSeries(id, stored.labels());
        s.persisted = true;
        s.restorePersisted(stored.minT(), stored.maxT(), stored.lastValue());
        register(s);
        return s;
    }

    /**
     * The series for {@code ref} when it names one with these labels (or labels are null), else by labels, created
     * when new.
     */
    HeadSeries resolve(long ref, Labels labels, long t) throws AppendException {
        HeadSeries s = table.get(ref);
        if (s != null && (labels == null || labels == s.labels)) {
            return s;
        }
        if (s != null && labels.equals(s.labels)) {
            s.labels = labels;
            return s;
        }
        if (labels == null || labels.isEmpty()) {
            metrics.invalidLabels.inc();
            throw new AppendException(
                    AppendException.Kind.INVALID_LABELS, labels, t, "empty label set and no valid series ref " + ref);
        }
        s = table.get(labels);
        if (s != null) {
            s.labels = labels;
            return s;
        }
        String problem = invalidLabels(labels);
        if (problem != null) {
            metrics.invalidLabels.inc();
            throw new AppendException(AppendException.Kind.INVALID_LABELS, labels, t, problem);
        }
        synchronized (createLock) {
            s = table.get(labels);
            if (s != null) {
                return s;
            }
            checkOpen();
            StoredSeries found = stored.mightContain(labels) ? store.findStoredSeries(labels) : null;
            if (found != null) {
                return bringBack(found);
            }
            s = new HeadSeries(nextId, labels);
            register(s);
            return s;
        }
    }

    /**
     * Why labels cannot be stored, or null. Empty values were already dropped and duplicate names rejected when the
     * labels were built; what remains is text that is not valid UTF-8 (a lone surrogate).
     */
    static String invalidLabels(Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (!LabelNameScheme.UTF8.isValid(labels.name(i))) {
                return "label name \"" + labels.name(i) + "\" is not valid UTF-8";
            }
            if (!LabelNameScheme.UTF8.isValid(labels.value(i))) {
                return "value of label \"" + labels.name(i) + "\" is not valid UTF-8";
            }
        }
        return null;
    }

    /** Samples before this time are out of bounds. */
    long minValidTime() {
        long newest = maxTime;
        return options.retentionMs() <= 0 || newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - options.retentionMs();
    }

    /** Timestamp of the newest sample stored, or {@code Long.MIN_VALUE}. */
    public long maxTime() {
        return maxTime;
    }

    /** Every series with samples at or after this time is in memory. */
    public long horizon() {
        return horizon;
    }

    /** Number of series in memory. */
    public int seriesCount() {
        return table.size();
    }

    public Appender appender() {
        checkOpen();
        return new HeadAppender(this);
    }

    /** Batch arrays left by this thread's last finished appender, or new ones. */
    HeadAppender.Buffers takeAppenderBuffers() {
        HeadAppender.Buffers b = appenderBuffers.get();
        if (b == null) {
            return new HeadAppender.Buffers();
        }
        appenderBuffers.set(null);
        return b;
    }

    void returnAppenderBuffers(HeadAppender.Buffers buffers) {
        appenderBuffers.set(buffers);
    }

    /** An appender for backfill: samples older than a series' in-memory data go straight to persisted chunks. */
    public Appender backfillAppender() {
        checkOpen();
        return new BackfillAppender(this);
    }

    void checkOpen() {
        if (closed) {
            throw new StorageException("tsdb is closed");
        }
    }

    // ---- queriers ----------------------------------------------------------------------------------------------

    public Querier querier(long minT, long maxT) {
        commitLock.lock();
        try {
            checkOpen();
            long snapshotSeq = seq;
            boolean useHead = minT >= horizon;
            var view = store.readView();
            synchronized (openQueriers) {
                openQueriers.merge(snapshotSeq, 1, Integer::sum);
                if (useHead) {
                    headQueryMinTimes.merge(minT, 1, Integer::sum);
                }
            }
            return new HeadQuerier(this, view, snapshotSeq, minT, maxT, tombstones, useHead);
        } finally {
            commitLock.unlock();
        }
    }

    void querierClosed(long snapshotSeq, long minT, boolean usedHead) {
        synchronized (openQueriers) {
            openQueriers.computeIfPresent(snapshotSeq, (k, n) -> n == 1 ? null : n - 1);
            if (usedHead) {
                headQueryMinTimes.computeIfPresent(minT, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** Open queriers need history from this commit sequence on; {@code Long.MAX_VALUE} when none is open. */
    long lowWatermark() {
        synchronized (openQueriers) {
            return openQueriers.isEmpty() ? Long.MAX_VALUE : openQueriers.firstKey();
        }
    }

    private long oldestHeadQueryMinTime() {
        synchronized (openQueriers) {
            return headQueryMinTimes.isEmpty() ? Long.MAX_VALUE : headQueryMinTimes.firstKey();
        }
    }

    // ---- commit ------------------------------------------------------------------------------------------------

    /**
     * Commits a batch of samples whose series the caller owns. Nothing changes in memory unless the store write
     * succeeds. Returns how many samples were stored.
     */
    int commit(HeadSeries[] series, long[] times, double[] values, int n, DiskWrites disk) {
        if (n == 0 && disk == null) {
            return 0;
        }
        commitLock.lock();
        try {
            checkOpen();
            long commitSeq = seq + 1;
            int accepted = accept(series, times, n);
            long newest = maxTime;
            for (int i = 0; i < n; i++) {
                if (series[i] != null) {
                    newest = Math.max(newest, times[i]);
                }
            }
            int recordBytes = 0;
            try (StoreBatch batch = store.batch()) {
                defineNewSeries(series, n, batch);
                if (accepted > 0) {
                    walRecord.start(accepted);
                    for (int i = 0; i < n; i++) {
                        if (series[i] != null) {
                            walRecord.add(series[i].id, times[i], values[i]);
                        }
                    }
                    byte[] record = walRecord.toBytes();
                    recordBytes = record.length;
                    batch.putWal(commitSeq, record);
                }
                if (disk != null) {
                    newest = Math.max(newest, disk.prepare(batch));
                }
                finishBatch(batch, commitSeq, newest);
                batch.write(options.syncWrites());
            } catch (StorageException e) {
                writeFailed(commitSeq);
                metrics.commitFailures.inc();
                throw e;
            }
            written(commitSeq);
            markDefined(series, n);
            apply(series, times, values, n, commitSeq);
            if (disk != null) {
                disk.applied(commitSeq);
                accepted += disk.samples();
            }
            maxTime = newest;
            walBytes += recordBytes;
            metrics.commits.inc();
            metrics.samplesAppended.inc(accepted);
            if (walBytes > options.checkpointWalBytes() || !pending.isEmpty()) {
                wakeMaintenance.run();
            }
            return accepted;
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Drops samples that are not newer than their series' newest committed one. The appender checked this and its
     * ownership of the series keeps it true (memory changes only after the write, so a batch's later samples of a
     * series are checked against the same newest sample); this guards the WAL against replaying a sample twice.
     * Returns how many remain.
     */
    private int accept(HeadSeries[] series, long[] times, int n) {
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            if (times[i] > series[i].lastTime) {
                accepted++;
            } else {
                series[i] = null;
                metrics.outOfOrder.inc();
            }
        }
        return accepted;
    }

    /** Adds definitions of series not yet in the store. Commit lock. */
    void defineNewSeries(HeadSeries[] series, int n, StoreBatch batch) {
        boolean any = false;
        IdentityHashMap<HeadSeries, Boolean> seen = null;
        for (int i = 0; i < n; i++) {
            HeadSeries s = series[i];
            if (s != null && !s.persisted) {
                if (seen == null) {
                    seen = new IdentityHashMap<>();
                }
                if (seen.put(s, Boolean.TRUE) == null) {
                    batch.putSeries(s.id, s.labels);
                    any = true;
                }
            }
        }
        if (any) {
            synchronized (createLock) {
                batchNextId = nextId;
            }
            if (batchNextId > storedNextId) {
                batch.putNextSeriesId(batchNextId);
            }
        }
    }

    /**
     * Adds the bookkeeping every write carries: its sequence (so sequences stay monotonic across restarts), the
     * newest sample time, and the removal of a WAL record whose write failed but may have reached RocksDB's log.
     */
    void finishBatch(StoreBatch batch, long writeSeq, long newestTime) {
        batch.putLastSeq(writeSeq);
        batchMaxTime = newestTime;
        if (newestTime > storedMaxTime) {
            batch.putMaxTime(newestTime);
        }
        if (failedWalSeq != 0) {
            batch.deleteWal(failedWalSeq);
        }
    }

    /**
     * Writes {@code batch} as the next write with the bookkeeping every write carries and returns its sequence. On
     * failure the sequence is spent and the exception rethrown; callers change memory only after this returned.
     * Commit lock.
     */
    long write(StoreBatch batch, boolean sync) {
        long writeSeq = seq + 1;
        try {
            finishBatch(batch, writeSeq, maxTime);
            batch.write(sync);
        } catch (StorageException e) {
            writeFailed(writeSeq);
            throw e;
        }
        written(writeSeq);
        return writeSeq;
    }

    /** Records that the write with sequence {@code writeSeq} succeeded. Commit lock. */
    void written(long writeSeq) {
        seq = writeSeq;
        failedWalSeq = 0;
        storedMaxTime = Math.max(storedMaxTime, batchMaxTime);
        storedNextId = Math.max(storedNextId, batchNextId);
    }

    /**
     * Records that the write with sequence {@code writeSeq} failed: the sequence is spent (its WAL key is not reused)
     * and, as the first failure since the last success, its WAL key is deleted by the next write. Later failures are
     * refused by the store before reaching RocksDB. Commit lock.
     */
    void writeFailed(long writeSeq) {
        seq = writeSeq;
        if (failedWalSeq == 0) {
            failedWalSeq = writeSeq;
        }
    }

    void markDefined(HeadSeries[] series, int n) {
        for (int i = 0; i < n; i++) {
            HeadSeries s = series[i];
            if (s != null && !s.persisted) {
                s.persisted = true;
                stored.add(s.labels.hash());
            }
        }
    }

    /** Rebuilds the filter of stored series from the store when it has grown too full. */
    public void refreshStoredFilter(boolean force) {
        if (!force && !stored.full()) {
            return;
        }
        long[] count = {0};
        store.forEachLabelsHash(hash -> count[0]++);
        commitLock.lock();
        try {
            // Filled completely before it replaces the old one, which keeps answering meanwhile.
            StoredSeriesFilter fresh = new StoredSeriesFilter(count[0] * 2);
            store.forEachLabelsHash(fresh::add);
            stored = fresh;
        } finally {
            commitLock.unlock();
        }
    }

    /** Appends committed samples to their series, cutting full chunks into the pending list. Commit lock. */
    void apply(HeadSeries[] series, long[] times, double[] values, int n, long commitSeq) {
        long low = lowWatermark();
        touchSink = touchOpenChunks(series, n);
        for (int i = 0; i < n; i++) {
            HeadSeries s = series[i];
            if (s == null) {
                continue;
            }
            FrozenChunk cut = s.append(times[i], values[i]);
            s.dirty = true;
            if (cut != null) {
                pending.add(new Pending(s, cut));
                metrics.chunksCreated.inc();
            }
        }
        for (int i = 0; i < n; i++) {
            HeadSeries s = series[i];
            // The appender left pendingIndex at each series' last sample in the batch: record the commit once.
            if (s != null && s.pendingIndex == i) {
                s.markCommitted(commitSeq, low);
            }
        }
    }

    /**
     * Loads every series' open chunk before appending to them. A batch's series are scattered over the heap, so each
     * append would otherwise wait for its own cache misses (series, chunk, chunk words) one after the other; in this
     * short loop the processor keeps many of those loads in flight at once. Commit lock.
     */
    private static long touchOpenChunks(HeadSeries[] series, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            HeadSeries s = series[i];
            if (s != null) {
                sum += s.touchOpen();
            }
        }
        return sum;
    }

    // ---- persisting --------------------------------------------------------------------------------------------

    /** Persists cut chunks in slices, each one write. Returns how many were written. */
    public int flushPending() {
        int written = 0;
        while (true) {
            commitLock.lock();
            try {
                if (pending.isEmpty() || closed) {
                    return written;
                }
                int n = Math.min(SLICE, pending.size());
                try (StoreBatch batch = store.batch()) {
                    persistPending(batch, n);
                    markPersisted(n, write(batch, false));
                }
                written += n;
            } finally {
                commitLock.unlock();
            }
        }
    }

    /** Adds the first {@code n} pending chunks and their series' new spans to {@code batch}. Commit lock. */
    private void persistPending(StoreBatch batch, int n) {
        Map<HeadSeries, long[]> spans = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Pending p = pending.get(i);
            HeadSeries s = p.series();
            FrozenChunk f = p.chunk();
            batch.putChunk(s.id, f.minT, f.maxT, f.bytes);
            long[] span = spans.computeIfAbsent(s, k -> new long[] {k.persistedMinT(), k.persistedMaxT()});
            long newMin = Math.min(span[0], f.minT);
            long newMax = Math.max(span[1], f.maxT);
            batch.putSeriesRange(s.id, newMin, newMax, f.lastValue, span[1]);
            span[0] = newMin;
            span[1] = newMax;
            if (s.snapshotted) {
                batch.deleteHeadChunk(s.id);
            }
        }
    }

    private void markPersisted(int n, long writeSeq) {
        long low = lowWatermark();
        for (int i = 0; i < n; i++) {
            Pending p = pending.get(i);
            p.series().persisted(p.chunk(), writeSeq);
            p.series().snapshotted = false;
            p.series().dropFrozen(low);
        }
        pending.subList(0, n).clear();
        metrics.chunksPersisted.inc(n);
    }

    /** Whether the WAL has grown enough since the last checkpoint. */
    public boolean checkpointDue() {
        commitLock.lock();
        try {
            return walBytes > options.checkpointWalBytes();
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Persists cut chunks, snapshots every changed open chunk into the head family and truncates the WAL (fsynced),
     * in slices so commits continue in between.
     */
    public void checkpoint() {
        long checkpointSeq;
        long walAtStart;
        commitLock.lock();
        try {
            checkOpen();
            checkpointSeq = seq;
            walAtStart = walBytes;
        } finally {
            commitLock.unlock();
        }
        try {
            flushPending();
            HeadSeries[] all = table.toArray();
            for (int from = 0; from < all.length; from += SLICE) {
                snapshotOpenChunks(all, from, Math.min(all.length, from + SLICE));
            }
            commitLock.lock();
            try {
                checkOpen();
                int n = pending.size();
                try (StoreBatch batch = store.batch()) {
                    persistPending(batch, n);
                    batch.deleteWalThrough(checkpointSeq);
                    markPersisted(n, write(batch, true));
                }
                walBytes -= walAtStart;
            } finally {
                commitLock.unlock();
            }
            metrics.checkpoints.inc();
        } catch (StorageException e) {
            metrics.checkpointFailures.inc();
            throw e;
        }
    }

    private void snapshotOpenChunks(HeadSeries[] all, int from, int to) {
        commitLock.lock();
        try {
            checkOpen();
            List<HeadSeries> snapshotted = new ArrayList<>();
            int n = pending.size();
            try (StoreBatch batch = store.batch()) {
                persistPending(batch, n);
                for (int i = from; i < to; i++) {
                    HeadSeries s = all[i];
                    if (!s.dirty || s.removed()) {
                        continue;
                    }
                    byte[] bytes = s.openBytes();
                    if (bytes != null) {
                        batch.putHeadChunk(s.id, bytes);
                        snapshotted.add(s);
                    }
                }
                if (batch.count() == 0) {
                    return;
                }
                markPersisted(n, write(batch, false));
            }
            for (HeadSeries s : snapshotted) {
                s.dirty = false;
                s.snapshotted = true;
            }
        } finally {
            commitLock.unlock();
        }
    }

    // ---- letting go ----------------------------------------------------------------------------------------------

    /** Cuts open chunks that received no sample for {@code idleCutMs}, so their series can leave memory. */
    public int cutIdleChunks() {
        long newest = maxTime;
        if (newest == Long.MIN_VALUE) {
            return 0;
        }
        long before = newest - options.idleCutMs();
        // Find candidates without the commit lock (a walk over every series), then cut them under it.
        List<HeadSeries> idle = new ArrayList<>();
        for (HeadSeries s : table.toArray()) {
            long open = s.openMaxTime();
            if (open != Long.MIN_VALUE && open < before) {
                idle.add(s);
            }
        }
        int cut = 0;
        for (int from = 0; from < idle.size(); from += SLICE) {
            commitLock.lock();
            try {
                for (HeadSeries s : idle.subList(from, Math.min(idle.size(), from + SLICE))) {
                    long open = s.openMaxTime();
                    if (open != Long.MIN_VALUE && open < before && s.owner() == null) {
                        FrozenChunk f = s.cutOpen();
                        if (f != null) {
                            pending.add(new Pending(s, f));
                            metrics.chunksCreated.inc();
                            cut++;
                        }
                    }
                }
            } finally {
                commitLock.unlock();
            }
        }
        return cut;
    }

    /**
     * Lets series go whose data is all persisted and whose newest sample is older than the new horizon, unless an
     * appender holds them or a querier that reads the head postings may need them. Returns how many left.
     */
    public int collectGarbage() {
        long newest = maxTime;
        if (newest == Long.MIN_VALUE) {
            return 0;
        }
        long newHorizon = Math.max(horizon, newest - options.keepMs());
        List<HeadSeries> candidates = new ArrayList<>();
        for (HeadSeries s : table.toArray()) {
            if (s.lastTime < newHorizon) {
                candidates.add(s);
            }
        }
        commitLock.lock();
        try {
            long limit = Math.min(newHorizon, oldestHeadQueryMinTime());
            long low = lowWatermark();
            List<HeadSeries> victims = new ArrayList<>();
            for (HeadSeries s : candidates) {
                if (s.lastTime < limit && s.persisted && !s.removed()) {
                    s.dropFrozen(low);
                    if (s.frozenCount() == 0 && !s.hasUnpersistedData() && s.claimForRemoval()) {
                        victims.add(s);
                    }
                }
            }
            forget(victims);
            // Every series that left had its newest sample before limit.
            horizon = Math.max(horizon, limit);
            return victims.size();
        } finally {
            commitLock.unlock();
        }
    }

    /** Removes series (already claimed for removal) from memory and the head postings. Commit lock. */
    void forget(List<HeadSeries> victims) {
        if (victims.isEmpty()) {
            return;
        }
        victims.sort((a, b) -> Long.compare(a.id, b.id));
        long[] ids = new long[victims.size()];
        List<Labels> labels = new ArrayList<>(victims.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = victims.get(i).id;
            labels.add(victims.get(i).labels);
            table.remove(victims.get(i));
        }
        postings.removeAll(ids, labels);
        metrics.seriesRemoved.inc(victims.size());
    }

    // ---- figures -----------------------------------------------------------------------------------------------

    /** Head figures for self-metrics and the status page. Walks every series. */
    public HeadFigures figures() {
        long chunks = 0;
        long chunkBytes = 0;
        long minTime = Long.MAX_VALUE;
        long seriesBytes = 0;
        HeadSeries[] all = table.toArray();
        for (HeadSeries s : all) {
            chunks += s.memoryChunkCount();
            chunkBytes += s.chunkBytes();
            minTime = Math.min(minTime, s.memoryMinTime());
            seriesBytes += SeriesMemory.bytes(s);
        }
        int pendingChunks;
        long wal;
        commitLock.lock();
        try {
            pendingChunks = pending.size();
            wal = walBytes;
        } finally {
            commitLock.unlock();
        }
        return new HeadFigures(
                all.length,
                chunks,
                pendingChunks,
                chunkBytes,
                seriesBytes + table.bytes() + postings.bytes(),
                minTime,
                all.length == 0 ? Long.MIN_VALUE : maxTime,
                wal,
                tombstones.seriesCount());
    }

    /** Top-N figures of the head postings. */
    public PostingsStats postingsStats(int limit) {
        return postings.stats(limit);
    }

    /** Persists everything (unless the store refuses writes) and stops accepting appends and queriers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!store.failed()) {
                checkpoint();
            }
        } catch (StorageException e) {
            log.error("Cannot checkpoint tsdb on close; the WAL keeps the data", e);
        } finally {
            commitLock.lock();
            try {
                closed = true;
            } finally {
                commitLock.unlock();
            }
        }
    }
}
