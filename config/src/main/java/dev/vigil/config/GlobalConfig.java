package dev.vigil.config;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.scrape.NameSchemes;
import dev.vigil.config.scrape.ScrapeDefaults;
import dev.vigil.config.scrape.ScrapeLimits;
import dev.vigil.config.scrape.ScrapeProtocol;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code global} section, with Prometheus's defaults resolved: scrape interval 1m, scrape timeout
 * {@code min(10s, interval)}, evaluation interval 1m, no limits, UTF-8 name validation. Immutable.
 *
 * @param scrapeProtocols the configured protocols, or empty when not set (each job then picks its default)
 * @param queryLogFile empty when not set
 * @param scrapeFailureLogFile empty when not set
 */
public record GlobalConfig(
        PromDuration scrapeInterval,
        PromDuration scrapeTimeout,
        List<ScrapeProtocol> scrapeProtocols,
        PromDuration evaluationInterval,
        PromDuration ruleQueryOffset,
        Map<String, String> externalLabels,
        String queryLogFile,
        String scrapeFailureLogFile,
        ScrapeLimits limits,
        String metricNameValidationScheme,
        String metricNameEscapingScheme,
        boolean scrapeNativeHistograms,
        boolean convertClassicHistogramsToNhcb,
        boolean alwaysScrapeClassicHistograms,
        boolean extraScrapeMetrics) {

    public static final PromDuration DEFAULT_SCRAPE_INTERVAL = PromDuration.ofMinutes(1);
    public static final PromDuration DEFAULT_SCRAPE_TIMEOUT = PromDuration.ofSeconds(10);
    public static final PromDuration DEFAULT_EVALUATION_INTERVAL = PromDuration.ofMinutes(1);

    public static final GlobalConfig DEFAULT = new GlobalConfig(
            DEFAULT_SCRAPE_INTERVAL,
            DEFAULT_SCRAPE_TIMEOUT,
            List.of(),
            DEFAULT_EVALUATION_INTERVAL,
            PromDuration.ZERO,
            Map.of(),
            "",
            "",
            ScrapeLimits.NONE,
            NameSchemes.UTF8,
            NameSchemes.ALLOW_UTF8,
            false,
            false,
            false,
            false);

    public GlobalConfig {
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(scrapeTimeout, "scrapeTimeout");
        scrapeProtocols = List.copyOf(scrapeProtocols);
        Objects.requireNonNull(evaluationInterval, "evaluationInterval");
        Objects.requireNonNull(ruleQueryOffset, "ruleQueryOffset");
        externalLabels = Map.copyOf(externalLabels);
        Objects.requireNonNull(queryLogFile, "queryLogFile");
        Objects.requireNonNull(scrapeFailureLogFile, "scrapeFailureLogFile");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metricNameValidationScheme, "metricNameValidationScheme");
        Objects.requireNonNull(metricNameEscapingScheme, "metricNameEscapingScheme");
    }

    /** What scrape configs inherit from this section. */
    public ScrapeDefaults scrapeDefaults() {
        return new ScrapeDefaults(
                scrapeInterval,
                scrapeTimeout,
                scrapeProtocols,
                limits,
                scrapeFailureLogFile,
                scrapeNativeHistograms,
                alwaysScrapeClassicHistograms,
                convertClassicHistogramsToNhcb,
                extraScrapeMetrics,
                metricNameValidationScheme,
                metricNameEscapingScheme);
    }
}
