package dev.vigil.tsdb.head;

import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Merges the chunks of each series in a block that no longer receives samples into as few chunks as possible (up to
 * {@value #MAX_SAMPLES} samples each), as Prometheus compacts its 2 h blocks: fewer chunks cost fewer headers and keys
 * on disk. A block is done once its end lies {@code idleCutMs} behind the newest sample (by then every open chunk in it
 * was cut and persisted). Blocks that backfill or tombstone clean-up rewrote later are merged again. Each slice of
 * series is one write under the head's commit lock.
 */
public final class BlockCompaction {
    /** Largest merged chunk; a seek decodes at most this many samples. */
    static final int MAX_SAMPLES = 1024;

    private static final int SLICE_SERIES = 2_000;

    private final Head head;
    private final ConcurrentSkipListSet<Long> rewritten = new ConcurrentSkipListSet<>();
    private long compactedThrough;

    public BlockCompaction(Head head) {
        this.head = head;
        this.compactedThrough = head.store.compactedThrough();
        head.onBlockRewritten(block -> {
            if (block <= compactedThrough) {
                rewritten.add(block);
            }
        });
    }

    /** Merges every block that is done and not merged yet; returns the number of chunks removed. */
    public synchronized long run() {
        long newest = head.maxTime();
        if (newest == Long.MIN_VALUE) {
            return 0;
        }
        long lastDone = RocksStore.blockOf(newest - head.options.idleCutMs()) - 1;
        long removed = 0;
        Long again;
        while ((again = rewritten.pollFirst()) != null) {
            removed += compact(again);
        }
        long block = compactedThrough == Long.MIN_VALUE ? Long.MIN_VALUE : compactedThrough + 1;
        while (block <= lastDone) {
            // Jump over blocks without chunks: retention and sparse history leave long gaps.
            block = head.store.firstBlockFrom(block);
            if (block > lastDone) {
                break;
            }
            removed += compact(block);
            markDone(block);
            block++;
        }
        if (compactedThrough < lastDone && lastDone != Long.MIN_VALUE) {
            markDone(lastDone);
        }
        return removed;
    }

    private void markDone(long block) {
        head.commitLock.lock();
        try {
            try (StoreBatch batch = head.store.batch()) {
                batch.putCompactedThrough(block);
                head.write(batch, false);
            }
            compactedThrough = block;
        } finally {
            head.commitLock.unlock();
        }
    }

    /** Merges one block, slice by slice; returns the number of chunks removed. */
    long compact(long block) {
        long removed = 0;
        long from = 0;
        while (from != Long.MAX_VALUE) {
            long[] result = compactSlice(block, from);
            removed += result[0];
            from = result[1];
        }
        return removed;
    }

    /** One slice: returns {chunks removed, next series id or Long.MAX_VALUE}. */
    private long[] compactSlice(long block, long fromSeries) {
        head.commitLock.lock();
        try {
            head.checkOpen();
            List<long[]> spans = new ArrayList<>();
            List<byte[]> chunks = new ArrayList<>();
            long[] next = {Long.MAX_VALUE};
            long[] seriesSeen = {0};
            long[] current = {-1};
            head.store.forEachChunkInBlock(block, fromSeries, (id, minT, maxT, bytes) -> {
                if (id != current[0]) {
                    if (seriesSeen[0] == SLICE_SERIES) {
                        next[0] = id;
                        return false;
                    }
                    seriesSeen[0]++;
                    current[0] = id;
                }
                spans.add(new long[] {id, minT, maxT});
                chunks.add(bytes);
                return true;
            });
            long removed = 0;
            try (StoreBatch batch = head.store.batch()) {
                int i = 0;
                while (i < spans.size()) {
                    int j = i;
                    while (j + 1 < spans.size() && spans.get(j + 1)[0] == spans.get(i)[0]) {
                        j++;
                    }
                    removed += merge(spans, chunks, i, j, batch);
                    i = j + 1;
                }
                if (batch.count() > 0) {
                    head.write(batch, false);
                }
            }
            head.metrics.chunksCompacted.inc(removed);
            return new long[] {removed, next[0]};
        } finally {
            head.commitLock.unlock();
        }
    }

    /** Merges the chunks {@code from..to} of one series when that makes fewer; returns how many fewer. */
    private static int merge(List<long[]> spans, List<byte[]> chunks, int from, int to, StoreBatch batch) {
        int n = to - from + 1;
        if (n < 2) {
            return 0;
        }
        int samples = 0;
        ChunkIterator it = null;
        for (int i = from; i <= to; i++) {
            it = Chunk.iterator(chunks.get(i), it);
            samples += it.count();
        }
        int merged = (samples + MAX_SAMPLES - 1) / MAX_SAMPLES;
        if (merged >= n) {
            return 0;
        }
        long id = spans.get(from)[0];
        for (int i = from; i <= to; i++) {
            batch.deleteChunk(id, spans.get(i)[1]);
        }
        Chunk out = Chunk.create();
        for (int i = from; i <= to; i++) {
            it = Chunk.iterator(chunks.get(i), it);
            while (it.next()) {
                if (out.count() == MAX_SAMPLES) {
                    batch.putChunk(id, out.minTime(), out.maxTime(), out.toBytes());
                    out = Chunk.create();
                }
                out.append(it.timestamp(), it.value());
            }
        }
        batch.putChunk(id, out.minTime(), out.maxTime(), out.toBytes());
        return n - merged;
    }
}
