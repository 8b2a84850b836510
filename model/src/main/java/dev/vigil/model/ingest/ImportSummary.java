package dev.vigil.model.ingest;

import java.util.List;

/**
 * What an import did. Immutable.
 *
 * @param series distinct series that received at least one sample
 * @param samples samples committed
 * @param minTimeMs earliest committed timestamp, {@link Long#MAX_VALUE} when none
 * @param maxTimeMs latest committed timestamp, {@link Long#MIN_VALUE} when none
 * @param rejected lines whose sample was not stored (the sum of {@code rejectedBy})
 * @param rejectedBy the rejected lines by reason
 * @param duplicates samples that repeated the previous sample of their series in the same input exactly (same
 *     timestamp, same value): nothing new to store, so they are neither stored nor rejected
 * @param firstRejections the first rejections, with line numbers
 * @param fatalError why the import stopped early (a syntax error the parser cannot step over), or null
 */
public record ImportSummary(
        long series,
        long samples,
        long minTimeMs,
        long maxTimeMs,
        long rejected,
        RejectionCounts rejectedBy,
        long duplicates,
        List<Rejection> firstRejections,
        String fatalError) {

    public ImportSummary {
        firstRejections = List.copyOf(firstRejections);
    }

    /** One line that was not stored, and why. */
    public record Rejection(long line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * Rejected lines by reason.
     *
     * @param malformed lines the parser could not read (syntax errors, duplicate label names)
     * @param noTimestamp samples without a timestamp when the import has no default time
     * @param outOfOrder samples older than the newest sample of their series
     * @param duplicateTimestamp samples at the newest timestamp of their series with a different value
     * @param outOfBounds samples outside the time range the storage accepts
     * @param invalidLabels samples whose labels the storage refused
     */
    public record RejectionCounts(
            long malformed,
            long noTimestamp,
            long outOfOrder,
            long duplicateTimestamp,
            long outOfBounds,
            long invalidLabels) {

        public static final RejectionCounts NONE = new RejectionCounts(0, 0, 0, 0, 0, 0);

        public long total() {
            return malformed + noTimestamp + outOfOrder + duplicateTimestamp + outOfBounds + invalidLabels;
        }
    }
}
