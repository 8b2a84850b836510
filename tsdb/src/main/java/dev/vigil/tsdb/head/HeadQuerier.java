package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Series;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.index.MemPostings;
import dev.vigil.tsdb.rocks.RocksStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads persisted chunks from a store snapshot and in-memory chunks from the head, as of the commit sequence it was
 * opened at. Series load their chunks lazily as the set advances. One thread at a time; close it.
 */
final class HeadQuerier implements Querier {
    private final Head head;
    private final MemPostings postings;
    private final RocksStore.ChunkSnapshot snapshot;
    private final long snapshotSeq;
    private final long minT;
    private final long maxT;
    private boolean closed;

    HeadQuerier(
            Head head,
            MemPostings postings,
            RocksStore.ChunkSnapshot snapshot,
            long snapshotSeq,
            long minT,
            long maxT) {
        this.head = head;
        this.postings = postings;
        this.snapshot = snapshot;
        this.snapshotSeq = snapshotSeq;
        this.minT = minT;
        this.maxT = maxT;
    }

    @Override
    public SeriesSet select(boolean sorted, Matcher... matchers) {
        List<HeadSeries> candidates = candidates(matchers);
        if (sorted) {
            candidates.sort((a, b) -> a.labels.compareTo(b.labels));
        }
        return new SeriesSet() {
            private int index = -1;
            private Series current;

            @Override
            public boolean next() {
                checkOpen();
                while (++index < candidates.size()) {
                    HeadSeries s = candidates.get(index);
                    List<ChunkRef> chunks = loadChunks(s);
                    if (!chunks.isEmpty() && new ChunkListIterator(chunks, minT, maxT).next()) {
                        current = new LoadedSeries(s.labels, chunks);
                        return true;
                    }
                }
                current = null;
                return false;
            }

            @Override
            public Series at() {
                if (current == null) {
                    throw new IllegalStateException("at() called without a successful next()");
                }
                return current;
            }
        };
    }

    private final class LoadedSeries implements Series {
        private final Labels labels;
        private final List<ChunkRef> chunks;

        LoadedSeries(Labels labels, List<ChunkRef> chunks) {
            this.labels = labels;
            this.chunks = chunks;
        }

        @Override
        public Labels labels() {
            return labels;
        }

        @Override
        public SeriesIterator iterator() {
            checkOpen();
            return new ChunkListIterator(chunks, minT, maxT);
        }
    }

    private List<ChunkRef> loadChunks(HeadSeries s) {
        List<ChunkRef> chunks = new ArrayList<>();
        snapshot.readChunks(s.id, minT, maxT, (chunkMinT, chunkMaxT, bytes) -> {
            chunks.add(new ChunkRef(bytes, chunkMinT, chunkMaxT, Integer.MAX_VALUE));
        });
        chunks.addAll(s.memoryChunks(snapshotSeq, minT, maxT));
        return chunks;
    }

    private List<HeadSeries> candidates(Matcher... matchers) {
        checkOpen();
        long[] ids = postings.select(matchers);
        List<HeadSeries> out = new ArrayList<>();
        for (long id : ids) {
            HeadSeries s = head.series(id);
            if (s != null && s.overlaps(minT, maxT)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        TreeSet<String> names = new TreeSet<>(Labels::compareStrings);
        for (HeadSeries s : candidates(matchers)) {
            for (int i = 0; i < s.labels.size(); i++) {
                names.add(s.labels.name(i));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        TreeSet<String> values = new TreeSet<>(Labels::compareStrings);
        for (HeadSeries s : candidates(matchers)) {
            String v = s.labels.get(name);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("querier is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            snapshot.close();
            head.querierClosed(snapshotSeq);
        }
    }
}
