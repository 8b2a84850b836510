package dev.vigil.model.storage;

import dev.vigil.model.labels.Matcher;
import java.nio.file.Path;

/**
 * The administrative side of a store, behind Prometheus's {@code /api/v1/admin/tsdb/*} and
 * {@code /api/v1/status/tsdb} endpoints. Thread-safe.
 */
public interface StorageAdmin {
    /**
     * Deletes the samples with {@code minT <= t <= maxT} of every series that satisfies all matchers. Queriers opened
     * afterwards no longer see them; the space is reclaimed by {@link #cleanTombstones()} or compaction.
     *
     * @throws StorageException when the deletion could not be made durable
     */
    void deleteSeries(long minT, long maxT, Matcher... matchers);

    /** Removes the deleted data physically and forgets the tombstones. */
    void cleanTombstones();

    /**
     * Writes a consistent copy of the committed data into a new directory under {@code <data dir>/snapshots/}.
     *
     * @param skipHead leave out samples that are only in the in-memory head
     * @return the snapshot directory
     */
    Path snapshot(boolean skipHead);

    /**
     * The figures of Prometheus's TSDB status page.
     *
     * @param limit how many entries each top-N list holds at most (Prometheus's default: 10)
     */
    StorageStats stats(int limit);
}
