package dev.vigil.tsdb.head;

import dev.vigil.model.log.Log;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.rocks.StoreBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the head from the store: tombstones, then each series' open chunk from its snapshot in the head family,
 * then the WAL records written since the last checkpoint. Only series with unpersisted samples are brought into
 * memory. Corrupt WAL records and unreadable snapshots are dropped and reported; the rest recovers.
 */
final class HeadReplay {
    private static final Log log = Log.get(HeadReplay.class);

    private HeadReplay() {}

    static void replay(Head head, ReplayReport.Builder report) {
        head.nextId = head.store.nextSeriesId();
        head.storedNextId = head.nextId;
        head.seq = head.store.lastSeq();
        head.maxTime = head.store.maxTime();
        head.storedMaxTime = head.maxTime;
        loadTombstones(head);
        head.store.forEachLabelsHash(head.stored::add);
        head.refreshStoredFilter(false);
        List<Long> unreadable = new ArrayList<>();
        head.commitLock.lock();
        try {
            synchronized (head.createLock) {
                restoreOpenChunks(head, report, unreadable);
                replayWal(head, report);
            }
            long newest = head.maxTime;
            for (HeadSeries s : head.table.toArray()) {
                s.markCommitted(head.seq, Long.MAX_VALUE);
                newest = Math.max(newest, s.lastTime);
            }
            head.maxTime = newest;
            // Series not in memory may hold samples up to the newest stored time; older queries read the store index.
            head.horizon = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest == Long.MAX_VALUE ? newest : newest + 1;
            if (!unreadable.isEmpty()) {
                try (StoreBatch batch = head.store.batch()) {
                    for (long id : unreadable) {
                        batch.deleteHeadChunk(id);
                    }
                    batch.write(true);
                }
            }
        } finally {
            head.commitLock.unlock();
        }
        for (String problem : report.problems) {
            log.warn("Recovery dropped data", "problem", problem);
        }
    }

    private static void loadTombstones(Head head) {
        List<long[]> entries = new ArrayList<>();
        head.store.forEachTombstone((id, seq, minT, maxT) -> entries.add(new long[] {id, minT, maxT}));
        if (entries.isEmpty()) {
            return;
        }
        long[] ids = new long[entries.size()];
        long[] mins = new long[ids.length];
        long[] maxs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = entries.get(i)[0];
            mins[i] = entries.get(i)[1];
            maxs[i] = entries.get(i)[2];
        }
        head.tombstones = Tombstones.NONE.with(ids, mins, maxs, ids.length);
    }

    private static void restoreOpenChunks(Head head, ReplayReport.Builder report, List<Long> unreadable) {
        head.store.forEachHeadChunk((id, bytes) -> {
            HeadSeries s = head.series(id);
            if (s == null) {
                s = head.loadFromStore(id);
                if (s == null) {
                    report.problems.add(
                            "open-chunk snapshot of unknown series " + id + " (" + bytes.length + " bytes) dropped");
                    unreadable.add(id);
                    return;
                }
                report.seriesLoaded++;
            }
            Chunk chunk;
            try {
                chunk = Chunk.restore(bytes);
            } catch (RuntimeException e) {
                report.problems.add("open-chunk snapshot of series " + s.labels + " is unreadable (" + bytes.length
                        + " bytes) and was dropped: " + e.getMessage());
                unreadable.add(id);
                return;
            }
            if (chunk.count() == 0 || chunk.maxTime() <= s.persistedMaxT()) {
                unreadable.add(id); // persisted chunks already hold it
                return;
            }
            s.restoreOpen(chunk);
            s.snapshotted = true;
            report.openChunksRestored++;
        });
    }

    private static void replayWal(Head head, ReplayReport.Builder report) {
        head.store.forEachWal((walSeq, record) -> {
            head.seq = Math.max(head.seq, walSeq);
            if (!WalRecord.isIntact(record)) {
                report.problems.add("WAL record " + walSeq + " (" + record.length
                        + " bytes) failed its checksum and was dropped; the samples of that commit are lost");
                head.metrics.walCorruptions.inc();
                return;
            }
            report.walRecords++;
            head.walBytes += record.length;
            WalRecord.decode(record, (id, t, v) -> {
                HeadSeries s = head.series(id);
                if (s == null) {
                    s = head.loadFromStore(id);
                    if (s == null) {
                        report.problems.add("WAL record " + walSeq + " names unknown series " + id + "; its sample at "
                                + t + " was dropped");
                        return;
                    }
                    report.seriesLoaded++;
                }
                if (t <= s.lastTime) {
                    report.samplesAlreadyPersisted++;
                    return;
                }
                FrozenChunk cut = s.append(t, v);
                s.dirty = true;
                if (cut != null) {
                    head.pending.add(new Head.Pending(s, cut));
                }
                report.samplesReplayed++;
            });
        });
    }
}
