package dev.vigil.tsdb.head;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;
import java.util.List;

/** The head's counters, registered once per head in the registry given to the TSDB. Thread-safe. */
public final class HeadMetrics {
    final Counter samplesAppended;
    final Counter samplesRejected;
    final Counter.Child outOfOrder;
    final Counter.Child duplicate;
    final Counter.Child outOfBounds;
    final Counter.Child invalidLabels;
    final Counter seriesCreated;
    final Counter seriesRemoved;
    final Counter chunksCreated;
    final Counter chunksPersisted;
    final Counter commits;
    final Counter commitFailures;
    final Counter checkpoints;
    final Counter checkpointFailures;
    final Counter walCorruptions;
    final Counter backfillSamples;
    final Counter backfillConflicts;
    final Counter tombstonesAdded;
    final Counter chunksCompacted;
    private final List<Counter> families;

    public HeadMetrics(MetricRegistry registry) {
        samplesAppended = registry.counter(
                "vigil_tsdb_head_samples_appended_total", "Samples committed to the head (including backfill).");
        samplesRejected = registry.counter(
                "vigil_tsdb_rejected_samples_total", "Samples rejected at append, by reason.", "reason");
        outOfOrder = samplesRejected.labels("out_of_order");
        duplicate = samplesRejected.labels("duplicate_timestamp");
        outOfBounds = samplesRejected.labels("out_of_bounds");
        invalidLabels = samplesRejected.labels("invalid_labels");
        seriesCreated = registry.counter("vigil_tsdb_head_series_created_total", "Series added to the head.");
        seriesRemoved = registry.counter(
                "vigil_tsdb_head_series_removed_total", "Series that left the head (idle, deleted or expired).");
        chunksCreated = registry.counter("vigil_tsdb_head_chunks_created_total", "Chunks cut in the head.");
        chunksPersisted =
                registry.counter("vigil_tsdb_chunks_persisted_total", "Chunks written to the chunks column family.");
        commits = registry.counter("vigil_tsdb_commits_total", "Appender commits written to storage.");
        commitFailures = registry.counter(
                "vigil_tsdb_commit_failures_total", "Commits that failed because storage refused the write.");
        checkpoints = registry.counter(
                "vigil_tsdb_checkpoints_total", "Checkpoints: open chunks persisted and the WAL truncated.");
        checkpointFailures = registry.counter("vigil_tsdb_checkpoint_failures_total", "Checkpoints that failed.");
        walCorruptions = registry.counter(
                "vigil_tsdb_wal_corrupt_records_total", "WAL records dropped during replay because they were corrupt.");
        backfillSamples = registry.counter(
                "vigil_tsdb_backfill_samples_total", "Samples written straight to persisted chunks by backfill.");
        backfillConflicts = registry.counter(
                "vigil_tsdb_backfill_conflicting_samples_total",
                "Backfilled samples dropped because a stored sample has the same timestamp.");
        tombstonesAdded = registry.counter("vigil_tsdb_tombstones_added_total", "Deleted intervals recorded.");
        chunksCompacted = registry.counter(
                "vigil_tsdb_compaction_chunks_merged_total",
                "Persisted chunks removed by merging a series' chunks in a finished block.");
        families = List.of(
                samplesAppended,
                samplesRejected,
                seriesCreated,
                seriesRemoved,
                chunksCreated,
                chunksPersisted,
                commits,
                commitFailures,
                checkpoints,
                checkpointFailures,
                walCorruptions,
                backfillSamples,
                backfillConflicts,
                tombstonesAdded,
                chunksCompacted);
    }

    /** Removes these metrics from {@code registry}, when the TSDB closes. */
    public void unregister(MetricRegistry registry) {
        families.forEach(registry::unregister);
    }
}
