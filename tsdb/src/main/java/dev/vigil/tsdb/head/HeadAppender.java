package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import java.util.Arrays;

/**
 * Buffers one batch in primitive arrays and checks order against the newest committed or pending sample of each
 * series. Not thread-safe.
 */
final class HeadAppender implements Appender {
    private final Head head;
    private HeadSeries[] series = new HeadSeries[64];
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;
    private boolean done;

    HeadAppender(Head head) {
        this.head = head;
    }

    @Override
    public long append(long seriesRef, Labels labels, long timestampMs, double value) throws AppendException {
        checkActive();
        HeadSeries s = head.resolve(seriesRef, labels, timestampMs);
        if (timestampMs < head.minValidTime()) {
            throw new AppendException(
                    AppendException.Kind.OUT_OF_BOUNDS,
                    s.labels,
                    timestampMs,
                    "older than the retention horizon " + head.minValidTime());
        }
        int pending = s.pendingAppender == this ? s.pendingIndex : -1;
        if (pending >= size || (pending >= 0 && series[pending] != s)) {
            pending = -1; // another appender raced on this series; its fields are not ours
        }
        long newestTime = pending >= 0 ? times[pending] : s.lastTime;
        double newestValue = pending >= 0 ? values[pending] : s.lastValue;
        if (timestampMs <= newestTime) {
            if (timestampMs < newestTime) {
                throw new AppendException(
                        AppendException.Kind.OUT_OF_ORDER, s.labels, timestampMs, "newest sample is at " + newestTime);
            }
            if (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(newestValue)) {
                return s.id;
            }
            throw new AppendException(
                    AppendException.Kind.DUPLICATE_TIMESTAMP,
                    s.labels,
                    timestampMs,
                    "existing value " + newestValue + ", new value " + value);
        }
        if (size == times.length) {
            series = Arrays.copyOf(series, size * 2);
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        series[size] = s;
        times[size] = timestampMs;
        values[size] = value;
        s.pendingAppender = this;
        s.pendingIndex = size;
        size++;
        return s.id;
    }

    @Override
    public void commit() {
        checkActive();
        done = true;
        releasePending();
        head.commit(series, times, values, size);
    }

    @Override
    public void rollback() {
        checkActive();
        done = true;
        releasePending();
        Arrays.fill(series, 0, size, null);
        size = 0;
    }

    private void releasePending() {
        for (int i = 0; i < size; i++) {
            if (series[i].pendingAppender == this) {
                series[i].pendingAppender = null;
            }
        }
    }

    private void checkActive() {
        if (done) {
            throw new IllegalStateException("appender already committed or rolled back");
        }
    }
}
