package dev.vigil.model.storage;

import dev.vigil.model.labels.Labels;

/**
 * Collects one batch of samples (typically one scrape) that becomes visible, and durable, atomically on {@link
 * #commit()} or is discarded by {@link #rollback()}.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Appender app = storage.appender();
 * try {
 *     ref = app.append(ref, labels, t, v);   // reuse the returned ref on the next scrape
 *     app.commit();
 * } catch (AppendException e) {
 *     countPerKind(e.kind());                 // the rest of the batch is still appendable
 * }
 * }</pre>
 *
 * <p>An appender is used by one thread at a time and must end with exactly one {@code commit()} or {@code rollback()};
 * after that it is spent and further calls throw {@link IllegalStateException}.
 */
public interface Appender {
    /**
     * Adds a sample to the batch.
     *
     * @param seriesRef a reference returned by an earlier {@code append} on the same storage, or 0 when unknown; a
     *     stale or unknown non-zero ref is resolved through {@code labels}
     * @param labels the series labels; must be non-empty and carry valid names
     * @param timestampMs milliseconds since the epoch
     * @param value the value, possibly NaN or {@link dev.vigil.model.sample.StaleMarker#STALE_NAN}
     * @return the series reference (never 0) to pass on the next append of this series
     * @throws AppendException when this sample is rejected; the batch stays usable
     */
    long append(long seriesRef, Labels labels, long timestampMs, double value) throws AppendException;

    /**
     * Adds a sample like {@link #append(long, Labels, long, double)}, reading and updating the series' reference and
     * the storage's handle in {@code slot}; storages that keep a handle skip looking the series up on every sample.
     *
     * @throws AppendException when this sample is rejected; the batch stays usable and the slot keeps its ref
     */
    default void append(SeriesSlot slot, Labels labels, long timestampMs, double value) throws AppendException {
        slot.ref = append(slot.ref, labels, timestampMs, value);
    }

    /**
     * A hint that the series in {@code slots[from, to)} are about to be appended to: a storage may load what those
     * appends touch now, in one pass, so that the appends do not each wait for memory. Does nothing by default.
     */
    default void prefetch(SeriesSlot[] slots, int from, int to) {}

    /**
     * Makes all appended samples visible to queriers opened afterwards, and durable when the storage is durable.
     *
     * @throws StorageException when the batch could not be persisted; nothing of it is visible then
     */
    void commit();

    /** Discards the batch. */
    void rollback();
}
