package dev.vigil.model.storage;

import dev.vigil.model.labels.Matcher;
import java.util.List;

/**
 * A read view over a time range, opened by {@link Queryable#querier}. Must be closed; the series sets and iterators it
 * returned are invalid afterwards. Used by one thread at a time.
 */
public interface Querier extends AutoCloseable {
    /**
     * The series that satisfy all matchers and have at least one sample in the range. With no matchers, every such
     * series. Iterators only yield samples within the querier's range.
     *
     * @param sorted whether series must come in {@link dev.vigil.model.labels.Labels#compareTo} order
     */
    SeriesSet select(boolean sorted, Matcher... matchers);

    /** Sorted, distinct label names of series with samples in range that satisfy all matchers. */
    List<String> labelNames(Matcher... matchers);

    /** Sorted, distinct values of {@code name} in series with samples in range that satisfy all matchers. */
    List<String> labelValues(String name, Matcher... matchers);

    /** Releases resources; never throws a checked exception. */
    @Override
    void close();
}
