package dev.vigil.tsdb;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Storage;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.model.storage.StorageException;
import dev.vigil.model.storage.StorageStats;
import dev.vigil.tsdb.head.BlockCompaction;
import dev.vigil.tsdb.head.Deletions;
import dev.vigil.tsdb.head.Head;
import dev.vigil.tsdb.head.HeadFigures;
import dev.vigil.tsdb.head.HeadMetrics;
import dev.vigil.tsdb.head.HeadOptions;
import dev.vigil.tsdb.head.ReplayReport;
import dev.vigil.tsdb.index.PostingsStats;
import dev.vigil.tsdb.rocks.RocksLogScanner;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.WriteFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The RocksDB-backed {@link Storage}, with the administrative operations of {@link StorageAdmin}.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * MetricRegistry registry = ...;                                   // its vigil_tsdb_* metrics go here
 * try (Tsdb tsdb = Tsdb.open(new TsdbOptions(dir, Duration.ofDays(15), 0), registry)) {
 *     Appender app = tsdb.appender();
 *     ref = app.append(ref, labels, t, v);
 *     app.commit();                       // one RocksDB write batch; survives kill -9 once this returns
 *     try (Querier q = tsdb.querier(minT, maxT)) { ... }
 *     KeyValueStore kv = tsdb.keyValueStore();
 * }
 * }</pre>
 *
 * <p>A background thread (see {@link TsdbOptions#maintenanceInterval()}) persists cut chunks, checkpoints, applies
 * retention by time and size, and lets series that stopped receiving samples leave memory. After a failed write (a
 * full disk) commits fail with {@link StorageException} until that thread has reopened the store, which it tries as
 * soon as there is free space; nothing committed before is lost.
 *
 * <p>Thread-safe; appenders and queriers are for one thread each.
 */
public final class Tsdb implements Storage, StorageAdmin {
    private static final Log log = Log.get(Tsdb.class);

    private final TsdbOptions options;
    private final RocksStore store;
    private final Head head;
    private final Deletions deletions;
    private final BlockCompaction compaction;
    private final MetricRegistry registry;
    private final HeadMetrics headMetrics;
    private final TsdbCollector collector;
    private final Counter retentionDeletions;
    private final Counter retentionSeriesRemoved;
    private final Counter maintenanceFailures;
    private final ReplayReport recovery;
    private final KeyValueStore keyValueStore;
    private final Semaphore wake = new Semaphore(0);
    private final Object maintenanceLock = new Object();
    private volatile Thread maintenance;
    private volatile boolean closed;

    private Tsdb(
            TsdbOptions options,
            RocksStore store,
            Head head,
            MetricRegistry registry,
            HeadMetrics headMetrics,
            ReplayReport recovery) {
        this.options = options;
        this.store = store;
        this.head = head;
        this.deletions = new Deletions(head);
        this.compaction = new BlockCompaction(head);
        this.registry = registry;
        this.headMetrics = headMetrics;
        this.recovery = recovery;
        this.keyValueStore = new KeyValueStore(store, options.syncWrites());
        this.collector = registry.register(new TsdbCollector(head, store));
        this.retentionDeletions = registry.counter(
                "vigil_tsdb_retention_deletions_total",
                "Retention passes that deleted blocks, by the limit that was exceeded.",
                "reason");
        this.retentionSeriesRemoved = registry.counter(
                "vigil_tsdb_retention_series_removed_total",
                "Series forgotten because retention deleted all their data.");
        this.maintenanceFailures =
                registry.counter("vigil_tsdb_maintenance_failures_total", "Background maintenance passes that failed.");
    }

    /** Opens or creates the database with metrics in a registry of its own. */
    public static Tsdb open(TsdbOptions options) {
        return open(options, new MetricRegistry());
    }

    /**
     * Opens or creates the database, rebuilds the head from the WAL and starts background maintenance. Its {@code
     * vigil_tsdb_*} metrics are registered in {@code registry} (and removed on close).
     *
     * @throws StorageException when the directory cannot be opened (e.g. another process holds it) or its content is
     *     unreadable
     */
    public static Tsdb open(TsdbOptions options, MetricRegistry registry) {
        return open(options, registry, new WriteFaults());
    }

    /** As {@link #open(TsdbOptions, MetricRegistry)}, with writes that {@code faults} can make fail (for tests). */
    static Tsdb open(TsdbOptions options, MetricRegistry registry, WriteFaults faults) {
        ReplayReport.Builder report = new ReplayReport.Builder();
        RocksLogScanner.scan(options.dir()).forEach(report::problem);
        RocksStore store = RocksStore.open(options.dir(), faults);
        HeadMetrics headMetrics = null;
        try {
            headMetrics = new HeadMetrics(registry);
            HeadOptions headOptions = HeadOptions.defaults()
                    .withRetention(options.retention().toMillis())
                    .withCheckpointWalBytes(options.checkpointWalBytes());
            if (options.syncWrites()) {
                headOptions = new HeadOptions(
                        true,
                        headOptions.retentionMs(),
                        headOptions.checkpointWalBytes(),
                        headOptions.idleCutMs(),
                        headOptions.keepMs());
            }
            Head head = Head.open(store, headOptions, headMetrics, report);
            ReplayReport recovery = report.build();
            Tsdb tsdb = new Tsdb(options, store, head, registry, headMetrics, recovery);
            log.info(
                    "TSDB opened",
                    "dir",
                    options.dir(),
                    "series_in_memory",
                    head.seriesCount(),
                    "wal_records",
                    recovery.walRecords(),
                    "samples_replayed",
                    recovery.samplesReplayed(),
                    "problems",
                    recovery.problems().size(),
                    "duration",
                    recovery.durationMs() + "ms");
            tsdb.startMaintenance();
            return tsdb;
        } catch (RuntimeException e) {
            if (headMetrics != null) {
                headMetrics.unregister(registry);
            }
            store.close();
            throw e;
        }
    }

    @Override
    public Appender appender() {
        return head.appender();
    }

    /**
     * Where to write imported history: samples older than what a series holds in memory go straight to persisted
     * chunks, merged with what is stored; newer ones are appended as usual.
     */
    public Appendable backfill() {
        return head::backfillAppender;
    }

    @Override
    public Querier querier(long minT, long maxT) {
        return head.querier(minT, maxT);
    }

    /** The key-value store in this database, for components that keep state across restarts. */
    public KeyValueStore keyValueStore() {
        return keyValueStore;
    }

    /** What opening found: what was replayed and what had to be dropped. */
    public ReplayReport recoveryReport() {
        return recovery;
    }

    /** Persists everything in memory and truncates the WAL (fsynced). */
    public void checkpoint() {
        head.checkpoint();
    }

    // ---- maintenance -----------------------------------------------------------------------------------------

    private void startMaintenance() {
        head.onMaintenanceDue(wake::release);
        if (options.maintenanceInterval().isZero()) {
            return;
        }
        Thread t = new Thread(this::maintenanceLoop, "vigil-tsdb-maintenance");
        t.setDaemon(true);
        maintenance = t;
        t.start();
    }

    private void maintenanceLoop() {
        long intervalNanos = options.maintenanceInterval().toNanos();
        long nextFull = System.nanoTime() + intervalNanos;
        while (!closed) {
            try {
                long wait = Math.max(0, nextFull - System.nanoTime());
                boolean woken = wake.tryAcquire(wait, TimeUnit.NANOSECONDS);
                wake.drainPermits();
                if (closed) {
                    return;
                }
                boolean full = !woken || System.nanoTime() >= nextFull;
                if (full) {
                    nextFull = System.nanoTime() + intervalNanos;
                }
                maintain(full);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                maintenanceFailures.inc();
                log.error("TSDB maintenance failed", e, "dir", options.dir());
            }
        }
    }

    /**
     * One full maintenance pass, as the background thread runs it every interval: reopen the store after a failed
     * write, persist cut chunks, checkpoint when due, cut idle chunks, apply retention and let idle series go.
     */
    public void runMaintenance() {
        maintain(true);
    }

    private void maintain(boolean full) {
        synchronized (maintenanceLock) {
            if (closed) {
                return;
            }
            if (store.failed() && !store.recover(10_000)) {
                return;
            }
            head.flushPending();
            if (head.checkpointDue()) {
                head.checkpoint();
            }
            if (full) {
                head.cutIdleChunks();
                head.flushPending();
                applyRetention();
                compaction.run();
                head.collectGarbage();
                head.refreshStoredFilter(false);
            }
        }
    }

    /**
     * Persists what is in memory, merges each series' chunks in blocks that no longer receive samples and compacts
     * RocksDB's files, so the data takes as little space as it can; for the end of an import. The background thread
     * does the same step by step.
     */
    public void compact() {
        synchronized (maintenanceLock) {
            head.cutIdleChunks();
            head.flushPending();
            compaction.run();
            store.compactAll();
        }
    }

    /**
     * Deletes persisted data in 2 h blocks that lie entirely before the newest sample minus the retention, then,
     * while the database exceeds {@code retentionBytes}, the oldest block (never the block of the newest sample, which
     * the head is writing to). Series left without data are forgotten. Queriers already open keep seeing what they
     * saw. Runs in the background; callable directly.
     */
    public void applyRetention() {
        synchronized (maintenanceLock) {
            long newest = head.maxTime();
            if (newest == Long.MIN_VALUE || closed) {
                return;
            }
            long retentionMs = options.retention().toMillis();
            if (retentionMs > 0) {
                long cutoff = RocksStore.blockOf(newest - retentionMs);
                if (store.firstBlock() < cutoff) {
                    retentionSeriesRemoved.inc(deletions.expireBefore(cutoff));
                    retentionDeletions.labels("time").inc();
                }
            }
            if (options.retentionBytes() > 0) {
                long newestBlock = RocksStore.blockOf(newest);
                while (store.totalBytes() > options.retentionBytes()) {
                    long first = store.firstBlock();
                    if (first >= newestBlock) {
                        break;
                    }
                    retentionSeriesRemoved.inc(deletions.expireBefore(first + 1));
                    retentionDeletions.labels("size").inc();
                }
            }
        }
    }

    // ---- admin -----------------------------------------------------------------------------------------------

    @Override
    public void deleteSeries(long minT, long maxT, Matcher... matchers) {
        deletions.deleteSeries(minT, maxT, matchers);
    }

    @Override
    public void cleanTombstones() {
        synchronized (maintenanceLock) {
            deletions.cleanTombstones();
        }
    }

    /**
     * Writes a RocksDB checkpoint (hard links where possible) under {@code <dir>/snapshots/<name>}; the snapshot
     * directory opens as a TSDB of its own. With {@code skipHead} false the head is persisted first so the snapshot
     * holds everything committed; with it true the snapshot leaves out what only the head holds.
     */
    @Override
    public Path snapshot(boolean skipHead) {
        Path parent = options.dir().resolve("snapshots");
        Path target = parent.resolve(SnapshotNames.next(Instant.now()));
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StorageException("cannot create snapshot directory " + parent + ": " + e.getMessage(), e);
        }
        if (!skipHead) {
            head.checkpoint();
        }
        store.checkpointTo(target);
        if (skipHead) {
            RocksStore.dropHead(target);
        }
        log.info("Snapshot written", "dir", target, "skip_head", skipHead);
        return target;
    }

    @Override
    public StorageStats stats(int limit) {
        HeadFigures f = head.figures();
        PostingsStats p = head.postingsStats(limit);
        return new StorageStats(
                new StorageStats.HeadStats(f.series(), p.labelPairs(), f.chunks(), f.minTime(), f.maxTime()),
                entries(p.seriesByMetricName()),
                entries(p.valuesByLabelName()),
                entries(p.bytesByLabelName()),
                entries(p.seriesByLabelPair()));
    }

    private static List<StorageStats.Entry> entries(List<PostingsStats.Stat> stats) {
        return stats.stream()
                .map(s -> new StorageStats.Entry(s.name(), s.count()))
                .toList();
    }

    /** Number of series in memory. */
    public int seriesCount() {
        return head.seriesCount();
    }

    /** Open store iterators and snapshots; zero when every querier is closed. */
    public int openStoreResources() {
        return store.openResources();
    }

    /** Stops maintenance, checkpoints, closes the store and removes the metrics from the registry. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread t = maintenance;
        if (t != null) {
            wake.release();
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            synchronized (maintenanceLock) {
                head.close();
            }
        } finally {
            store.close();
            registry.unregister(collector);
            registry.unregister(retentionDeletions);
            registry.unregister(retentionSeriesRemoved);
            registry.unregister(maintenanceFailures);
            headMetrics.unregister(registry);
        }
    }
}
