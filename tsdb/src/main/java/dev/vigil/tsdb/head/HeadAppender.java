package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.SeriesSlot;
import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * Buffers one batch in primitive arrays. Each sample is checked against the newest committed sample of its series and
 * the newest pending one of this batch; the series is owned by this appender until commit or rollback, so another
 * appender's sample for it is rejected here rather than dropped at commit. An appender that is dropped without commit
 * or rollback releases its series when it is garbage collected. Not thread-safe.
 */
class HeadAppender implements Appender {
    private static final Cleaner CLEANER = Cleaner.create();

    final Head head;
    final Ownership ownership;
    private final Cleaner.Cleanable cleanable;
    private final Buffers buffers;
    HeadSeries[] series;
    long[] times;
    double[] values;
    int size;
    private boolean done;
    /** Where {@link #prefetch} leaves its sum, so its loads are not optimised away. */
    @SuppressWarnings("unused")
    private long prefetchSink;

    HeadAppender(Head head) {
        this.head = head;
        this.buffers = head.takeAppenderBuffers();
        this.ownership = buffers.ownership;
        this.series = buffers.series;
        this.times = buffers.times;
        this.values = buffers.values;
        this.cleanable = CLEANER.register(this, ownership);
    }

    /**
     * The arrays of one batch and its ownership token, reused by the next appender of the same thread once this one is
     * done: a scrape loop takes an appender per scrape, and growing fresh arrays each time was most of what the append
     * path allocated.
     */
    static final class Buffers {
        final Ownership ownership = new Ownership();
        HeadSeries[] series = new HeadSeries[64];
        long[] times = new long[64];
        double[] values = new double[64];
    }

    /** Hands the (possibly grown) arrays back for reuse; the series this appender owned were released. */
    private void recycle() {
        Arrays.fill(series, 0, size, null);
        buffers.series = series;
        buffers.times = times;
        buffers.values = values;
        size = 0;
        head.returnAppenderBuffers(buffers);
    }

    /**
     * The series this appender owns. Kept apart from the appender so the cleaner can release them once the appender
     * is unreachable; the token is what the series record as owner.
     */
    static final class Ownership implements Runnable {
        private HeadSeries[] owned = new HeadSeries[16];
        private int count;

        void add(HeadSeries s) {
            if (count == owned.length) {
                owned = Arrays.copyOf(owned, count * 2);
            }
            owned[count++] = s;
        }

        @Override
        public void run() {
            for (int i = 0; i < count; i++) {
                owned[i].release(this);
                owned[i] = null;
            }
            count = 0;
        }
    }

    @Override
    public long append(long seriesRef, Labels labels, long timestampMs, double value) throws AppendException {
        checkActive();
        return appendOwned(own(null, seriesRef, labels, timestampMs), timestampMs, value);
    }

    /**
     * The slot's handle is the series itself, valid while the series stays in the head and carries these very labels
     * (the head adopts the caller's labels object), so a scrape's steady-state append skips the id lookup.
     */
    @Override
    public void append(SeriesSlot slot, Labels labels, long timestampMs, double value) throws AppendException {
        checkActive();
        HeadSeries known = slot.handle instanceof HeadSeries h && h.labels == labels ? h : null;
        HeadSeries s = own(known, slot.ref, labels, timestampMs);
        slot.handle = s;
        slot.ref = s.id;
        appendOwned(s, timestampMs, value);
    }

