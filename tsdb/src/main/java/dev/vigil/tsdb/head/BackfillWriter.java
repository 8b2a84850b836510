package dev.vigil.tsdb.head;

import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreBatch;
import dev.vigil.tsdb.rocks.StoredSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns backfilled samples into persisted chunks: per series and block, the stored chunks that overlap the new samples
 * are read, merged with them (a stored sample wins over a new one with the same timestamp) and rewritten as chunks of
 * up to {@value HeadSeries#MAX_CHUNK_SAMPLES} samples, so chunks of a series never overlap.
 */
final class BackfillWriter implements Head.DiskWrites {
    private final Head head;
    private final HeadSeries[] series;
    private final long[] times;
    private final double[] values;
    private final int n;
    private final List<Update> updates = new ArrayList<>();
    private final java.util.Set<Long> blocks = new java.util.HashSet<>();
    private int stored;
    private int conflicts;

    /** A series' persisted span after the write. */
    private record Update(HeadSeries series, long minT, long maxT, double newestValue) {}

    BackfillWriter(Head head, HeadSeries[] series, long[] times, double[] values, int n) {
        this.head = head;
        this.series = series;
        this.times = times;
        this.values = values;
        this.n = n;
    }

    @Override
    public long prepare(StoreBatch batch) {
        head.defineNewSeries(series, n, batch);
        Map<HeadSeries, int[]> bySeries = new IdentityHashMap<>();
        Map<HeadSeries, Integer> counts = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(series[i], 1, Integer::sum);
        }
        for (int i = 0; i < n; i++) {
            int[] indexes = bySeries.computeIfAbsent(series[i], s -> new int[counts.get(s) + 1]);
            indexes[++indexes[0]] = i;
        }
        long newest = Long.MIN_VALUE;
        for (Map.Entry<HeadSeries, int[]> e : bySeries.entrySet()) {
            int[] indexes = e.getValue();
            newest = Math.max(newest, writeSeries(e.getKey(), indexes, indexes[0], batch));
        }
        return newest;
    }

    /** Writes one series' samples (ascending, at {@code indexes[1..count]}); returns its newest time. */
    private long writeSeries(HeadSeries s, int[] indexes, int count, StoreBatch batch) {
        long previousMaxT = s.persistedMaxT();
        long minT = s.persistedMinT();
        long maxT = previousMaxT;
        double newestValue = Double.NaN;
        boolean newestKnown = false;
        int from = 1;
        while (from <= count) {
            long block = RocksStore.blockOf(times[indexes[from]]);
            int to = from;
            while (to + 1 <= count && RocksStore.blockOf(times[indexes[to + 1]]) == block) {
                to++;
            }
            Merged merged = mergeBlock(s, block, indexes, from, to, batch);
            blocks.add(block);
            minT = Math.min(minT, merged.minT);
            if (merged.maxT >= maxT) {
                maxT = merged.maxT;
                newestValue = merged.newestValue;
                newestKnown = true;
            }
            from = to + 1;
        }
        if (!newestKnown) {
            StoredSeries stored = head.store.loadSeries(s.id);
            newestValue = stored == null ? Double.NaN : stored.lastValue();
        }
        batch.putSeriesRange(s.id, minT, maxT, newestValue, previousMaxT);
        updates.add(new Update(s, minT, maxT, newestValue));
        return maxT;
    }

    private record Merged(long minT, long maxT, double newestValue) {}

    private Merged mergeBlock(HeadSeries s, long block, int[] indexes, int from, int to, StoreBatch batch) {
        long first = times[indexes[from]];
        long last = times[indexes[to]];
        List<byte[]> existing = new ArrayList<>();
        List<Long> existingMinT = new ArrayList<>();
        // Overlapping chunks are merged; so is a partly filled chunk just before, so that imports that deliver a
        // series a few samples per batch still end up in full chunks.
        byte[][] before = {null};
        long[] beforeMinT = {0};
        head.store.forEachChunk(s.id, block, block, (chunkMinT, chunkMaxT, bytes) -> {
            if (chunkMaxT < first) {
                before[0] = bytes;
                beforeMinT[0] = chunkMinT;
            } else if (chunkMinT <= last) {
                existing.add(bytes);
                existingMinT.add(chunkMinT);
            }
            return chunkMinT <= last;
        });
        if (before[0] != null && Chunk.iterator(before[0], null).count() < HeadSeries.MAX_CHUNK_SAMPLES) {
            existing.add(0, before[0]);
            existingMinT.add(0, beforeMinT[0]);
        }
        int capacity = to - from + 1;
        for (byte[] b : existing) {
            capacity += Chunk.iterator(b, null).count();
        }
        long[] mt = new long[capacity];
        double[] mv = new double[capacity];
        int m = 0;
        ChunkIterator it = null;
        int next = from;
        for (byte[] b : existing) {
            it = Chunk.iterator(b, it);
            while (it.next()) {
                long t = it.timestamp();
                while (next <= to && times[indexes[next]] < t) {
                    mt[m] = times[indexes[next]];
                    mv[m++] = values[indexes[next++]];
                }
                if (next <= to && times[indexes[next]] == t) {
                    if (Double.doubleToRawLongBits(values[indexes[next]]) != Double.doubleToRawLongBits(it.value())) {
                        conflicts++;
                    }
                    next++;
                }
                mt[m] = t;
                mv[m++] = it.value();
            }
        }
        while (next <= to) {
            mt[m] = times[indexes[next]];
            mv[m++] = values[indexes[next++]];
        }
        stored += (to - from + 1);
        for (long key : existingMinT) {
            batch.deleteChunk(s.id, key);
        }
        for (int start = 0; start < m; start += HeadSeries.MAX_CHUNK_SAMPLES) {
            int end = Math.min(m, start + HeadSeries.MAX_CHUNK_SAMPLES);
            Chunk chunk = Chunk.create();
            for (int i = start; i < end; i++) {
                chunk.append(mt[i], mv[i]);
            }
            batch.putChunk(s.id, mt[start], mt[end - 1], chunk.toBytes());
        }
        return new Merged(mt[0], mt[m - 1], mv[m - 1]);
    }

    @Override
    public void applied(long seq) {
        blocks.forEach(head::blockRewritten);
        for (Update u : updates) {
            if (!u.series().persisted) {
                u.series().persisted = true;
                head.stored.add(u.series().labels.hash());
            }
            u.series().backfilled(u.minT(), u.maxT(), u.newestValue());
        }
        stored -= conflicts;
        head.metrics.backfillSamples.inc(stored);
        head.metrics.backfillConflicts.inc(conflicts);
        head.metrics.chunksPersisted.inc(updates.size());
    }

    @Override
    public int samples() {
        return stored;
    }

    @Override
    public String toString() {
        return "backfill of " + n + " samples " + Arrays.toString(Arrays.copyOf(times, Math.min(n, 3)));
    }
}
