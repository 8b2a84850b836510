package dev.vigil.tsdb.rocks;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The on-disk layout of the TSDB in one RocksDB instance with four column families:
 *
 * <ul>
 *   <li>{@code wal}: commit sequence (8 bytes) → the samples of one committed batch. Rebuilds the head after a crash;
 *       truncated by range delete once the head's chunks are persisted.
 *   <li>{@code chunks}: block (2 h window, 8) + series id (8) + chunk min time (8) → chunk max time (8) + chunk bytes.
 *       Time comes first so retention is one range delete of whole blocks, and a series' chunks in a block are one
 *       seek.
 *   <li>{@code index}: {@code 'S'} + series id → labels; {@code 'R'} + series id → min and max time of its persisted
 *       chunks.
 *   <li>{@code meta}: format version.
 * </ul>
 *
 * All signed numbers are stored big-endian with the sign bit flipped so byte order is numeric order. Thread-safe;
 * batches and snapshots are for one thread each and must be closed.
 */
public final class RocksStore implements AutoCloseable {
    /** Width of a chunk block; chunks never span two blocks. */
    public static final long BLOCK_MS = 2 * 60 * 60 * 1000L;

    private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FORMAT_VERSION = {1};

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle wal;
    private final ColumnFamilyHandle chunks;
    private final ColumnFamilyHandle index;
    private final ColumnFamilyHandle meta;
    private final AtomicInteger openIterators = new AtomicInteger();
    private final AtomicInteger openSnapshots = new AtomicInteger();

    private RocksStore(
            Path dir,
            DBOptions dbOptions,
            ColumnFamilyOptions cfOptions,
            RocksDB db,
            List<ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.db = db;
        this.handles = handles;
        this.wal = handles.get(1);
        this.chunks = handles.get(2);
        this.index = handles.get(3);
        this.meta = handles.get(4);
    }

