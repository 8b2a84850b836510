package dev.vigil.tsdb;

import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Storage;
import dev.vigil.tsdb.head.Head;
import dev.vigil.tsdb.rocks.RocksStore;

/**
 * The RocksDB-backed {@link Storage}.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (Tsdb tsdb = Tsdb.open(new TsdbOptions(dir, Duration.ofDays(15), 0))) {
 *     Appender app = tsdb.appender();
 *     ref = app.append(ref, labels, t, v);
 *     app.commit();                       // one RocksDB write batch; survives kill -9 once this returns
 *     try (Querier q = tsdb.querier(minT, maxT)) { ... }
 *     tsdb.applyRetention();              // call periodically, e.g. every few minutes
 * }
 * }</pre>
 *
 * <p>Durability: commits go through RocksDB's write-ahead log without fsync, so a committed batch survives a process
 * crash; checkpoints (on open, close and every 64 MiB of WAL) are fsynced. On open the WAL is replayed into the head.
 *
 * <p>Thread-safe; appenders and queriers are for one thread each.
 */
public final class Tsdb implements Storage {
    private static final long CHECKPOINT_WAL_BYTES = 64L << 20;

    private final TsdbOptions options;
    private final RocksStore store;
    private final Head head;

    private Tsdb(TsdbOptions options, RocksStore store, Head head) {
        this.options = options;
        this.store = store;
        this.head = head;
    }

    /**
     * Opens or creates the database and rebuilds the head from the WAL.
     *
     * @throws dev.vigil.model.storage.StorageException when the directory cannot be opened or its content is corrupt
     */
    public static Tsdb open(TsdbOptions options) {
        RocksStore store = RocksStore.open(options.dir());
        try {
            Head head = Head.open(store, false, options.retention().toMillis(), CHECKPOINT_WAL_BYTES);
            Tsdb tsdb = new Tsdb(options, store, head);
            tsdb.applyRetention();
            return tsdb;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public Appender appender() {
        return head.appender();
    }

    @Override
    public Querier querier(long minT, long maxT) {
        return head.querier(minT, maxT);
    }

    /** Persists all open chunks and truncates the WAL (fsynced). */
    public void checkpoint() {
        head.checkpoint();
    }

    /**
     * Deletes persisted chunks in 2 h blocks that lie entirely before the newest sample minus the retention, then, while
     * chunks exceed {@code retentionBytes}, the oldest block (never the block of the newest sample). Queriers already
     * open keep seeing the deleted data.
     */
    public void applyRetention() {
        long newest = head.maxTime();
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long retentionMs = options.retention().toMillis();
        if (retentionMs > 0) {
            store.deleteBlocksBefore(RocksStore.blockOf(newest - retentionMs));
        }
        if (options.retentionBytes() > 0) {
            long newestBlock = RocksStore.blockOf(newest);
            while (store.chunkBytes() > options.retentionBytes()) {
                long first = store.firstBlock();
                if (first >= newestBlock) {
                    break;
                }
                store.deleteBlocksBefore(first + 1);
                store.compactChunks();
            }
        }
    }

    /** Number of series in the head. */
    public int seriesCount() {
        return head.seriesCount();
    }

    /** Open store iterators and snapshots; zero when every querier is closed. */
    public int openStoreResources() {
        return store.openResources();
    }

    /** Checkpoints and closes the store. */
    @Override
    public void close() {
        try {
            head.close();
        } finally {
            store.close();
        }
    }
}
