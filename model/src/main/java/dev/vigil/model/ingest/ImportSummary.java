package dev.vigil.model.ingest;

import java.util.List;

/**
 * What an import did.
 *
 * @param series distinct series that received at least one sample
 * @param samples samples committed
 * @param minTimeMs earliest committed timestamp, {@link Long#MAX_VALUE} when none
 * @param maxTimeMs latest committed timestamp, {@link Long#MIN_VALUE} when none
 * @param rejected lines whose sample was not stored
 * @param firstRejections the first rejections, with line numbers
 * @param fatalError why the import stopped early (a syntax error the parser cannot step over), or null
 */
public record ImportSummary(
        long series,
        long samples,
        long minTimeMs,
        long maxTimeMs,
        long rejected,
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
}
