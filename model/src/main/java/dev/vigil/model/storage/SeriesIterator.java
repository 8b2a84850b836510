package dev.vigil.model.storage;

/**
 * A primitive cursor over the samples of one series in increasing timestamp order; no sample objects.
 *
 * <p>Usage: {@code while (it.next()) { use(it.timestamp(), it.value()); }} or {@code if (it.seek(t)) ...}. The
 * accessors are valid after {@code next()} or {@code seek()} returned true. Not thread-safe.
 */
public interface SeriesIterator {
    /** Advances to the next sample; false when exhausted (and stays false). */
    boolean next();

    /**
     * Advances to the first sample with timestamp {@code >= t}. If the current sample already satisfies this, stays
     * on it (seek never moves backwards). False when no such sample exists.
     */
    boolean seek(long t);

    /** Timestamp of the current sample in milliseconds. */
    long timestamp();

    /** Value of the current sample. */
    double value();

    /** An iterator with no samples. */
    SeriesIterator EMPTY = new SeriesIterator() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public boolean seek(long t) {
            return false;
        }

        @Override
        public long timestamp() {
            throw new IllegalStateException("empty iterator has no sample");
        }

        @Override
        public double value() {
            throw new IllegalStateException("empty iterator has no sample");
        }
    };
}
