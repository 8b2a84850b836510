package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Series;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import dev.vigil.tsdb.index.LabelIndexReader;
import dev.vigil.tsdb.index.PostingsSelection;
import dev.vigil.tsdb.rocks.ReadView;
import dev.vigil.tsdb.rocks.StoredSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads, as of the commit sequence it was opened at, persisted chunks from a store snapshot and in-memory chunks from
 * the head, hiding deleted intervals. A range that starts at or after the head's horizon is answered from the head
 * postings alone; older ranges read the postings persisted in the store. Series load their chunks lazily as the set
 * advances. One thread at a time; close it.
 */
final class HeadQuerier implements Querier {
    private final Head head;
    private final ReadView view;
    private final long snapshotSeq;
    private final long minT;
    private final long maxT;
    private final Tombstones tombstones;
    private final boolean useHead;
    private LabelIndexReader index;
    private ChunkIterator probe;
    private boolean closed;

    HeadQuerier(
            Head head, ReadView view, long snapshotSeq, long minT, long maxT, Tombstones tombstones, boolean useHead) {
        this.head = head;
        this.view = view;
        this.snapshotSeq = snapshotSeq;
        this.minT = minT;
        this.maxT = maxT;
        this.tombstones = tombstones;
        this.useHead = useHead;
    }

    /** A series that matched, before its chunks are read. */
    private record Candidate(long id, Labels labels, HeadSeries memory, long persistedMinT, long persistedMaxT) {}

    private LabelIndexReader index() {
        checkOpen();
        if (index == null) {
            index = useHead ? head.postings.reader(this::headLabels) : view.index();
        }
        return index;
    }

    private Labels headLabels(long id) {
        HeadSeries s = head.series(id);
        return s == null ? null : s.labels;
    }

    /** The series {@code id} if it may have samples in range, else null. */
    private Candidate candidate(long id) {
        HeadSeries s = head.series(id);
        if (s != null) {
            return s.mayOverlap(minT, maxT)
                    ? new Candidate(id, s.labels, s, s.persistedMinT(), s.persistedMaxT())
                    : null;
        }
        if (useHead) {
            return null;
        }
        StoredSeries stored = view.series(id);
        if (stored == null || !stored.hasChunks() || stored.maxT() < minT || stored.minT() > maxT) {
            return null;
        }
        return new Candidate(id, stored.labels(), null, stored.minT(), stored.maxT());
    }

