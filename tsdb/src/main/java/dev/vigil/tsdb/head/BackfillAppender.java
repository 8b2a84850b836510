package dev.vigil.tsdb.head;

import dev.vigil.model.storage.AppendException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An appender for importing history. A sample older than everything its series holds in memory goes straight into
 * persisted chunks (merged with what is stored; a stored sample with the same timestamp wins), without the WAL or the
 * head; a newer one goes through the head like any append. Within one batch each series' samples must ascend. Not
 * thread-safe.
 */
final class BackfillAppender extends HeadAppender {
    private HeadSeries[] diskSeries = new HeadSeries[64];
    private long[] diskTimes = new long[64];
    private double[] diskValues = new double[64];
    private int diskSize;
    private final Map<HeadSeries, Integer> lastDisk = new IdentityHashMap<>();

    BackfillAppender(Head head) {
        super(head);
    }

    @Override
    long appendOwned(HeadSeries s, long timestampMs, double value) throws AppendException {
        checkBounds(s, timestampMs);
        long inMemorySince = s.unpersistedMinTime();
        if (inMemorySince != Long.MAX_VALUE && timestampMs >= inMemorySince) {
            return appendToHead(s, timestampMs, value);
        }
        Integer last = lastDisk.get(s);
        if (last != null
                && !isNewer(
                        s,
                        diskTimes[last],
                        diskValues[last],
                        timestampMs,
                        value,
                        "previous sample of this series in the import is at ")) {
            return s.id;
        }
        if (diskSize == diskTimes.length) {
            diskSeries = Arrays.copyOf(diskSeries, diskSize * 2);
            diskTimes = Arrays.copyOf(diskTimes, diskSize * 2);
            diskValues = Arrays.copyOf(diskValues, diskSize * 2);
        }
        diskSeries[diskSize] = s;
        diskTimes[diskSize] = timestampMs;
        diskValues[diskSize] = value;
        lastDisk.put(s, diskSize);
        diskSize++;
        return s.id;
    }

    @Override
    public void commit() {
        checkActive();
        markDone();
        try {
            BackfillWriter writer =
                    diskSize == 0 ? null : new BackfillWriter(head, diskSeries, diskTimes, diskValues, diskSize);
            head.commit(series, times, values, size, writer);
        } finally {
            finish();
        }
    }

    @Override
    public void rollback() {
        diskSize = 0;
        lastDisk.clear();
        super.rollback();
    }
}
