package dev.vigil.model.storage;

/** Something that can be read over a time range. Thread-safe. */
public interface Queryable {
    /**
     * Opens a querier over samples with {@code minT <= t <= maxT} (milliseconds, both inclusive). It sees the data
     * committed before this call; later commits are not visible through it.
     */
    Querier querier(long minT, long maxT);
}