    @Override
    public SeriesSet select(boolean sorted, Matcher... matchers) {
        long[] ids = PostingsSelection.select(index(), matchers);
        List<Candidate> candidates = new ArrayList<>();
        for (long id : ids) {
            Candidate c = candidate(id);
            if (c != null) {
                candidates.add(c);
            }
        }
        if (sorted) {
            candidates.sort((a, b) -> a.labels().compareTo(b.labels()));
        }
        return new SeriesSet() {
            private int position = -1;
            private Series current;
            private ChunkListIterator check;

            @Override
            public boolean next() {
                checkOpen();
                while (++position < candidates.size()) {
                    Candidate c = candidates.get(position);
                    List<ChunkRef> chunks = loadChunks(c);
                    long[] deleted = tombstones.of(c.id());
                    check = check == null
                            ? new ChunkListIterator(chunks, minT, maxT, deleted)
                            : check.reset(chunks, minT, maxT, deleted);
                    if (!chunks.isEmpty() && check.next()) {
                        current = new LoadedSeries(c.labels(), chunks, deleted);
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
        private final long[] deleted;

        LoadedSeries(Labels labels, List<ChunkRef> chunks, long[] deleted) {
            this.labels = labels;
            this.chunks = chunks;
            this.deleted = deleted;
        }

        @Override
        public Labels labels() {
            return labels;
        }

        @Override
        public SeriesIterator iterator() {
            checkOpen();
            return new ChunkListIterator(chunks, minT, maxT, deleted);
        }

        @Override
        public SeriesIterator iterator(SeriesIterator reuse) {
            checkOpen();
            if (reuse instanceof ChunkListIterator it) {
                return it.reset(chunks, minT, maxT, deleted);
            }
            return iterator();
        }
    }

    private List<ChunkRef> loadChunks(Candidate c) {
        List<ChunkRef> chunks = new ArrayList<>();
        if (c.persistedMaxT() >= minT && c.persistedMinT() <= maxT) {
            view.readChunks(c.id(), minT, maxT, (chunkMinT, chunkMaxT, bytes) -> {
                chunks.add(new ChunkRef(bytes, chunkMinT, chunkMaxT, Integer.MAX_VALUE));
                return true;
            });
        }
        if (c.memory() != null) {
            chunks.addAll(c.memory().memoryChunks(snapshotSeq, minT, maxT));
        }
        return chunks;
    }

    /** Whether the series has a visible, undeleted sample in range; reads as little as it can. */
    private boolean hasSample(Candidate c) {
        long[] deleted = tombstones.of(c.id());
        if (c.memory() != null) {
            for (ChunkRef ref : c.memory().memoryChunks(snapshotSeq, minT, maxT)) {
                if (chunkHasSample(ref.bytes(), ref.visible(), deleted)) {
                    return true;
                }
            }
        }
        if (c.persistedMaxT() < minT || c.persistedMinT() > maxT) {
            return false;
        }
        boolean[] found = {false};
        view.readChunks(c.id(), minT, maxT, (chunkMinT, chunkMaxT, bytes) -> {
            found[0] = chunkHasSample(bytes, Integer.MAX_VALUE, deleted);
            return !found[0];
        });
        return found[0];
    }

    private boolean chunkHasSample(byte[] bytes, int visible, long[] deleted) {
        probe = Chunk.iterator(bytes, probe);
        for (int i = 0; i < visible && probe.next(); i++) {
            long t = probe.timestamp();
            if (t > maxT) {
                return false;
            }
            if (t >= minT && (deleted == null || !Tombstones.covers(deleted, t))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasSample(long id) {
        Candidate c = candidate(id);
        return c != null && hasSample(c);
    }

    @Override
    public List<String> labelNames(Matcher... matchers) {
        LabelIndexReader idx = index();
        TreeSet<String> names = new TreeSet<>(Labels::compareStrings);
        if (matchers.length == 0) {
            for (String name : idx.names()) {
                idx.forEachValue(name, (value, ids) -> {
                    for (long id = ids.next(); id != 0; id = ids.next()) {
                        if (hasSample(id)) {
                            names.add(name);
                            return false;
                        }
                    }
                    return true;
                });
            }
            return List.copyOf(names);
        }
        for (long id : PostingsSelection.select(idx, matchers)) {
            Candidate c = candidate(id);
            if (c != null && addsNew(c.labels(), names) && hasSample(c)) {
                for (int i = 0; i < c.labels().size(); i++) {
                    names.add(c.labels().name(i));
                }
            }
        }
        return List.copyOf(names);
    }

    private static boolean addsNew(Labels labels, Set<String> names) {
        for (int i = 0; i < labels.size(); i++) {
            if (!names.contains(labels.name(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> labelValues(String name, Matcher... matchers) {
        LabelIndexReader idx = index();
        TreeSet<String> values = new TreeSet<>(Labels::compareStrings);
        if (matchers.length == 0) {
            idx.forEachValue(name, (value, ids) -> {
                for (long id = ids.next(); id != 0; id = ids.next()) {
                    if (hasSample(id)) {
                        values.add(value);
                        break;
                    }
                }
                return true;
            });
            return List.copyOf(values);
        }
        for (long id : PostingsSelection.select(idx, matchers)) {
            Candidate c = candidate(id);
            if (c == null) {
                continue;
            }
            String v = c.labels().get(name);
            if (!v.isEmpty() && !values.contains(v) && hasSample(c)) {
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
            view.close();
            head.querierClosed(snapshotSeq, minT, useHead);
        }
    }
}