    /** Reads the fields an append checks of each slot's series, in one loop whose cache misses overlap. */
    @Override
    public void prefetch(SeriesSlot[] slots, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            SeriesSlot slot = slots[i];
            if (slot != null && slot.handle instanceof HeadSeries s) {
                sum += s.touchForAppend();
            }
        }
        prefetchSink = sum;
    }

    /** Checks and buffers a sample of a series this appender owns; returns the series' ref. */
    long appendOwned(HeadSeries s, long timestampMs, double value) throws AppendException {
        checkBounds(s, timestampMs);
        return appendToHead(s, timestampMs, value);
    }

    void checkBounds(HeadSeries s, long timestampMs) throws AppendException {
        if (timestampMs < head.minValidTime()) {
            head.metrics.outOfBounds.inc();
            throw new AppendException(
                    AppendException.Kind.OUT_OF_BOUNDS,
                    s.labels,
                    timestampMs,
                    "older than the retention horizon " + head.minValidTime());
        }
    }

    /** Adds a sample that must be newer than the series' newest committed and pending samples. */
    long appendToHead(HeadSeries s, long timestampMs, double value) throws AppendException {
        int pending = s.pendingIndex;
        boolean hasPending = pending >= 0 && pending < size && series[pending] == s;
        long newestTime = hasPending ? times[pending] : s.lastTime;
        double newestValue = hasPending ? values[pending] : s.lastValue;
        if (!isNewer(s, newestTime, newestValue, timestampMs, value, "newest sample is at ")) {
            return s.id;
        }
        add(s, timestampMs, value);
        s.pendingIndex = size - 1;
        return s.id;
    }

    /**
     * Resolves the series (or takes {@code known}, when not null) and takes ownership of it. A series that left the head meanwhile is resolved again; one that
     * another appender holds is rejected.
     */
    HeadSeries own(HeadSeries known, long seriesRef, Labels labels, long timestampMs) throws AppendException {
        for (int attempt = 0; ; attempt++) {
            HeadSeries s = known != null ? known : head.resolve(seriesRef, labels, timestampMs);
            known = null;
            if (s.owner() == ownership) {
                return s;
            }
            if (s.claim(ownership)) {
                ownership.add(s);
                s.pendingIndex = -1;
                return s;
            }
            if (!s.removed() || attempt > 100) {
                head.metrics.outOfOrder.inc();
                throw new AppendException(
                        AppendException.Kind.OUT_OF_ORDER,
                        s.labels,
                        timestampMs,
                        "another appender holds uncommitted samples of this series");
            }
            if (labels == null) {
                labels = s.labels;
            }
            seriesRef = 0;
        }
    }

    /**
     * Whether a sample at {@code t} comes after the newest one ({@code newestTime}); false when it repeats it exactly
     * (a no-op, as in Prometheus).
     *
     * @throws AppendException when it is older ({@code OUT_OF_ORDER}) or has the same time and another value
     */
    boolean isNewer(HeadSeries s, long newestTime, double newestValue, long t, double v, String newestIs)
            throws AppendException {
        if (t > newestTime) {
            return true;
        }
        if (t < newestTime) {
            head.metrics.outOfOrder.inc();
            throw new AppendException(AppendException.Kind.OUT_OF_ORDER, s.labels, t, newestIs + newestTime);
        }
        if (Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(newestValue)) {
            return false;
        }
        head.metrics.duplicate.inc();
        throw new AppendException(
                AppendException.Kind.DUPLICATE_TIMESTAMP,
                s.labels,
                t,
                "existing value " + newestValue + ", new value " + v);
    }

    void add(HeadSeries s, long t, double v) {
        if (size == times.length) {
            series = Arrays.copyOf(series, size * 2);
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        series[size] = s;
        times[size] = t;
        values[size] = v;
        size++;
    }

    @Override
    public void commit() {
        checkActive();
        done = true;
        try {
            head.commit(series, times, values, size, null);
        } finally {
            cleanable.clean();
            recycle();
        }
    }

    @Override
    public void rollback() {
        checkActive();
        done = true;
        cleanable.clean();
        recycle();
    }

    void checkActive() {
        if (done) {
            throw new IllegalStateException("appender already committed or rolled back");
        }
    }

    void markDone() {
        done = true;
    }

    /** Releases the series this appender owns and recycles its arrays; for subclasses' commit. */
    void finish() {
        cleanable.clean();
        recycle();
    }
}
