package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.rocks.RocksStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One series in the head. Mutable state is guarded by the instance monitor; commits hold it while appending, readers
 * while copying. Samples are numbered from 0 in append order; visibility for a querier opened at commit sequence S is
 * "samples numbered below {@link #visibleSamples(long) visibleSamples(S)}".
 */
final class HeadSeries {
    static final int MAX_CHUNK_SAMPLES = 120;

    final long id;
    final Labels labels;

    /** Whether the series definition is in the store. Guarded by the head's commit lock. */
    boolean persisted;

    /** Newest committed sample, for order checks without locking (commits re-check under the lock). */
    volatile long lastTime = Long.MIN_VALUE;

    volatile double lastValue;

    /**
     * The appender holding a pending sample of this series and that sample's index in its batch. Written and read only
     * by appender threads without locking: a stale read just means the appender checks order against the committed
     * sample instead, and its commit re-checks under the lock.
     */
    Object pendingAppender;

    int pendingIndex;

    private Chunk open;
    private long openFirstSample;
    /** First timestamp past the open chunk's block; chunks never span blocks. */
    private long openBlockEnd;

    private long totalSamples;
    private long minTime = Long.MAX_VALUE;
    private long persistedMinTime = Long.MAX_VALUE;
    private long persistedMaxTime = Long.MIN_VALUE;
    private final List<FrozenChunk> frozen = new ArrayList<>(0);

    // Visibility history: after commit ringSeq[i], totalSamples was ringTotal[i]. Before ringSeq[0] it was baseTotal.
    private long[] ringSeq = new long[0];
    private long[] ringTotal = new long[0];
    private int ringSize;
    private long baseTotal;

    HeadSeries(long id, Labels labels) {
        this.id = id;
        this.labels = labels;
    }

    synchronized void restorePersisted(long minT, long maxT, double lastV) {
        persistedMinTime = minT;
        persistedMaxTime = maxT;
        minTime = Math.min(minTime, minT);
        lastTime = Math.max(lastTime, maxT);
        lastValue = lastV;
    }

    /**
     * Appends a committed sample, cutting the open chunk first when it is full or {@code t} is in a later block. A cut
     * chunk is written to {@code batch} and kept as frozen. Returns false when {@code t} is not after the newest
     * sample (a concurrent commit won).
     */
    synchronized boolean append(long t, double v, long seq, RocksStore.Batch batch) {
        if (t <= lastTime) {
            return false;
        }
        if (open != null && (open.count() >= MAX_CHUNK_SAMPLES || t >= openBlockEnd)) {
            cut(seq, batch);
        }
        if (open == null) {
            open = Chunk.create();
            openFirstSample = totalSamples;
            long block = RocksStore.blockOf(t);
            openBlockEnd =
                    block == RocksStore.blockOf(Long.MAX_VALUE) ? Long.MAX_VALUE : (block + 1) * RocksStore.BLOCK_MS;
        }
        open.append(t, v);
        totalSamples++;
        minTime = Math.min(minTime, t);
        lastValue = v;
        lastTime = t;
        return true;
    }

    /** Writes the open chunk to {@code batch} and freezes it; no-op when there is none. */
    synchronized void cut(long seq, RocksStore.Batch batch) {
        if (open == null || open.count() == 0) {
            return;
        }
        byte[] bytes = open.toBytes();
        batch.putChunk(id, open.minTime(), open.maxTime(), bytes);
        persistedMinTime = Math.min(persistedMinTime, open.minTime());
        persistedMaxTime = open.maxTime();
        batch.putSeriesRange(id, persistedMinTime, persistedMaxTime, lastValue);
        frozen.add(new FrozenChunk(bytes, open.minTime(), open.maxTime(), openFirstSample, open.count(), seq));
        open = null;
    }

    /** Records that commit {@code seq} made the samples so far visible; keeps history only as far as queriers need. */
    synchronized void markCommitted(long seq, long lowWatermark) {
        if (lowWatermark >= seq) {
            ringSize = 0;
            baseTotal = totalSamples;
        } else {
            if (ringSize > 0 && ringSeq[ringSize - 1] == seq) {
                ringTotal[ringSize - 1] = totalSamples;
            } else {
                if (ringSize == ringSeq.length) {
                    ringSeq = Arrays.copyOf(ringSeq, Math.max(2, ringSize * 2));
                    ringTotal = Arrays.copyOf(ringTotal, Math.max(2, ringSize * 2));
                }
                ringSeq[ringSize] = seq;
                ringTotal[ringSize] = totalSamples;
                ringSize++;
            }
            trimHistory(lowWatermark);
        }
        dropFrozen(lowWatermark);
    }

    private void trimHistory(long lowWatermark) {
        int drop = 0;
        while (drop < ringSize && ringSeq[drop] <= lowWatermark) {
            baseTotal = ringTotal[drop];
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(ringSeq, drop, ringSeq, 0, ringSize - drop);
            System.arraycopy(ringTotal, drop, ringTotal, 0, ringSize - drop);
            ringSize -= drop;
        }
    }

    /** Frees frozen chunks every open querier can read from the store. */
    synchronized void dropFrozen(long lowWatermark) {
        if (!frozen.isEmpty()) {
            frozen.removeIf(f -> f.cutSeq() <= lowWatermark);
        }
    }

    private long visibleSamples(long snapshotSeq) {
        for (int i = ringSize - 1; i >= 0; i--) {
            if (ringSeq[i] <= snapshotSeq) {
                return ringTotal[i];
            }
        }
        return baseTotal;
    }

    /**
     * The in-memory chunks a querier opened at {@code snapshotSeq} must read (frozen chunks cut after it, then the
     * open chunk), copied and limited to the samples visible to it, overlapping {@code [minT, maxT]}.
     */
    synchronized List<ChunkRef> memoryChunks(long snapshotSeq, long minT, long maxT) {
        long visible = visibleSamples(snapshotSeq);
        List<ChunkRef> out = new ArrayList<>(2);
        for (FrozenChunk f : frozen) {
            if (f.cutSeq() > snapshotSeq && f.minT() <= maxT && f.maxT() >= minT) {
                int n = (int) Math.max(0, Math.min(f.count(), visible - f.firstSample()));
                if (n > 0) {
                    out.add(new ChunkRef(f.bytes(), f.minT(), f.maxT(), n));
                }
            }
        }
        if (open != null && open.count() > 0 && open.minTime() <= maxT && open.maxTime() >= minT) {
            int n = (int) Math.max(0, Math.min(open.count(), visible - openFirstSample));
            if (n > 0) {
                out.add(new ChunkRef(open.toBytes(), open.minTime(), open.maxTime(), n));
            }
        }
        return out;
    }

    /** Whether any sample may lie in {@code [minT, maxT]} (by the series' time span). */
    synchronized boolean overlaps(long minT, long maxT) {
        return minTime <= maxT && lastTime >= minT;
    }

    synchronized boolean hasOpenSamples() {
        return open != null && open.count() > 0;
    }

    synchronized int frozenCount() {
        return frozen.size();
    }
}