    /** Opens or creates the store in {@code dir}. */
    public static RocksStore open(Path dir) {
        DBOptions dbOptions = null;
        ColumnFamilyOptions cfOptions = null;
        try {
            Files.createDirectories(dir);
            dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
            // Chunks and WAL samples are already compact; block compression would cost CPU for little.
            cfOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.NO_COMPRESSION);
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                    new ColumnFamilyDescriptor(bytes("wal"), cfOptions),
                    new ColumnFamilyDescriptor(bytes("chunks"), cfOptions),
                    new ColumnFamilyDescriptor(bytes("index"), cfOptions),
                    new ColumnFamilyDescriptor(bytes("meta"), cfOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            RocksStore store = new RocksStore(dir, dbOptions, cfOptions, db, handles);
            store.checkFormat();
            return store;
        } catch (RocksDBException | java.io.IOException e) {
            if (cfOptions != null) {
                cfOptions.close();
            }
            if (dbOptions != null) {
                dbOptions.close();
            }
            throw new StorageException("cannot open tsdb [dir=" + dir + "]", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void checkFormat() throws RocksDBException {
        byte[] format = db.get(meta, FORMAT_KEY);
        if (format == null) {
            db.put(meta, FORMAT_KEY, FORMAT_VERSION);
        } else if (!Arrays.equals(format, FORMAT_VERSION)) {
            close();
            throw new StorageException("unsupported tsdb format " + Arrays.toString(format) + " [dir=" + dir + "]");
        }
    }

    /** The block holding time {@code t}. */
    public static long blockOf(long t) {
        return Math.floorDiv(t, BLOCK_MS);
    }

    /** A new write batch; nothing is written until {@link Batch#write(boolean)}. */
    public Batch batch() {
        return new Batch();
    }

    /** Calls {@code visitor} with every persisted series definition in id order. */
    public void forEachSeries(SeriesVisitor visitor) {
        scan(index, new byte[] {Keys.SERIES_PREFIX}, (key, value) -> {
            visitor.visit(Keys.seriesIdOf(key), LabelsCodec.decode(value));
        });
    }

    /** Calls {@code visitor} with the persisted chunk time range of every series that has persisted chunks. */
    public void forEachSeriesRange(RangeVisitor visitor) {
        scan(index, new byte[] {Keys.SERIES_RANGE_PREFIX}, (key, value) -> {
            ByteBuffer in = ByteBuffer.wrap(value);
            visitor.visit(Keys.seriesIdOf(key), in.getLong(), in.getLong(), Double.longBitsToDouble(in.getLong()));
        });
    }

    /** Calls {@code visitor} with every WAL record in commit order. */
    public void forEachWal(WalVisitor visitor) {
        scan(wal, new byte[0], (key, value) -> visitor.visit(Keys.walSeq(key), value));
    }

    private interface Scan {
        void visit(byte[] key, byte[] value);
    }

    private void scan(ColumnFamilyHandle cf, byte[] prefix, Scan scan) {
        try (RocksIterator it = db.newIterator(cf)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, prefix)) {
                    break;
                }
                scan.visit(key, it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("cannot scan tsdb [dir=" + dir + "]", e);
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        return Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A consistent read view of the chunks column family; close it. */
    public ChunkSnapshot snapshot() {
        return new ChunkSnapshot();
    }

    /** Deletes every chunk in blocks before {@code block} with one range delete. */
    public void deleteBlocksBefore(long block) {
        try (WriteOptions options = new WriteOptions()) {
            db.deleteRange(chunks, options, Keys.blockStart(Long.MIN_VALUE), Keys.blockStart(block));
        } catch (RocksDBException e) {
            throw new StorageException("cannot delete chunks before block " + block + " [dir=" + dir + "]", e);
        }
    }

    /** The first block that holds chunks, or {@code Long.MAX_VALUE} when there are none. */
    public long firstBlock() {
        try (RocksIterator it = db.newIterator(chunks)) {
            it.seekToFirst();
            return it.isValid() ? Keys.chunkBlock(it.key()) : Long.MAX_VALUE;
        }
    }

    /** Approximate bytes held by chunks (SST files plus memtables). */
    public long chunkBytes() {
        try {
            return db.getLongProperty(chunks, "rocksdb.total-sst-files-size")
                    + db.getLongProperty(chunks, "rocksdb.cur-size-all-mem-tables");
        } catch (RocksDBException e) {
            throw new StorageException("cannot read chunk size [dir=" + dir + "]", e);
        }
    }

    /** Compacts the chunks column family so that range deletes free disk space. */
    public void compactChunks() {
        try {
            db.compactRange(chunks);
        } catch (RocksDBException e) {
            throw new StorageException("cannot compact chunks [dir=" + dir + "]", e);
        }
    }

    /** Iterators and snapshots currently open; both must be zero when all readers are closed. */
    public int openResources() {
        return openIterators.get() + openSnapshots.get();
    }

    @Override
    public void close() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            throw new StorageException("cannot flush tsdb [dir=" + dir + "]", e);
        } finally {
            for (ColumnFamilyHandle h : handles) {
                h.close();
            }
            db.close();
            cfOptions.close();
            dbOptions.close();
        }
    }

    /** Visits a series definition. */
    @FunctionalInterface
    public interface SeriesVisitor {
        void visit(long seriesId, Labels labels);
    }

    /** Visits a series' persisted time range. */
    @FunctionalInterface
    public interface RangeVisitor {
        void visit(long seriesId, long minT, long maxT, double lastValue);
    }

    /** Visits a WAL record. */
    @FunctionalInterface
    public interface WalVisitor {
        void visit(long seq, byte[] record);
    }

    /** Visits a persisted chunk. */
    @FunctionalInterface
    public interface ChunkVisitor {
        void visit(long minT, long maxT, byte[] chunk);
    }

    /** An atomic group of writes. Not thread-safe; close it. */
    public final class Batch implements AutoCloseable {
        private final WriteBatch batch = new WriteBatch();

        public void putSeries(long seriesId, Labels labels) {
            put(index, Keys.series(seriesId), LabelsCodec.encode(labels));
        }

        /** Records the time span of a series' persisted chunks and its newest persisted value. */
        public void putSeriesRange(long seriesId, long minT, long maxT, double lastValue) {
            byte[] value = ByteBuffer.allocate(24)
                    .putLong(minT)
                    .putLong(maxT)
                    .putLong(Double.doubleToRawLongBits(lastValue))
                    .array();
            put(index, Keys.seriesRange(seriesId), value);
        }

        public void putWal(long seq, byte[] record) {
            put(wal, Keys.wal(seq), record);
        }

        public void putChunk(long seriesId, long minT, long maxT, byte[] chunk) {
            byte[] value = ByteBuffer.allocate(8 + chunk.length)
                    .putLong(maxT)
                    .put(chunk)
                    .array();
            put(chunks, Keys.chunk(blockOf(minT), seriesId, minT), value);
        }

        /** Removes WAL records with sequence numbers up to and including {@code seq}. */
        public void deleteWalThrough(long seq) {
            try {
                batch.deleteRange(wal, Keys.wal(0), Keys.wal(seq + 1));
            } catch (RocksDBException e) {
                throw new StorageException("cannot batch WAL truncation [dir=" + dir + "]", e);
            }
        }

        private void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
            try {
                batch.put(cf, key, value);
            } catch (RocksDBException e) {
                throw new StorageException("cannot batch write [dir=" + dir + "]", e);
            }
        }

        /**
         * Writes the batch atomically through RocksDB's write-ahead log. Without {@code sync} the write survives a
         * process crash (it is in the OS page cache before this returns) but not a power loss.
         */
        public void write(boolean sync) {
            try (WriteOptions options = new WriteOptions().setSync(sync)) {
                db.write(options, batch);
            } catch (RocksDBException e) {
                throw new StorageException("cannot write batch [dir=" + dir + "]", e);
            }
        }

        @Override
        public void close() {
            batch.close();
        }
    }

    /** A point-in-time view of persisted chunks with one reusable iterator. Not thread-safe; close it. */
    public final class ChunkSnapshot implements AutoCloseable {
        private final Snapshot snapshot;
        private final ReadOptions readOptions;
        private RocksIterator iterator;
        private boolean closed;

        private ChunkSnapshot() {
            snapshot = db.getSnapshot();
            openSnapshots.incrementAndGet();
            readOptions = new ReadOptions().setSnapshot(snapshot);
        }

        /** Visits the chunks of {@code seriesId} overlapping {@code [minT, maxT]} in time order. */
        public void readChunks(long seriesId, long minT, long maxT, ChunkVisitor visitor) {
            if (closed) {
                throw new IllegalStateException("chunk snapshot is closed");
            }
            if (iterator == null) {
                iterator = db.newIterator(chunks, readOptions);
                openIterators.incrementAndGet();
            }
            long lastBlock = blockOf(maxT);
            long block = blockOf(minT);
            while (block <= lastBlock) {
                iterator.seek(Keys.chunk(block, seriesId, Long.MIN_VALUE));
                long nextBlock = Long.MAX_VALUE;
                for (; iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    long keyBlock = Keys.chunkBlock(key);
                    if (keyBlock != block || Keys.chunkSeries(key) != seriesId) {
                        // Jump over blocks without data instead of seeking each: a query may span years of blocks.
                        nextBlock = keyBlock > block ? keyBlock : block + 1;
                        break;
                    }
                    long chunkMinT = Keys.chunkMinTime(key);
                    if (chunkMinT > maxT) {
                        return;
                    }
                    byte[] value = iterator.value();
                    long chunkMaxT = ByteBuffer.wrap(value).getLong(0);
                    if (chunkMaxT >= minT) {
                        visitor.visit(chunkMinT, chunkMaxT, Arrays.copyOfRange(value, 8, value.length));
                    }
                }
                if (nextBlock == Long.MAX_VALUE || nextBlock <= block) {
                    return;
                }
                block = nextBlock;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (iterator != null) {
                iterator.close();
                openIterators.decrementAndGet();
            }
            readOptions.close();
            db.releaseSnapshot(snapshot);
            openSnapshots.decrementAndGet();
        }
    }
}
