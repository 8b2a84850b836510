package dev.vigil.testkit;

import dev.vigil.model.storage.SeriesIterator;
import java.util.Arrays;

/** Iterates {@code [from, to)} of parallel timestamp/value arrays. */
final class ArraySeriesIterator implements SeriesIterator {
    private final long[] timestamps;
    private final double[] values;
    private final int to;
    private final int from;
    private int index;

    ArraySeriesIterator(long[] timestamps, double[] values, int from, int to) {
        this.timestamps = timestamps;
        this.values = values;
        this.from = from;
        this.to = to;
        this.index = from - 1;
    }

    @Override
    public boolean next() {
        if (index < to) {
            index++;
        }
        return index < to;
    }

    @Override
    public boolean seek(long t) {
        if (index >= to) {
            return false;
        }
        if (index >= from && timestamps[index] >= t) {
            return true;
        }
        int found = Arrays.binarySearch(timestamps, index + 1, to, t);
        index = found >= 0 ? found : -found - 1;
        return index < to;
    }

    @Override
    public long timestamp() {
        checkPositioned();
        return timestamps[index];
    }

    @Override
    public double value() {
        checkPositioned();
        return values[index];
    }

    private void checkPositioned() {
        if (index < 0 || index >= to) {
            throw new IllegalStateException("iterator is not positioned on a sample");
        }
    }
}
