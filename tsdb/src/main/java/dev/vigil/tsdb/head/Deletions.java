package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import dev.vigil.tsdb.index.PostingsSelection;
import dev.vigil.tsdb.rocks.ReadView;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreBatch;
import dev.vigil.tsdb.rocks.StoredSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removing data: tombstones for deleted intervals and their clean-up, and dropping series whose chunks retention
 * deleted. Every step is one store write under the head's commit lock, applied in memory only after it succeeded.
 */
public final class Deletions {
    private static final int SLICE = 5_000;

    private final Head head;
    private final java.util.Set<Long> rewrittenBlocks = new java.util.HashSet<>();

    public Deletions(Head head) {
        this.head = head;
    }

    /**
     * Records tombstones hiding the samples with {@code minT <= t <= maxT} of every stored series matching all
     * matchers. Only samples that exist now are deleted: each interval ends at its series' newest sample, so samples
     * appended later stay visible. Returns the number of series affected.
     */
    public int deleteSeries(long minT, long maxT, Matcher... matchers) {
        if (minT > maxT) {
            return 0;
        }
        head.commitLock.lock();
        try {
            head.checkOpen();
            long[] ids;
            long[] mins;
            long[] maxs;
            int n = 0;
            try (ReadView view = head.store.readView()) {
                ids = PostingsSelection.select(view.index(), matchers);
                mins = new long[ids.length];
                maxs = new long[ids.length];
                for (long id : ids) {
                    HeadSeries s = head.series(id);
                    long newest;
                    if (s != null) {
                        newest = s.lastTime;
                    } else {
                        StoredSeries stored = view.series(id);
                        newest = stored == null ? Long.MIN_VALUE : stored.maxT();
                    }
                    long hi = Math.min(maxT, newest);
                    if (hi >= minT) {
                        ids[n] = id;
                        mins[n] = minT;
                        maxs[n] = hi;
                        n++;
                    }
                }
            }
            if (n == 0) {
                return 0;
            }
            try (StoreBatch batch = head.store.batch()) {
                long tombstoneSeq = head.seq + 1; // the sequence of this write: unique per series and deletion
                for (int i = 0; i < n; i++) {
                    batch.putTombstone(ids[i], tombstoneSeq, mins[i], maxs[i]);
                }
                head.write(batch, true);
            }
            head.tombstones = head.tombstones.with(ids, mins, maxs, n);
            head.metrics.tombstonesAdded.inc(n);
            return n;
        } finally {
            head.commitLock.unlock();
        }
    }

