package dev.vigil.model.storage;

/**
 * Where a caller that appends to the same series batch after batch (a scrape loop's cache entry) keeps what lets the
 * storage find the series again without a lookup: its {@link #ref} and an opaque {@link #handle} that only the storage
 * reads or writes. A slot belongs to one storage, like a ref. Callers extend it so the slot costs no extra object.
 *
 * <p>Not thread-safe: used by one appender at a time.
 */
public class SeriesSlot {
    /** The series reference, as {@link Appender#append(long, dev.vigil.model.labels.Labels, long, double)} returns. */
    public long ref;

    /** The storage's own handle to the series, or null; callers never interpret it. */
    public Object handle;
}
