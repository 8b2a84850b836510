package dev.vigil.tsdb.rocks;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionJobInfo;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.LogFile;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The on-disk layout of the TSDB: one RocksDB instance with these column families.
 *
 * <ul>
 *   <li>{@code wal}: commit sequence (8 bytes) → the samples of one committed batch. Rebuilds the head after a crash;
 *       truncated by range delete once the head's data is persisted.
 *   <li>{@code chunks}: block (2 h window, 8) + series id (8) + chunk min time (8) → chunk max time (8) + chunk bytes.
 *       Time comes first so retention is one range delete of whole blocks, and a series' chunks in a block are one
 *       seek.
 *   <li>{@code head}: series id → the series' open (not yet full) chunk as of the last checkpoint.
 *   <li>{@code index}: series definitions, persisted time spans, the label-hash lookup, postings, last blocks and
 *       tombstones; see {@link Keys}.
 *   <li>{@code meta}: format version, next series id, newest sample time, last commit sequence.
 *   <li>{@code kv}: opaque keys and values for other components (the notifier's state).
 * </ul>
 *
 * <p>Failures: a failed write leaves RocksDB refusing writes (its background error), so the store goes read-only and
 * {@link #recover()} reopens it once there is free space; reads keep working meanwhile. Readers and writers hold the
 * instance through {@link #acquire()} so that reopening waits for them.
 *
 * <p>Thread-safe; batches and read views are for one thread each and must be closed.
 */
public final class RocksStore implements AutoCloseable {
    /** Width of a chunk block; chunks never span two blocks. */
    public static final long BLOCK_MS = 2 * 60 * 60 * 1000L;

    static final int FORMAT_VERSION = 2;
    static final byte[] FORMAT_KEY = bytes("format");
    static final byte[] NEXT_ID_KEY = bytes("next_series_id");
    static final byte[] MAX_TIME_KEY = bytes("max_time");
    static final byte[] SEQ_KEY = bytes("commit_seq");
    static final byte[] COMPACTED_KEY = bytes("compacted_through_block");

    private static final Log log = Log.get(RocksStore.class);
    private static final List<String> FAMILIES = List.of("default", "wal", "chunks", "index", "meta", "head", "kv");

    /** Free bytes needed before reopening after a failed write: room for a memtable flush and a new log. */
    private static final long RECOVERY_FREE_BYTES = 64L << 20;
    /** Blocks read for queries and, charged to the same cache, the memtables of all families together. */
    private static final long BLOCK_CACHE_BYTES = 64L << 20;

    private static final long MEMTABLE_BYTES = 32L << 20;

    static {
        RocksDB.loadLibrary();
    }

    private enum State {
        OPEN,
        FAILED,
        RECOVERING,
        CLOSED
    }

    private final Path dir;
    private final WriteFaults faults;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger openIterators = new AtomicInteger();
    private final AtomicInteger openSnapshots = new AtomicInteger();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong reopens = new AtomicLong();
    private volatile Handles handles;
    private volatile State state = State.OPEN;
    private volatile String failure;

    private RocksStore(Path dir, WriteFaults faults, Handles handles) {
        this.dir = dir;
        this.faults = faults;
        this.handles = handles;
    }

    /** Opens or creates the store in {@code dir}. */
    public static RocksStore open(Path dir) {
        return open(dir, new WriteFaults());
    }

    /** Opens or creates the store in {@code dir}, with writes that {@code faults} can make fail. */
    public static RocksStore open(Path dir, WriteFaults faults) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create tsdb directory [dir=" + dir + "]", e);
        }
        RocksStore store = new RocksStore(dir, faults, null);
        store.handles = store.openHandles();
        try {
            store.checkFormat();
        } catch (RuntimeException e) {
            store.handles.close();
            throw e;
        }
        return store;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The block holding time {@code t}. */
    public static long blockOf(long t) {
        return Math.floorDiv(t, BLOCK_MS);
    }

    /** The first timestamp after block {@code block}, or {@link Long#MAX_VALUE} for the last block. */
    public static long blockEnd(long block) {
        return block >= blockOf(Long.MAX_VALUE) ? Long.MAX_VALUE : (block + 1) * BLOCK_MS;
    }

    public Path dir() {
        return dir;
    }

    private Handles openHandles() {
        Handles h = new Handles();
        try {
            h.cache = new LRUCache(BLOCK_CACHE_BYTES);
            // Memtables count against the block cache, so RocksDB's memory has one bound: without it each family's
            // memtables grow to their own buffer size, most of it left resident in malloc's arenas after a flush.
            h.writeBuffers = new WriteBufferManager(MEMTABLE_BYTES, h.cache);
            h.listener =
                    new AbstractEventListener(
                            AbstractEventListener.EnabledEventCallback.ON_FLUSH_COMPLETED,
                            AbstractEventListener.EnabledEventCallback.ON_COMPACTION_COMPLETED) {
                        @Override
                        public void onFlushCompleted(RocksDB db, FlushJobInfo info) {
                            flushes.incrementAndGet();
                        }

                        @Override
                        public void onCompactionCompleted(RocksDB db, CompactionJobInfo info) {
                            compactions.incrementAndGet();
                        }
                    };
            h.dbOptions = new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    // A torn last record (crash mid-write) is dropped; replay stops at the first corruption.
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                    // Rarely written families would otherwise pin old log files.
                    .setMaxTotalWalSize(256L << 20)
                    .setMaxBackgroundJobs(2)
                    .setWriteBufferManager(h.writeBuffers)
                    .setKeepLogFileNum(3)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                    .setListeners(List.of(h.listener));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String name : FAMILIES) {
                ColumnFamilyOptions options = familyOptions(name, h);
                h.familyOptions.add(options);
                descriptors.add(new ColumnFamilyDescriptor(
                        name.equals("default") ? RocksDB.DEFAULT_COLUMN_FAMILY : bytes(name), options));
            }
            h.db = RocksDB.open(h.dbOptions, dir.toString(), descriptors, h.families);
            return h;
        } catch (RocksDBException e) {
            h.close();
            throw new StorageException("cannot open tsdb [dir=" + dir + "]: " + e.getMessage(), e);
        }
    }

    private static ColumnFamilyOptions familyOptions(String name, Handles h) {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(h.cache);
        ColumnFamilyOptions options = new ColumnFamilyOptions();
        switch (name) {
            case "index" -> {
                // Series lookups by id and labels hash are point reads; postings keys compress well.
                h.filter = new BloomFilter(10);
                table.setFilterPolicy(h.filter);
                options.setWriteBufferSize(16L << 20).setCompressionType(CompressionType.LZ4_COMPRESSION);
            }
            // Chunks and WAL records are already compact; block compression costs CPU for little.
            case "wal", "chunks" ->
                options.setWriteBufferSize(16L << 20).setCompressionType(CompressionType.NO_COMPRESSION);
            case "head" -> options.setWriteBufferSize(16L << 20).setCompressionType(CompressionType.NO_COMPRESSION);
            default -> options.setWriteBufferSize(2L << 20).setCompressionType(CompressionType.LZ4_COMPRESSION);
        }
        return options.setTableFormatConfig(table);
    }

    private void checkFormat() {
        byte[] format = get(Family.META, FORMAT_KEY);
        if (format == null) {
            if (firstKey(Family.INDEX) != null || firstKey(Family.CHUNKS) != null) {
                throw new StorageException("tsdb has data but no format version [dir=" + dir + "]");
            }
            try (StoreBatch batch = batch()) {
                batch.putMeta(FORMAT_KEY, FORMAT_VERSION);
                batch.write(true);
            }
        } else if (format.length != 8 || Keys.readLong(format, 0) != FORMAT_VERSION) {
            throw new StorageException("tsdb format " + Arrays.toString(format) + " is not supported (this version"
                    + " reads format " + FORMAT_VERSION + "; data written by an earlier development build must be"
                    + " moved away) [dir=" + dir + "]");
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /**
     * Registers a user of the RocksDB instance; {@link #release()} ends it. Reads are allowed while writes are
     * failing; nothing is allowed while the store reopens or after it closed.
     */
    Handles acquire() {
        checkReadable();
        users.incrementAndGet();
        Handles h = handles;
        if (state == State.RECOVERING || state == State.CLOSED || h == null) {
            users.decrementAndGet();
            checkReadable();
            throw new StorageException("tsdb storage is unavailable [dir=" + dir + "]");
        }
        return h;
    }

    void release() {
        users.decrementAndGet();
    }

    private void checkReadable() {
        State s = state;
        if (s == State.CLOSED) {
            throw new StorageException("tsdb is closed [dir=" + dir + "]");
        }
        if (s == State.RECOVERING || handles == null) {
            throw new StorageException(
                    "tsdb storage is reopening after a failed write (" + failure + ") [dir=" + dir + "]");
        }
    }

    /** Whether writes are refused until {@link #recover()} succeeds. */
    public boolean failed() {
        return state != State.OPEN;
    }

    /** Why writes are refused, or null. */
    public String failure() {
        return state == State.OPEN ? null : failure;
    }

    private void markFailed(String why) {
        writeFailures.incrementAndGet();
        synchronized (this) {
            if (state == State.OPEN) {
                failure = why;
                state = State.FAILED;
                log.error(
                        "Storage write failed; writes are refused until the store can be reopened",
                        "dir",
                        dir,
                        "err",
                        why);
            }
        }
    }

    /**
     * Reopens the RocksDB instance after a failed write, once the disk has room, so writes continue. Waits up to
     * {@code waitMillis} for readers to finish; new readers are refused meanwhile. Returns whether writes work.
     */
    public synchronized boolean recover(long waitMillis) {
        if (state == State.OPEN) {
            return true;
        }
        if (state == State.CLOSED || !hasRoomToRecover()) {
            return false;
        }
        state = State.RECOVERING;
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (users.get() > 0) {
            if (System.nanoTime() > deadline) {
                state = State.FAILED;
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // readers finish in their own time
        }
        Handles old = handles;
        handles = null;
        if (old != null) {
            old.close();
        }
        try {
            handles = openHandles();
        } catch (StorageException e) {
            state = State.FAILED;
            failure = e.getMessage();
            log.error("Cannot reopen storage after a failed write; will retry", "dir", dir, "err", e.getMessage());
            return false;
        }
        reopens.incrementAndGet();
        state = State.OPEN;
        failure = null;
        log.info("Storage reopened after a failed write; writes continue", "dir", dir);
        return true;
    }

    private boolean hasRoomToRecover() {
        if (faults.failure() != null) {
            return false;
        }
        try {
            return Files.getFileStore(dir).getUsableSpace() >= RECOVERY_FREE_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    /** A new write batch; nothing is written until {@link StoreBatch#write(boolean)}. */
    public StoreBatch batch() {
        return new StoreBatch(this);
    }

    /** Writes {@code batch} atomically through RocksDB's write-ahead log; fsynced when {@code sync}. */
    void write(WriteBatch batch, boolean sync) {
        if (state != State.OPEN) {
            throw new StorageException("tsdb refuses writes after a failed write (" + failure
                    + "); they continue once the store has reopened [dir=" + dir + "]");
        }
        String injected = faults.failure();
        if (injected != null) {
            markFailed("IO error: " + injected);
            throw new StorageException("cannot write to tsdb: IO error: " + injected + " [dir=" + dir + "]");
        }
        Handles h = acquire();
        try (WriteOptions options = new WriteOptions().setSync(sync)) {
            h.db.write(options, batch);
        } catch (RocksDBException e) {
            markFailed(e.getMessage());
            throw new StorageException("cannot write to tsdb: " + e.getMessage() + " [dir=" + dir + "]", e);
        } finally {
            release();
        }
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    enum Family {
        DEFAULT,
        WAL,
        CHUNKS,
        INDEX,
        META,
        HEAD,
        KV;

        ColumnFamilyHandle of(Handles h) {
            return h.families.get(ordinal());
        }
    }

    byte[] get(Family family, byte[] key) {
        Handles h = acquire();
        try {
            return h.db.get(family.of(h), key);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read tsdb [dir=" + dir + "]: " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    private byte[] firstKey(Family family) {
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(family.of(h))) {
            it.seekToFirst();
            return it.isValid() ? it.key() : null;
        } finally {
            release();
        }
    }

    /** Visits entries whose key starts with {@code prefix}, in key order, from the live database. */
    void scan(Family family, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(family.of(h))) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Keys.startsWith(key, prefix)) {
                    break;
                }
                visitor.accept(key, it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("cannot scan tsdb [dir=" + dir + "]: " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /** A long from the meta family, or {@code fallback}. */
    public long metaLong(byte[] key, long fallback) {
        byte[] v = get(Family.META, key);
        return v == null || v.length != 8 ? fallback : Keys.readLong(v, 0);
    }

    public long nextSeriesId() {
        return metaLong(NEXT_ID_KEY, 1);
    }

    public long maxTime() {
        return metaLong(MAX_TIME_KEY, Long.MIN_VALUE);
    }

    public long lastSeq() {
        return metaLong(SEQ_KEY, 0);
    }

    /** The newest block whose chunks were merged to one per series, or {@code Long.MIN_VALUE}. */
    public long compactedThrough() {
        return metaLong(COMPACTED_KEY, Long.MIN_VALUE);
    }

    /** The id of the stored series with exactly these labels, or 0. */
    public long findSeries(Labels labels) {
        StoredSeries found = findStoredSeries(labels);
        return found == null ? 0 : found.id();
    }

    /** The stored series with exactly these labels, with its persisted span, or null. */
    public StoredSeries findStoredSeries(Labels labels) {
        StoredSeries[] found = {null};
        scan(Family.INDEX, Keys.prefixed(Keys.LABELS_HASH, labels.hash()), (key, value) -> {
            long id = Keys.secondAfterPrefix(key);
            if (found[0] == null) {
                byte[] stored = get(Family.INDEX, Keys.series(id));
                if (stored != null && LabelsCodec.decode(stored).equals(labels)) {
                    found[0] = withRange(id, labels, get(Family.INDEX, Keys.range(id)));
                }
            }
        });
        return found[0];
    }

    /** Visits the labels hash of every stored series definition. */
    public void forEachLabelsHash(java.util.function.LongConsumer visitor) {
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(Family.INDEX.of(h))) {
            for (it.seek(new byte[] {Keys.LABELS_HASH}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != Keys.LABELS_HASH) {
                    break;
                }
                visitor.accept(Keys.readLong(key, 1)); // L, hash, id
            }
        } finally {
            release();
        }
    }

    /** The stored series {@code id}, or null. */
    public StoredSeries loadSeries(long id) {
        byte[] labels = get(Family.INDEX, Keys.series(id));
        if (labels == null) {
            return null;
        }
        return withRange(id, LabelsCodec.decode(labels), get(Family.INDEX, Keys.range(id)));
    }

    static StoredSeries withRange(long id, Labels labels, byte[] range) {
        if (range == null) {
            return new StoredSeries(id, labels, Long.MAX_VALUE, Long.MIN_VALUE, Double.NaN);
        }
        ByteBuffer in = ByteBuffer.wrap(range);
        return new StoredSeries(id, labels, in.getLong(), in.getLong(), Double.longBitsToDouble(in.getLong()));
    }

    /** Visits every open-chunk snapshot of the head family. */
    public void forEachHeadChunk(BiConsumerLongBytes visitor) {
        scan(Family.HEAD, new byte[0], (key, value) -> visitor.accept(Keys.readLong(key, 0), value));
    }

    /** Visits every WAL record in commit order. */
    public void forEachWal(BiConsumerLongBytes visitor) {
        scan(Family.WAL, new byte[0], (key, value) -> visitor.accept(Keys.readLong(key, 0), value));
    }

    /** Visits every tombstone: series id, deletion sequence, deleted interval. */
    public void forEachTombstone(TombstoneVisitor visitor) {
        scan(Family.INDEX, new byte[] {Keys.TOMBSTONE}, (key, value) -> {
            ByteBuffer in = ByteBuffer.wrap(value);
            visitor.visit(Keys.idAfterPrefix(key), Keys.secondAfterPrefix(key), in.getLong(), in.getLong());
        });
    }

    /** Ids of series whose newest persisted chunk lies in a block before {@code block}. */
    public long[] seriesEndingBefore(long block) {
        long[][] out = {new long[16]};
        int[] n = {0};
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(Family.INDEX.of(h))) {
            byte[] end = Keys.prefixed(Keys.LAST_BLOCK, Keys.flip(block));
            for (it.seek(new byte[] {Keys.LAST_BLOCK}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != Keys.LAST_BLOCK || Arrays.compareUnsigned(key, 0, 9, end, 0, 9) >= 0) {
                    break;
                }
                if (n[0] == out[0].length) {
                    out[0] = Arrays.copyOf(out[0], n[0] * 2);
                }
                out[0][n[0]++] = Keys.secondAfterPrefix(key);
            }
        } finally {
            release();
        }
        return Arrays.copyOf(out[0], n[0]);
    }

    /**
     * Visits the chunks of series {@code id} in every block from {@code fromBlock} to {@code toBlock} in the live
     * database.
     */
    public void forEachChunk(long id, long fromBlock, long toBlock, ChunkVisitor visitor) {
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(Family.CHUNKS.of(h))) {
            ChunkReader.read(it, id, fromBlock, toBlock, Long.MIN_VALUE, Long.MAX_VALUE, visitor);
        } finally {
            release();
        }
    }

    /** Visits a chunk of a block during a scan in key order: series id, then min time. */
    @FunctionalInterface
    public interface BlockChunkVisitor {
        /** Returns false to stop the scan. */
        boolean visit(long seriesId, long minT, long maxT, byte[] chunk);
    }

    /**
     * Visits the chunks of {@code block} in the live database, series by series in id order starting at {@code
     * fromSeries}, until the visitor returns false.
     */
    public void forEachChunkInBlock(long block, long fromSeries, BlockChunkVisitor visitor) {
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(Family.CHUNKS.of(h))) {
            for (it.seek(Keys.chunk(block, fromSeries, Long.MIN_VALUE)); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (Keys.chunkBlock(key) != block) {
                    break;
                }
                long minT = Keys.chunkMinTime(key);
                byte[] value = it.value();
                if (!visitor.visit(
                        Keys.chunkSeries(key), minT, ChunkValue.maxTime(value, minT), ChunkValue.chunk(value))) {
                    break;
                }
            }
        } finally {
            release();
        }
    }

    /** A consistent read view of everything persisted; close it. */
    public ReadView readView() {
        return new ReadView(this);
    }

    void iteratorOpened() {
        openIterators.incrementAndGet();
    }

    void iteratorClosed() {
        openIterators.decrementAndGet();
    }

    void snapshotOpened() {
        openSnapshots.incrementAndGet();
    }

    void snapshotClosed() {
        openSnapshots.decrementAndGet();
    }

    /** Iterators and snapshots currently open; both must be zero when all readers are closed. */
    public int openResources() {
        return openIterators.get() + openSnapshots.get();
    }

    // ---- key-value family ------------------------------------------------------------------------------------

    public byte[] kvGet(byte[] key) {
        return get(Family.KV, key);
    }

    public void kvScan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        scan(Family.KV, prefix, visitor);
    }

    // ---- maintenance -----------------------------------------------------------------------------------------

    /**
     * Deletes every chunk in blocks before {@code block}: whole SST files are dropped, the rest is covered by a range
     * delete and compacted away, so no data is rewritten beyond the files that straddle the boundary.
     */
    public void deleteBlocksBefore(long block) {
        byte[] from = Keys.blockStart(Long.MIN_VALUE);
        byte[] to = Keys.blockStart(block);
        Handles h = acquire();
        try {
            if (faults.failure() != null || state != State.OPEN) {
                throw new StorageException("tsdb refuses deletes after a failed write [dir=" + dir + "]");
            }
            ColumnFamilyHandle cf = Family.CHUNKS.of(h);
            h.db.deleteFilesInRanges(cf, List.of(from, to), false);
            try (WriteOptions options = new WriteOptions()) {
                h.db.deleteRange(cf, options, from, to);
            }
            h.db.compactRange(cf, from, to);
        } catch (RocksDBException e) {
            markFailed(e.getMessage());
            throw new StorageException("cannot delete chunks before block " + block + " [dir=" + dir + "]", e);
        } finally {
            release();
        }
    }

    /** The first block that holds chunks, or {@code Long.MAX_VALUE} when there are none. */
    public long firstBlock() {
        return firstBlockFrom(Long.MIN_VALUE);
    }

    /** The first block at or after {@code block} that holds chunks, or {@code Long.MAX_VALUE}. */
    public long firstBlockFrom(long block) {
        Handles h = acquire();
        try (RocksIterator it = h.db.newIterator(Family.CHUNKS.of(h))) {
            it.seek(Keys.blockStart(block));
            return it.isValid() ? Keys.chunkBlock(it.key()) : Long.MAX_VALUE;
        } finally {
            release();
        }
    }

    /** Compacts the chunks and index families fully, so rewritten and deleted entries stop taking space. */
    public void compactAll() {
        Handles h = acquire();
        try {
            h.db.compactRange(Family.CHUNKS.of(h));
            h.db.compactRange(Family.INDEX.of(h));
        } catch (RocksDBException e) {
            throw new StorageException("cannot compact tsdb [dir=" + dir + "]: " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /** Bytes on disk and in memory: SST files and memtables of every family plus RocksDB's log files. */
    public long totalBytes() {
        StoreStats s = stats();
        return s.sstBytes() + s.memtableBytes() + s.logBytes();
    }

    /** RocksDB figures for self-metrics. */
    public StoreStats stats() {
        Handles h = acquire();
        try {
            List<StoreStats.FamilyStats> families = new ArrayList<>();
            long sst = 0;
            long mem = 0;
            for (Family f : Family.values()) {
                long familySst = h.db.getLongProperty(f.of(h), "rocksdb.total-sst-files-size");
                long familyMem = h.db.getLongProperty(f.of(h), "rocksdb.cur-size-all-mem-tables");
                long keys = h.db.getLongProperty(f.of(h), "rocksdb.estimate-num-keys");
                families.add(new StoreStats.FamilyStats(FAMILIES.get(f.ordinal()), familySst, familyMem, keys));
                sst += familySst;
                mem += familyMem;
            }
            long logs = 0;
            for (LogFile file : h.db.getSortedWalFiles()) {
                logs += file.sizeFileBytes();
            }
            long cache = h.cache.getUsage();
            return new StoreStats(
                    families,
                    sst,
                    mem,
                    logs,
                    cache,
                    flushes.get(),
                    compactions.get(),
                    writeFailures.get(),
                    reopens.get());
        } catch (RocksDBException e) {
            throw new StorageException("cannot read tsdb statistics [dir=" + dir + "]: " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /** Writes a consistent copy of the database to the new directory {@code target} (hard links where possible). */
    public void checkpointTo(Path target) {
        Handles h = acquire();
        try (Checkpoint checkpoint = Checkpoint.create(h.db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new StorageException("cannot write snapshot to " + target + ": " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /**
     * Turns a checkpoint copy into a database without the head: the WAL and open-chunk snapshots are removed, so it
     * holds only persisted chunks, and its newest time is recomputed from them.
     */
    public static void dropHead(Path copy) {
        try (RocksStore store = open(copy)) {
            long[] newest = {Long.MIN_VALUE};
            store.scan(Family.INDEX, new byte[] {Keys.RANGE}, (key, value) -> {
                newest[0] = Math.max(newest[0], ByteBuffer.wrap(value).getLong(8));
            });
            try (StoreBatch batch = store.batch()) {
                batch.clearHead();
                batch.putMaxTime(newest[0]);
                batch.write(true);
            }
        }
    }

    /** Flushes memtables and closes. Waits up to a few seconds for readers that are still open. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        State before = state;
        state = State.CLOSED;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (users.get() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // readers finish in their own time
        }
        Handles h = handles;
        handles = null;
        if (h == null) {
            return;
        }
        try {
            if (before == State.OPEN && users.get() == 0) {
                try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                    h.db.flush(flush, h.families);
                } catch (RocksDBException e) {
                    log.warn("Cannot flush tsdb on close", "dir", dir, "err", e.getMessage());
                }
            }
        } finally {
            if (users.get() == 0) {
                h.close();
            } else {
                log.error("Readers still open when closing tsdb; leaving RocksDB open", "dir", dir);
            }
        }
    }

    /** Receives an id and a value. */
    @FunctionalInterface
    public interface BiConsumerLongBytes {
        void accept(long id, byte[] value);
    }

    /** Visits a tombstone. */
    @FunctionalInterface
    public interface TombstoneVisitor {
        void visit(long seriesId, long seq, long minT, long maxT);
    }

    /** Visits a persisted chunk; returns false to stop. */
    @FunctionalInterface
    public interface ChunkVisitor {
        boolean visit(long minT, long maxT, byte[] chunk);
    }

    /** The native objects of one opening of the database. */
    static final class Handles {
        RocksDB db;
        DBOptions dbOptions;
        Cache cache;
        WriteBufferManager writeBuffers;
        BloomFilter filter;
        AbstractEventListener listener;
        final List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
        final List<ColumnFamilyHandle> families = new ArrayList<>();

        void close() {
            for (ColumnFamilyHandle f : families) {
                f.close();
            }
            if (db != null) {
                db.close();
            }
            for (ColumnFamilyOptions o : familyOptions) {
                o.close();
            }
            if (dbOptions != null) {
                dbOptions.close();
            }
            if (filter != null) {
                filter.close();
            }
            if (writeBuffers != null) {
                writeBuffers.close();
            }
            if (cache != null) {
                cache.close();
            }
            if (listener != null) {
                listener.close();
            }
        }
    }
}
