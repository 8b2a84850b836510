package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import dev.vigil.tsdb.rocks.RocksStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One series in the head.
 *
 * <p>Ownership: at most one appender holds uncommitted samples of a series ({@link #owner}); another appender's sample
 * is rejected at append time, so a commit never finds its samples out of order. A series leaving the head is owned by
 * {@link #REMOVED} forever, which sends late appenders back to the head for its replacement.
 *
 * <p>Chunk state is guarded by the instance monitor; commits hold it while appending, readers while copying. Samples
 * are numbered from 0 in append order; a querier opened at commit sequence S sees the samples numbered below {@link
 * #visibleSamples(long) visibleSamples(S)}. Fields marked "commit lock" are only touched under the head's commit lock.
 */
final class HeadSeries {
    static final int MAX_CHUNK_SAMPLES = 120;

    /** Owner of a series that left the head. */
    static final Object REMOVED = new Object();

    private static final VarHandle OWNER;
    private static final FrozenChunk[] NO_FROZEN = new FrozenChunk[0];

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(HeadSeries.class, "owner", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;

    /**
     * The series' labels. Replaced by an equal instance that an appender passes (the scraper's cached labels), so a
     * series restored from disk does not keep a second copy of its strings; both are immutable, so readers seeing
     * either is fine.
     */
    Labels labels;

    /** Newest committed sample; written under the monitor, read without it for order checks. */
    volatile long lastTime = Long.MIN_VALUE;

    volatile double lastValue;

    /** The appender holding uncommitted samples of this series, {@link #REMOVED}, or null. */
    @SuppressWarnings("unused") // accessed through OWNER
    private volatile Object owner;

    /** Index of this series' newest sample in the owning appender's batch. Only the owner touches it. */
    int pendingIndex;

    /** Commit lock: the definition is in the store. */
    boolean persisted;

    /** Commit lock: the head family holds a snapshot of this series' oldest unpersisted chunk. */
    boolean snapshotted;

    /** Commit lock: the open chunk changed since it was last snapshotted. */
    boolean dirty;

    private Chunk open;
    /** Append-order number of the open chunk's first sample; numbers are ints (2^31 samples is decades). */
    private int openFirstSample;

    private int totalSamples;
    /** Words the last full chunk needed, plus slack: the capacity of the next open chunk (0: not known yet). */
    private int nextChunkWords;

    private long persistedMinT = Long.MAX_VALUE;
    private long persistedMaxT = Long.MIN_VALUE;
    private FrozenChunk[] frozen = NO_FROZEN;

    /** Samples visible before the oldest commit open queriers still need; later counts are in {@link #history}. */
    private int baseTotal;

    /** Commits an open querier may still need, with the sample count each left; null when none is needed. */
    private History history;

    /** After commit {@code seq[i]}, the series had {@code total[i]} samples. */
    private static final class History {
        long[] seq = new long[2];
        int[] total = new int[2];
        int size;
    }

    HeadSeries(long id, Labels labels) {
        this.id = id;
        this.labels = labels;
    }

    // ---- ownership ---------------------------------------------------------------------------------------------

    Object owner() {
        return owner;
    }

    /** Takes ownership for {@code appender} if nobody holds it; true when {@code appender} owns it afterwards. */
    boolean claim(Object appender) {
        Object current = owner;
        return current == appender || (current == null && OWNER.compareAndSet(this, null, appender));
    }

    /** Gives up ownership held by {@code appender}. */
    void release(Object appender) {
        OWNER.compareAndSet(this, appender, null);
    }

    /** Marks the series as gone from the head, if nobody owns it. */
    boolean claimForRemoval() {
        return OWNER.compareAndSet(this, null, REMOVED);
    }

    boolean removed() {
        return owner == REMOVED;
    }

    // ---- restoring ---------------------------------------------------------------------------------------------

    /** Sets the span of persisted chunks found in the store. */
    synchronized void restorePersisted(long minT, long maxT, double value) {
        persistedMinT = minT;
        persistedMaxT = maxT;
        if (maxT != Long.MIN_VALUE && maxT > lastTime) {
            lastTime = maxT;
            lastValue = value;
        }
    }

    /** Makes {@code chunk} (from a head snapshot) the open chunk. */
    synchronized void restoreOpen(Chunk chunk) {
        open = chunk;
        openFirstSample = totalSamples;
        totalSamples += chunk.count();
        baseTotal = totalSamples;
        if (chunk.maxTime() > lastTime) {
            ChunkIterator it = chunk.iterator(null);
            double v = Double.NaN;
            while (it.next()) {
                v = it.value();
            }
            lastTime = chunk.maxTime();
            lastValue = v;
        }
    }

    // ---- appending ---------------------------------------------------------------------------------------------

    /**
     * Appends a committed sample, cutting the open chunk first when it is full or {@code t} lies in a later block.
     * Returns the chunk cut, or null. The caller has checked that {@code t} is newer than {@link #lastTime}.
     */
    synchronized FrozenChunk append(long t, double v) {
        FrozenChunk cut = null;
        if (open != null
                && (open.count() >= MAX_CHUNK_SAMPLES
                        || t >= RocksStore.blockEnd(RocksStore.blockOf(open.minTime())))) {
            cut = cutOpen();
        }
        if (open == null) {
            open = nextChunkWords > 0 ? Chunk.create(nextChunkWords) : Chunk.create();
            openFirstSample = totalSamples;
        }
        open.append(t, v);
        totalSamples++;
        lastValue = v;
        lastTime = t;
        return cut;
    }

    /** Reads what an appender checks first (labels, owner, newest sample); the value means nothing. */
    long touchForAppend() {
        return lastTime + pendingIndex + (labels == null ? 0 : 1) + (owner == null ? 0 : 1);
    }

    /** {@link Chunk#touch()} of the open chunk, 0 without one. Commit lock (the open chunk stays put meanwhile). */
    long touchOpen() {
        Chunk c = open;
        return c == null ? lastTime : c.touch();
    }

    /** Cuts the open chunk into a frozen, not yet persisted chunk; null when there is none. */
    synchronized FrozenChunk cutOpen() {
        if (open == null || open.count() == 0) {
            open = null;
            return null;
        }
        if (open.count() >= MAX_CHUNK_SAMPLES) {
            // A full chunk predicts the next one's size; one cut early (at a block end) would under-size it.
            nextChunkWords = open.usedWords() + 2;
        }
        // The open chunk's last sample is the series' newest one.
        FrozenChunk f = new FrozenChunk(
                open.toBytes(), open.minTime(), open.maxTime(), openFirstSample, open.count(), lastValue);
        frozen = Arrays.copyOf(frozen, frozen.length + 1);
        frozen[frozen.length - 1] = f;
        open = null;
        return f;
    }

    /** Records that {@code f} was persisted by the write with sequence {@code seq}. */
    synchronized void persisted(FrozenChunk f, long seq) {
        f.persistSeq = seq;
        persistedMinT = Math.min(persistedMinT, f.minT);
        persistedMaxT = Math.max(persistedMaxT, f.maxT);
    }

    /** Records backfilled chunks written straight to the store. */
    synchronized void backfilled(long minT, long maxT, double newestValue) {
        persistedMinT = Math.min(persistedMinT, minT);
        if (maxT > persistedMaxT) {
            persistedMaxT = maxT;
        }
        if (maxT > lastTime) {
            lastTime = maxT;
            lastValue = newestValue;
        }
    }

    /** Forgets the persisted span after retention deleted all persisted chunks. */
    synchronized void persistedDeleted() {
        persistedMinT = Long.MAX_VALUE;
        persistedMaxT = Long.MIN_VALUE;
    }

    /** Sets the persisted span after chunks were rewritten (tombstone clean-up). */
    synchronized void persistedSpan(long minT, long maxT) {
        persistedMinT = minT;
        persistedMaxT = maxT;
    }

    synchronized long persistedMinT() {
        return persistedMinT;
    }

    synchronized long persistedMaxT() {
        return persistedMaxT;
    }

    /** The open chunk's bytes for a head snapshot, or null when there is no open chunk. */
    synchronized byte[] openBytes() {
        return open == null || open.count() == 0 ? null : open.toBytes();
    }

    /** Whether samples live only in memory (and the WAL): an open chunk or a cut chunk not yet persisted. */
    synchronized boolean hasUnpersistedData() {
        if (open != null && open.count() > 0) {
            return true;
        }
        for (FrozenChunk f : frozen) {
            if (!f.persisted()) {
                return true;
            }
        }
        return false;
    }

    /** Oldest sample that is only in memory, or {@link Long#MAX_VALUE}. */
    synchronized long unpersistedMinTime() {
        long min = open != null && open.count() > 0 ? open.minTime() : Long.MAX_VALUE;
        for (FrozenChunk f : frozen) {
            if (!f.persisted()) {
                min = Math.min(min, f.minT);
            }
        }
        return min;
    }

    /** Newest sample of the open chunk, or {@link Long#MIN_VALUE}. */
    synchronized long openMaxTime() {
        return open != null && open.count() > 0 ? open.maxTime() : Long.MIN_VALUE;
    }

    /** Oldest sample held in memory (open or frozen), or {@link Long#MAX_VALUE}. */
    synchronized long memoryMinTime() {
        long min = open != null && open.count() > 0 ? open.minTime() : Long.MAX_VALUE;
        for (FrozenChunk f : frozen) {
            min = Math.min(min, f.minT);
        }
        return min;
    }

    // ---- visibility --------------------------------------------------------------------------------------------

    /** Records that commit {@code seq} made the samples so far visible; keeps history only as far as queriers need. */
    synchronized void markCommitted(long seq, long lowWatermark) {
        if (lowWatermark >= seq) {
            history = null;
            baseTotal = totalSamples;
        } else {
            History h = history;
            if (h == null) {
                h = new History();
                history = h;
            }
            if (h.size > 0 && h.seq[h.size - 1] == seq) {
                h.total[h.size - 1] = totalSamples;
            } else {
                if (h.size == h.seq.length) {
                    h.seq = Arrays.copyOf(h.seq, h.size * 2);
                    h.total = Arrays.copyOf(h.total, h.size * 2);
                }
                h.seq[h.size] = seq;
                h.total[h.size] = totalSamples;
                h.size++;
            }
            trimHistory(lowWatermark);
        }
        dropFrozen(lowWatermark);
    }

    private void trimHistory(long lowWatermark) {
        History h = history;
        int drop = 0;
        while (drop < h.size && h.seq[drop] <= lowWatermark) {
            baseTotal = h.total[drop];
            drop++;
        }
        if (drop == h.size) {
            history = null;
        } else if (drop > 0) {
            System.arraycopy(h.seq, drop, h.seq, 0, h.size - drop);
            System.arraycopy(h.total, drop, h.total, 0, h.size - drop);
            h.size -= drop;
        }
    }

    /** Frees frozen chunks that are persisted and readable from the store by every open querier. */
    synchronized void dropFrozen(long lowWatermark) {
        if (frozen.length == 0) {
            return;
        }
        int keep = 0;
        for (FrozenChunk f : frozen) {
            if (keeps(f, lowWatermark)) {
                keep++;
            }
        }
        if (keep == frozen.length) {
            return;
        }
        FrozenChunk[] next = keep == 0 ? NO_FROZEN : new FrozenChunk[keep];
        int n = 0;
        for (FrozenChunk f : frozen) {
            if (keeps(f, lowWatermark)) {
                next[n++] = f;
            }
        }
        frozen = next;
    }

    /** A chunk stays in memory until it is persisted and every open querier's snapshot holds it. */
    private static boolean keeps(FrozenChunk f, long lowWatermark) {
        return !f.persisted() || f.persistSeq > lowWatermark;
    }

    private long visibleSamples(long snapshotSeq) {
        History h = history;
        if (h != null) {
            for (int i = h.size - 1; i >= 0; i--) {
                if (h.seq[i] <= snapshotSeq) {
                    return h.total[i];
                }
            }
        }
        return baseTotal;
    }

    /**
     * The in-memory chunks a querier opened at {@code snapshotSeq} must read (frozen chunks its store snapshot lacks,
     * then the open chunk), limited to the samples visible to it, overlapping {@code [minT, maxT]}.
     */
    synchronized List<ChunkRef> memoryChunks(long snapshotSeq, long minT, long maxT) {
        long visible = visibleSamples(snapshotSeq);
        List<ChunkRef> out = new ArrayList<>(2);
        for (FrozenChunk f : frozen) {
            if (f.persistSeq > snapshotSeq && f.minT <= maxT && f.maxT >= minT) {
                int n = (int) Math.max(0, Math.min(f.count, visible - f.firstSample));
                if (n > 0) {
                    out.add(new ChunkRef(f.bytes, f.minT, f.maxT, n));
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

    /** Whether the series may have samples in {@code [minT, maxT]}, judged by its spans. */
    synchronized boolean mayOverlap(long minT, long maxT) {
        long min = Math.min(persistedMinT, memoryMinTime());
        return min <= maxT && lastTime >= minT;
    }

    synchronized int frozenCount() {
        return frozen.length;
    }

    synchronized int memoryChunkCount() {
        return frozen.length + (open != null && open.count() > 0 ? 1 : 0);
    }

    /** Approximate bytes held by this series' chunks in memory. */
    synchronized long chunkBytes() {
        long bytes = open == null ? 0 : open.memoryBytes();
        for (FrozenChunk f : frozen) {
            bytes += 48 + 16 + f.bytes.length;
        }
        return bytes;
    }
}
