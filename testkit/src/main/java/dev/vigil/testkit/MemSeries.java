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
