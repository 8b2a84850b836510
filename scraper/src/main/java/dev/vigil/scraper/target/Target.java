package dev.vigil.scraper.target;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.metadata.MetadataStore;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One endpoint to scrape, after target relabeling. Its identity is {@link #hash()}: the final labels (internal
 * {@code __scheme__}, {@code __metrics_path__}, {@code __param_*} and interval labels included) and the URL, so a
 * target whose discovery changed nothing that matters keeps its scrape loop. The latest {@link ScrapeReport} and the
 * attached {@link MetadataStore} are the only mutable parts.
 *
 * <p>Thread-safe: the scrape loop writes the report, the API reads it.
 */
public final class Target {
    private final String scrapePool;
    private final Labels discoveredLabels;
    private final Labels internalLabels;
    private final Labels labels;
    private final URI url;
    private final Duration interval;
    private final Duration timeout;
    private final long hash;
    private volatile ScrapeReport lastReport = ScrapeReport.NEVER_SCRAPED;
    private volatile MetadataStore metadata = MetadataStore.EMPTY;

    /**
     * @param discoveredLabels the labels before relabeling, {@code __meta_*} included
     * @param internalLabels the labels after relabeling without {@code __meta_*}: the public labels plus the
     *     {@code __}-prefixed ones that shape the scrape
     */
    Target(
            String scrapePool,
            Labels discoveredLabels,
            Labels internalLabels,
            URI url,
            Duration interval,
            Duration timeout) {
        this.scrapePool = Objects.requireNonNull(scrapePool, "scrapePool");
        this.discoveredLabels = Objects.requireNonNull(discoveredLabels, "discoveredLabels");
        this.internalLabels = Objects.requireNonNull(internalLabels, "internalLabels");
        this.labels = publicLabels(internalLabels);
        this.url = Objects.requireNonNull(url, "url");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.hash = identity(internalLabels, url);
    }

    private static Labels publicLabels(Labels all) {
        var b = all.toBuilder();
        for (int i = 0; i < all.size(); i++) {
            if (all.name(i).startsWith("__")) {
                b.del(all.name(i));
            }
        }
        return b.labels();
    }

    private static long identity(Labels labels, URI url) {
        // FNV-1a over the URL, folded with the labels' own 64-bit hash.
        long h = 0xcbf29ce484222325L ^ labels.hash();
        String text = url.toString();
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The job name. */
    public String scrapePool() {
        return scrapePool;
    }

    /** The labels discovery produced, with the scrape defaults, before relabeling. */
    public Labels discoveredLabels() {
        return discoveredLabels;
    }

    /** The labels every scraped series gets: the relabeled labels without any {@code __}-prefixed one. */
    public Labels labels() {
        return labels;
    }

    /** The relabeled labels including the internal {@code __}-prefixed ones (but no {@code __meta_*}). */
    public Labels internalLabels() {
        return internalLabels;
    }

    public URI url() {
        return url;
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Identity of the target within its pool; also spreads its scrapes over the interval. */
    public long hash() {
        return hash;
    }

    public ScrapeReport lastReport() {
        return lastReport;
    }

    public void report(ScrapeReport report) {
        lastReport = Objects.requireNonNull(report, "report");
    }

    /** The metric metadata of this target's recent scrapes. */
    public MetadataStore metadata() {
        return metadata;
    }

    /** Called by the scrape loop that scrapes this target, so the metadata APIs can read what it caches. */
    public void attachMetadata(MetadataStore store) {
        metadata = Objects.requireNonNull(store, "store");
    }

    @Override
    public String toString() {
        return "Target[" + scrapePool + " " + url + "]";
    }
}
