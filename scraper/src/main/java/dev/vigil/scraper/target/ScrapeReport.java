package dev.vigil.scraper.target;

import java.util.Objects;

/**
 * The outcome of a target's latest scrape, as the targets API shows it. Immutable.
 *
 * @param lastError why the scrape failed, empty when it succeeded
 * @param lastScrapeMs when the scrape started, milliseconds since the epoch; 0 when never scraped
 * @param durationSeconds how long fetching, parsing and appending took
 * @param samplesScraped samples in the body, before metric relabeling
 * @param samplesPostRelabeling samples kept by metric relabeling
 * @param seriesAdded series this scrape saw for the first time
 * @param rejectedOutOfOrder samples storage refused as out of order, since the loop started
 * @param rejectedDuplicate samples storage refused as a different value at an existing timestamp, since the loop
 *     started
 * @param rejectedOutOfBounds samples storage refused as too old, since the loop started
 */
public record ScrapeReport(
        TargetHealth health,
        String lastError,
        long lastScrapeMs,
        double durationSeconds,
        long samplesScraped,
        long samplesPostRelabeling,
        long seriesAdded,
        long rejectedOutOfOrder,
        long rejectedDuplicate,
        long rejectedOutOfBounds) {

    /** The report of a target that has not been scraped yet. */
    public static final ScrapeReport NEVER_SCRAPED = new ScrapeReport(TargetHealth.UNKNOWN, "", 0, 0, 0, 0, 0, 0, 0, 0);

    public ScrapeReport {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** A target that is not scraped at all (target_limit exceeded, no HTTP client), with the reason. */
    public static ScrapeReport notScraped(String reason, long atMs) {
        return new ScrapeReport(TargetHealth.DOWN, reason, atMs, 0, 0, 0, 0, 0, 0, 0);
    }
}