    /**
     * Rewrites the chunks that hold deleted samples without them, drops series left without data and forgets the
     * tombstones. Queriers opened before keep their view. Returns the number of series cleaned.
     */
    public int cleanTombstones() {
        long[] ids = head.tombstones.seriesIds();
        for (int from = 0; from < ids.length; from += SLICE) {
            cleanSlice(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + SLICE)));
        }
        return ids.length;
    }

    private void cleanSlice(long[] ids) {
        head.commitLock.lock();
        try {
            head.checkOpen();
            // Chunks in memory that hold deleted samples are cut and persisted first, so all of them are rewritten
            // from the store.
            for (long id : ids) {
                HeadSeries s = head.series(id);
                long[] deleted = head.tombstones.of(id);
                if (s != null && deleted != null && s.memoryMinTime() <= deleted[deleted.length - 1]) {
                    FrozenChunk f = s.cutOpen();
                    if (f != null) {
                        head.pending.add(new Head.Pending(s, f));
                    }
                }
            }
            head.flushPending();
            synchronized (head.createLock) {
                rewrite(ids);
            }
        } finally {
            head.commitLock.unlock();
        }
    }

    /** A series' state after its chunks were rewritten. */
    private record Cleaned(long id, HeadSeries series, boolean gone, long minT, long maxT) {}

    private void rewrite(long[] ids) {
        List<Cleaned> cleaned = new ArrayList<>();
        try (StoreBatch batch = head.store.batch()) {
            for (long id : ids) {
                long[] deleted = head.tombstones.of(id);
                if (deleted == null) {
                    continue;
                }
                HeadSeries s = head.series(id);
                StoredSeries stored = head.store.loadSeries(id);
                if (stored == null) {
                    batch.deleteTombstones(id);
                    cleaned.add(new Cleaned(id, null, false, Long.MAX_VALUE, Long.MIN_VALUE));
                    continue;
                }
                cleaned.add(rewriteSeries(id, s, stored, deleted, batch));
            }
            head.write(batch, true);
        } catch (StorageException e) {
            rewrittenBlocks.clear();
            for (Cleaned c : cleaned) {
                if (c.gone() && c.series() != null) {
                    c.series().release(HeadSeries.REMOVED);
                }
            }
            throw e;
        }
        rewrittenBlocks.forEach(head::blockRewritten);
        rewrittenBlocks.clear();
        List<HeadSeries> gone = new ArrayList<>();
        for (Cleaned c : cleaned) {
            if (c.series() == null) {
                continue;
            }
            if (c.gone()) {
                gone.add(c.series());
            } else {
                c.series().persistedSpan(c.minT(), c.maxT());
            }
        }
        head.forget(gone);
        head.tombstones = head.tombstones.without(ids);
    }

    private Cleaned rewriteSeries(long id, HeadSeries s, StoredSeries stored, long[] deleted, StoreBatch batch) {
        long newMin = Long.MAX_VALUE;
        long newMax = Long.MIN_VALUE;
        byte[] newest = null;
        if (stored.hasChunks()) {
            long fromBlock = RocksStore.blockOf(stored.minT());
            long toBlock = RocksStore.blockOf(stored.maxT());
            List<long[]> spans = new ArrayList<>();
            List<byte[]> chunks = new ArrayList<>();
            head.store.forEachChunk(id, fromBlock, toBlock, (minT, maxT, bytes) -> {
                spans.add(new long[] {minT, maxT});
                chunks.add(bytes);
                return true;
            });
            ChunkIterator it = null;
            for (int i = 0; i < chunks.size(); i++) {
                long chunkMinT = spans.get(i)[0];
                long chunkMaxT = spans.get(i)[1];
                byte[] kept = chunks.get(i);
                if (overlaps(deleted, chunkMinT, chunkMaxT)) {
                    rewrittenBlocks.add(RocksStore.blockOf(chunkMinT));
                    Chunk rewritten = null;
                    batch.deleteChunk(id, chunkMinT);
                    it = Chunk.iterator(chunks.get(i), it);
                    while (it.next()) {
                        if (!Tombstones.covers(deleted, it.timestamp())) {
                            if (rewritten == null) {
                                rewritten = Chunk.create();
                            }
                            rewritten.append(it.timestamp(), it.value());
                        }
                    }
                    kept = null;
                    if (rewritten != null) {
                        kept = rewritten.toBytes();
                        batch.putChunk(id, rewritten.minTime(), rewritten.maxTime(), kept);
                        chunkMinT = rewritten.minTime();
                        chunkMaxT = rewritten.maxTime();
                    }
                }
                if (kept != null) {
                    newMin = Math.min(newMin, chunkMinT);
                    if (chunkMaxT >= newMax) {
                        newMax = chunkMaxT;
                        newest = kept;
                    }
                }
            }
        }
        batch.deleteTombstones(id);
        boolean inMemory = s != null && s.hasUnpersistedData();
        if (newMax == Long.MIN_VALUE) {
            if (!inMemory && (s == null || s.claimForRemoval())) {
                batch.deleteSeries(id, stored.labels(), stored.maxT());
                return new Cleaned(id, s, true, newMin, newMax);
            }
            batch.deleteSeriesRange(id, stored.maxT());
            return new Cleaned(id, s, false, newMin, newMax);
        }
        batch.putSeriesRange(id, newMin, newMax, lastValue(newest), stored.maxT());
        return new Cleaned(id, s, false, newMin, newMax);
    }

    private static double lastValue(byte[] chunk) {
        ChunkIterator it = Chunk.iterator(chunk, null);
        double v = Double.NaN;
        while (it.next()) {
            v = it.value();
        }
        return v;
    }

    private static boolean overlaps(long[] intervals, long minT, long maxT) {
        for (int i = 0; i < intervals.length; i += 2) {
            if (intervals[i] <= maxT && intervals[i + 1] >= minT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes every chunk in blocks before {@code block}, then forgets the series left without data: their
     * definitions, postings and tombstones go, and they leave memory unless they still have samples there. Returns the
     * number of series removed.
     */
    public int expireBefore(long block) {
        head.store.deleteBlocksBefore(block);
        long[] ids = head.store.seriesEndingBefore(block);
        int removed = 0;
        for (int from = 0; from < ids.length; from += SLICE) {
            removed += expireSlice(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + SLICE)));
        }
        return removed;
    }

    private int expireSlice(long[] ids) {
        head.commitLock.lock();
        try {
            head.checkOpen();
            synchronized (head.createLock) {
                long low = head.lowWatermark();
                List<HeadSeries> gone = new ArrayList<>();
                List<HeadSeries> emptied = new ArrayList<>();
                List<Long> goneIds = new ArrayList<>();
                try (StoreBatch batch = head.store.batch()) {
                    for (long id : ids) {
                        HeadSeries s = head.series(id);
                        if (s == null) {
                            StoredSeries stored = head.store.loadSeries(id);
                            if (stored != null) {
                                batch.deleteSeries(id, stored.labels(), stored.maxT());
                                goneIds.add(id);
                            }
                            continue;
                        }
                        long persistedMaxT = s.persistedMaxT();
                        s.dropFrozen(low);
                        if (s.hasUnpersistedData()) {
                            batch.deleteSeriesRange(id, persistedMaxT);
                            emptied.add(s);
                        } else if (s.frozenCount() == 0 && s.claimForRemoval()) {
                            batch.deleteSeries(id, s.labels, persistedMaxT);
                            gone.add(s);
                            goneIds.add(id);
                        }
                    }
                    if (batch.count() == 0) {
                        return 0;
                    }
                    head.write(batch, false);
                } catch (StorageException e) {
                    for (HeadSeries s : gone) {
                        s.release(HeadSeries.REMOVED);
                    }
                    throw e;
                }
                for (HeadSeries s : emptied) {
                    s.persistedDeleted();
                }
                head.forget(gone);
                head.tombstones = head.tombstones.without(
                        goneIds.stream().mapToLong(Long::longValue).toArray());
                return goneIds.size();
            }
        } finally {
            head.commitLock.unlock();
        }
    }
}
