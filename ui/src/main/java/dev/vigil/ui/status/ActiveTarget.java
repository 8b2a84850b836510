package dev.vigil.ui.status;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.metadata.MetadataStore;
import java.time.Instant;
import java.util.Objects;

/**
 * A scraped target as {@code /api/v1/targets} shows it.
 *
 * @param discoveredLabels the labels before relabeling, {@code __meta_*} included
 * @param labels the labels its series get
 * @param scrapeUrl the URL it is scraped from
 * @param health {@code up}, {@code down} or {@code unknown} (not scraped yet)
 * @param lastError why the last scrape failed, empty when it succeeded
 * @param lastScrape when the last scrape started, {@code null} when never
 * @param lastScrapeDurationSeconds how long the last scrape took
 * @param scrapeInterval the interval as configured, e.g. {@code 15s}
 * @param scrapeTimeout the timeout as configured, e.g. {@code 10s}
 * @param metadata the metric metadata its scrapes exposed ({@link MetadataStore#EMPTY} when none)
 */
public record ActiveTarget(
        Labels discoveredLabels,
        Labels labels,
        String scrapeUrl,
        String health,
        String lastError,
        Instant lastScrape,
        double lastScrapeDurationSeconds,
        String scrapeInterval,
        String scrapeTimeout,
        MetadataStore metadata) {
    public ActiveTarget {
        Objects.requireNonNull(discoveredLabels, "discoveredLabels");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scrapeUrl, "scrapeUrl");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(scrapeTimeout, "scrapeTimeout");
        Objects.requireNonNull(metadata, "metadata");
    }
}
