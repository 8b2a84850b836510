package dev.vigil.tsdb.head;

import java.util.ArrayList;
import java.util.List;

/**
 * What opening the head found: how much was restored and what had to be dropped. Immutable.
 *
 * @param seriesLoaded series brought into memory from open-chunk snapshots and WAL records
 * @param openChunksRestored open chunks restored from the head column family
 * @param walRecords intact WAL records replayed
 * @param samplesReplayed samples replayed from the WAL into memory
 * @param samplesAlreadyPersisted WAL samples skipped because persisted chunks already hold them
 * @param problems what was dropped and why, one line each; empty when recovery was clean
 * @param durationMs time spent
 */
public record ReplayReport(
        long seriesLoaded,
        long openChunksRestored,
        long walRecords,
        long samplesReplayed,
        long samplesAlreadyPersisted,
        List<String> problems,
        long durationMs) {

    public ReplayReport {
        problems = List.copyOf(problems);
    }

    /** Collects figures during recovery. Not thread-safe. */
    public static final class Builder {
        long seriesLoaded;
        long openChunksRestored;
        long walRecords;
        long samplesReplayed;
        long samplesAlreadyPersisted;
        final List<String> problems = new ArrayList<>();
        private final long start = System.nanoTime();

        /** Adds a problem found outside the head (e.g. in RocksDB's log files). */
        public void problem(String problem) {
            problems.add(problem);
        }

        public ReplayReport build() {
            return new ReplayReport(
                    seriesLoaded,
                    openChunksRestored,
                    walRecords,
                    samplesReplayed,
                    samplesAlreadyPersisted,
                    problems,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
