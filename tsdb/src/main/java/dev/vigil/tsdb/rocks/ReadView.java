package dev.vigil.tsdb.rocks;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.index.LabelIndexReader;
import dev.vigil.tsdb.index.SortedIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * A point-in-time view of everything persisted: chunks, series definitions and postings, read through one RocksDB
 * snapshot with reusable iterators. Not thread-safe; close it (it keeps the store from reopening while open).
 */
public final class ReadView implements AutoCloseable {
    private final RocksStore store;
    private final RocksStore.Handles handles;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private RocksIterator chunks;
    private RocksIterator index;
    private boolean closed;

    ReadView(RocksStore store) {
        this.store = store;
        this.handles = store.acquire();
        this.snapshot = handles.db.getSnapshot();
        store.snapshotOpened();
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("read view is closed");
        }
    }

    private RocksIterator chunkIterator() {
        checkOpen();
        if (chunks == null) {
            chunks = handles.db.newIterator(RocksStore.Family.CHUNKS.of(handles), readOptions);
            store.iteratorOpened();
        }
        return chunks;
    }

    private RocksIterator indexIterator() {
        checkOpen();
        if (index == null) {
            index = handles.db.newIterator(RocksStore.Family.INDEX.of(handles), readOptions);
            store.iteratorOpened();
        }
        return index;
    }

    /** Visits the chunks of series {@code id} overlapping {@code [minT, maxT]} in time order. */
    public void readChunks(long id, long minT, long maxT, RocksStore.ChunkVisitor visitor) {
        ChunkReader.read(chunkIterator(), id, RocksStore.blockOf(minT), RocksStore.blockOf(maxT), minT, maxT, visitor);
    }

    /** The series {@code id} as of this view, or null. */
    public StoredSeries series(long id) {
        byte[] labels = get(Keys.series(id));
        return labels == null ? null : RocksStore.withRange(id, LabelsCodec.decode(labels), get(Keys.range(id)));
    }

    private byte[] get(byte[] key) {
        checkOpen();
        try {
            return handles.db.get(RocksStore.Family.INDEX.of(handles), readOptions, key);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read tsdb index [dir=" + store.dir() + "]: " + e.getMessage(), e);
        }
    }

    /** The persisted postings as of this view. */
    public LabelIndexReader index() {
        return new DiskIndex();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (chunks != null) {
                chunks.close();
                store.iteratorClosed();
            }
            if (index != null) {
                index.close();
                store.iteratorClosed();
            }
            readOptions.close();
            handles.db.releaseSnapshot(snapshot);
            store.snapshotClosed();
        } finally {
            store.release();
        }
    }

    /** Postings read from the {@code P} keys of the index family. */
    private final class DiskIndex implements LabelIndexReader {
        @Override
        public long[] allIds() {
            RocksIterator it = indexIterator();
            LongBuffer out = new LongBuffer();
            for (it.seek(new byte[] {Keys.SERIES}); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key[0] != Keys.SERIES) {
                    break;
                }
                out.add(Keys.idAfterPrefix(key));
            }
            return out.toArray();
        }

        @Override
        public long[] ids(String name, String value) {
            RocksIterator it = indexIterator();
            byte[] prefix = Keys.postingPair(name, value);
            LongBuffer out = new LongBuffer();
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Keys.startsWith(key, prefix)) {
                    break;
                }
                out.add(Keys.readLong(key, key.length - 8));
            }
            return out.toArray();
        }

        @Override
        public long[] idsWhere(String name, String prefix, Predicate<String> accept) {
            RocksIterator it = indexIterator();
            byte[] namePrefix = Keys.postingName(name);
            byte[] start = Keys.postingPair(name, prefix);
            start = Arrays.copyOf(start, start.length - 1); // value prefix without its terminator
            LongBuffer out = new LongBuffer();
            it.seek(start);
            while (it.isValid()) {
                byte[] key = it.key();
                if (!Keys.startsWith(key, namePrefix)) {
                    break;
                }
                String value = valueOf(key, namePrefix.length);
                if (!value.startsWith(prefix)) {
                    break;
                }
                byte[] pair = Arrays.copyOf(key, key.length - 8);
                if (accept.test(value)) {
                    for (; it.isValid(); it.next()) {
                        byte[] k = it.key();
                        if (!Keys.startsWith(k, pair)) {
                            break;
                        }
                        out.add(Keys.readLong(k, k.length - 8));
                    }
                } else {
                    it.seek(Keys.afterTerminated(pair));
                }
            }
            return SortedIds.sortedDistinct(out.values, out.size);
        }

        @Override
        public void forEachValue(String name, ValueVisitor visitor) {
            RocksIterator it = indexIterator();
            byte[] namePrefix = Keys.postingName(name);
            it.seek(namePrefix);
            while (it.isValid()) {
                byte[] key = it.key();
                if (!Keys.startsWith(key, namePrefix)) {
                    return;
                }
                byte[] pair = Arrays.copyOf(key, key.length - 8);
                String value = valueOf(key, namePrefix.length);
                boolean more = visitor.visit(value, () -> {
                    if (!it.isValid()) {
                        return 0;
                    }
                    byte[] k = it.key();
                    if (!Keys.startsWith(k, pair)) {
                        return 0;
                    }
                    it.next();
                    return Keys.readLong(k, k.length - 8);
                });
                if (!more) {
                    return;
                }
                it.seek(Keys.afterTerminated(pair));
            }
        }

        @Override
        public List<String> names() {
            RocksIterator it = indexIterator();
            List<String> names = new ArrayList<>();
            it.seek(new byte[] {Keys.POSTING});
            while (it.isValid()) {
                byte[] key = it.key();
                if (key[0] != Keys.POSTING) {
                    break;
                }
                int[] offset = {1};
                String name = Keys.readEscaped(key, offset);
                names.add(name);
                it.seek(Keys.afterTerminated(Arrays.copyOf(key, offset[0])));
            }
            return names;
        }

        @Override
        public Labels labels(long id) {
            byte[] labels = get(Keys.series(id));
            return labels == null ? null : LabelsCodec.decode(labels);
        }

        private String valueOf(byte[] key, int valueStart) {
            int[] offset = {valueStart};
            return Keys.readEscaped(key, offset);
        }
    }

    /** A growable long array. */
    private static final class LongBuffer {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
