package dev.vigil.testkit;

import dev.vigil.model.labels.Labels;
import java.util.Arrays;

/**
 * One series of {@link InMemoryStorage}. Samples only grow at the end and arrays are replaced when grown, so a reader
 * holding an older array and count keeps a consistent view. Mutated only under the storage's lock.
 */
final class MemSeries {
    final long ref;
    final Labels labels;
    long[] timestamps = new long[8];
    double[] values = new double[8];
    int count;
    /** Whether {@link #delete} removed samples, which lets cleanTombstones forget the series once empty. */
    boolean deleted;

    MemSeries(long ref, Labels labels) {
        this.ref = ref;
        this.labels = labels;
    }

    long lastTimestamp() {
        return timestamps[count - 1];
    }

    double lastValue() {
        return values[count - 1];
    }

    /**
     * Removes the samples with {@code minT <= t <= maxT}. The arrays are replaced, never changed in place, so
     * queriers holding the old ones keep their view.
     */
    void delete(long minT, long maxT) {
        int from = lowerBound(minT);
        int to = maxT == Long.MAX_VALUE ? count : lowerBound(maxT + 1);
        if (from >= to) {
            return;
        }
        int kept = count - (to - from);
        long[] t = new long[Math.max(kept, 8)];
        double[] v = new double[t.length];
        System.arraycopy(timestamps, 0, t, 0, from);
        System.arraycopy(values, 0, v, 0, from);
        System.arraycopy(timestamps, to, t, from, count - to);
        System.arraycopy(values, to, v, from, count - to);
        timestamps = t;
        values = v;
        count = kept;
        deleted = true;
    }

    private int lowerBound(long t) {
        int found = Arrays.binarySearch(timestamps, 0, count, t);
        return found >= 0 ? found : -found - 1;
    }

    void add(long t, double v) {
        if (count == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        timestamps[count] = t;
        values[count] = v;
        count++;
    }
}
