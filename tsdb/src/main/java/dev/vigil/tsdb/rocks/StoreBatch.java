package dev.vigil.tsdb.rocks;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.StorageException;
import java.nio.ByteBuffer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * An atomic group of writes: nothing is visible or durable until {@link #write(boolean)}, and then all of it is. It
 * holds the store open (a reopen after a failed write waits for it). Not thread-safe; close it.
 */
public final class StoreBatch implements AutoCloseable {
    private final RocksStore store;
    private final RocksStore.Handles handles;
    private final WriteBatch batch = new WriteBatch();
    private boolean closed;

    StoreBatch(RocksStore store) {
        this.store = store;
        this.handles = store.acquire();
    }

    private ColumnFamilyHandle cf(RocksStore.Family family) {
        return family.of(handles);
    }

    /** Defines a series: its labels, the lookup by labels hash and one posting per label pair. */
    public void putSeries(long id, Labels labels) {
        put(RocksStore.Family.INDEX, Keys.series(id), LabelsCodec.encode(labels));
        put(RocksStore.Family.INDEX, Keys.labelsHash(labels.hash(), id), new byte[0]);
        for (int i = 0; i < labels.size(); i++) {
            put(RocksStore.Family.INDEX, Keys.posting(labels.name(i), labels.value(i), id), new byte[0]);
        }
    }

    /**
     * Forgets a series entirely: definition, lookup, postings, time span, last block, tombstones and open-chunk
     * snapshot. Its chunks must be gone already.
     *
     * @param persistedMaxT newest persisted sample ({@link Long#MIN_VALUE} when it had no chunks)
     */
    public void deleteSeries(long id, Labels labels, long persistedMaxT) {
        delete(RocksStore.Family.INDEX, Keys.series(id));
        delete(RocksStore.Family.INDEX, Keys.labelsHash(labels.hash(), id));
        for (int i = 0; i < labels.size(); i++) {
            delete(RocksStore.Family.INDEX, Keys.posting(labels.name(i), labels.value(i), id));
        }
        deleteSeriesRange(id, persistedMaxT);
        deleteTombstones(id);
        deleteHeadChunk(id);
    }

    /**
     * Records the time span of a series' persisted chunks and its newest persisted value, and moves its last-block
     * entry when the newest chunk moved to another block.
     *
     * @param previousMaxT the recorded newest time before ({@link Long#MIN_VALUE} when none)
     */
    public void putSeriesRange(long id, long minT, long maxT, double lastValue, long previousMaxT) {
        byte[] value = ByteBuffer.allocate(24)
                .putLong(minT)
                .putLong(maxT)
                .putLong(Double.doubleToRawLongBits(lastValue))
                .array();
        put(RocksStore.Family.INDEX, Keys.range(id), value);
        long block = RocksStore.blockOf(maxT);
        if (previousMaxT == Long.MIN_VALUE || RocksStore.blockOf(previousMaxT) != block) {
            if (previousMaxT != Long.MIN_VALUE) {
                delete(RocksStore.Family.INDEX, Keys.lastBlock(RocksStore.blockOf(previousMaxT), id));
            }
            put(RocksStore.Family.INDEX, Keys.lastBlock(block, id), new byte[0]);
        }
    }

    /** Forgets a series' persisted time span (its chunks are gone). */
    public void deleteSeriesRange(long id, long previousMaxT) {
        delete(RocksStore.Family.INDEX, Keys.range(id));
        if (previousMaxT != Long.MIN_VALUE) {
            delete(RocksStore.Family.INDEX, Keys.lastBlock(RocksStore.blockOf(previousMaxT), id));
        }
    }

    /** Stores a chunk under its block, series and min time, with its time span in front of the chunk bytes. */
    public void putChunk(long id, long minT, long maxT, byte[] chunk) {
        put(
                RocksStore.Family.CHUNKS,
                Keys.chunk(RocksStore.blockOf(minT), id, minT),
                ChunkValue.encode(minT, maxT, chunk));
    }

    public void deleteChunk(long id, long minT) {
        delete(RocksStore.Family.CHUNKS, Keys.chunk(RocksStore.blockOf(minT), id, minT));
    }

    public void putWal(long seq, byte[] record) {
        put(RocksStore.Family.WAL, Keys.longKey(seq), record);
    }

    public void deleteWal(long seq) {
        delete(RocksStore.Family.WAL, Keys.longKey(seq));
    }

    /** Removes WAL records with sequence numbers up to and including {@code seq}. */
    public void deleteWalThrough(long seq) {
        try {
            batch.deleteRange(cf(RocksStore.Family.WAL), Keys.longKey(0), Keys.longKey(seq + 1));
        } catch (RocksDBException e) {
            throw new StorageException("cannot batch WAL truncation [dir=" + store.dir() + "]", e);
        }
    }

    /** Stores the open chunk of a series so the WAL behind it can be truncated. */
    public void putHeadChunk(long id, byte[] chunk) {
        put(RocksStore.Family.HEAD, Keys.longKey(id), chunk);
    }

    public void deleteHeadChunk(long id) {
        delete(RocksStore.Family.HEAD, Keys.longKey(id));
    }

    public void putTombstone(long id, long seq, long minT, long maxT) {
        byte[] value = ByteBuffer.allocate(16).putLong(minT).putLong(maxT).array();
        put(RocksStore.Family.INDEX, Keys.tombstone(id, seq), value);
    }

    public void deleteTombstones(long id) {
        try {
            batch.deleteRange(cf(RocksStore.Family.INDEX), Keys.tombstone(id, 0), Keys.tombstone(id + 1, 0));
        } catch (RocksDBException e) {
            throw new StorageException("cannot batch tombstone removal [dir=" + store.dir() + "]", e);
        }
    }

    public void putMeta(byte[] key, long value) {
        put(RocksStore.Family.META, key, Keys.longKey(value));
    }

    public void putNextSeriesId(long next) {
        putMeta(RocksStore.NEXT_ID_KEY, next);
    }

    public void putMaxTime(long t) {
        putMeta(RocksStore.MAX_TIME_KEY, t);
    }

    public void putLastSeq(long seq) {
        putMeta(RocksStore.SEQ_KEY, seq);
    }

    public void putCompactedThrough(long block) {
        putMeta(RocksStore.COMPACTED_KEY, block);
    }

    public void kvPut(byte[] key, byte[] value) {
        put(RocksStore.Family.KV, key, value);
    }

    public void kvDelete(byte[] key) {
        delete(RocksStore.Family.KV, key);
    }

    /** Removes every entry of the WAL and head families (for snapshots without the head). */
    public void clearHead() {
        byte[] low = new byte[0];
        byte[] high = {
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF
        };
        try {
            batch.deleteRange(cf(RocksStore.Family.WAL), low, high);
            batch.deleteRange(cf(RocksStore.Family.HEAD), low, high);
        } catch (RocksDBException e) {
            throw new StorageException("cannot batch head removal [dir=" + store.dir() + "]", e);
        }
    }

    private void put(RocksStore.Family family, byte[] key, byte[] value) {
        try {
            batch.put(cf(family), key, value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot batch write [dir=" + store.dir() + "]", e);
        }
    }

    private void delete(RocksStore.Family family, byte[] key) {
        try {
            batch.delete(cf(family), key);
        } catch (RocksDBException e) {
            throw new StorageException("cannot batch delete [dir=" + store.dir() + "]", e);
        }
    }

    /** Operations in the batch. */
    public int count() {
        return batch.count();
    }

    /** Bytes of the batch's representation. */
    public long sizeBytes() {
        return batch.getDataSize();
    }

    /**
     * Writes the batch atomically through RocksDB's write-ahead log. Without {@code sync} the write survives a
     * process crash (it is in the OS page cache before this returns) but not a power loss.
     *
     * @throws StorageException when the write fails; then nothing of it is applied and the store refuses writes
     *     until it has reopened
     */
    public void write(boolean sync) {
        store.write(batch, sync);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            batch.close();
            store.release();
        }
    }
}
