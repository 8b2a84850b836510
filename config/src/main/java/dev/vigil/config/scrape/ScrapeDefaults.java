package dev.vigil.config.scrape;

import dev.vigil.config.core.PromDuration;
import java.util.List;
import java.util.Objects;

/**
 * The values a scrape config inherits from the {@code global} section.
 *
 * @param scrapeProtocols the global protocols, or empty when the global section does not set them
 */
public record ScrapeDefaults(
        PromDuration scrapeInterval,
        PromDuration scrapeTimeout,
        List<ScrapeProtocol> scrapeProtocols,
        ScrapeLimits limits,
        String scrapeFailureLogFile,
        boolean scrapeNativeHistograms,
        boolean alwaysScrapeClassicHistograms,
        boolean convertClassicHistogramsToNhcb,
        boolean extraScrapeMetrics,
        String metricNameValidationScheme,
        String metricNameEscapingScheme) {

    public ScrapeDefaults {
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(scrapeTimeout, "scrapeTimeout");
        scrapeProtocols = List.copyOf(scrapeProtocols);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(scrapeFailureLogFile, "scrapeFailureLogFile");
        Objects.requireNonNull(metricNameValidationScheme, "metricNameValidationScheme");
        Objects.requireNonNull(metricNameEscapingScheme, "metricNameEscapingScheme");
    }
}
