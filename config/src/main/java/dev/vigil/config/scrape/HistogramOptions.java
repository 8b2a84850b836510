package dev.vigil.config.scrape;

/**
 * How histograms are scraped.
 *
 * @param scrapeNativeHistograms whether native histograms are ingested
 * @param alwaysScrapeClassicHistograms also ingest the classic form of a histogram exposed both ways (the older
 *     key {@code scrape_classic_histograms} sets this too)
 * @param convertClassicHistogramsToNhcb convert classic histograms to native histograms with custom buckets
 * @param nativeHistogramBucketLimit maximum buckets of a native histogram, 0 for no limit
 * @param nativeHistogramMinBucketFactor lower bound of the growth factor between buckets, 0 for none
 */
public record HistogramOptions(
        boolean scrapeNativeHistograms,
        boolean alwaysScrapeClassicHistograms,
        boolean convertClassicHistogramsToNhcb,
        long nativeHistogramBucketLimit,
        double nativeHistogramMinBucketFactor) {}
