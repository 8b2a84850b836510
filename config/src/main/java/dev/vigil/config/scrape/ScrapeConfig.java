package dev.vigil.config.scrape;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.model.relabel.RelabelConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One scrape job ({@code scrape_config}), with every inherited value already resolved against the global section:
 * interval, timeout, protocols, limits and histogram options are final here. Immutable.
 *
 * @param scrapeFailureLogFile file to log failed scrapes to, empty when not set
 * @param metricNameValidationScheme {@code utf8} or {@code legacy}
 * @param metricNameEscapingScheme {@code allow-utf-8}, {@code underscores}, {@code dots} or {@code values}
 */
public record ScrapeConfig(
        String jobName,
        PromDuration scrapeInterval,
        PromDuration scrapeTimeout,
        List<ScrapeProtocol> scrapeProtocols,
        Optional<ScrapeProtocol> fallbackScrapeProtocol,
        String metricsPath,
        boolean honorLabels,
        boolean honorTimestamps,
        boolean trackTimestampsStaleness,
        String scheme,
        Map<String, List<String>> params,
        boolean enableCompression,
        String scrapeFailureLogFile,
        ScrapeLimits limits,
        HistogramOptions histograms,
        boolean extraScrapeMetrics,
        String metricNameValidationScheme,
        String metricNameEscapingScheme,
        HttpClientConfig httpClient,
        ServiceDiscoveryConfigs serviceDiscovery,
        List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> metricRelabelConfigs) {

    public static final String DEFAULT_METRICS_PATH = "/metrics";
    public static final String DEFAULT_SCHEME = "http";

    public ScrapeConfig {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(scrapeTimeout, "scrapeTimeout");
        scrapeProtocols = List.copyOf(scrapeProtocols);
        Objects.requireNonNull(fallbackScrapeProtocol, "fallbackScrapeProtocol");
        Objects.requireNonNull(metricsPath, "metricsPath");
        Objects.requireNonNull(scheme, "scheme");
        params = Map.copyOf(params);
        Objects.requireNonNull(scrapeFailureLogFile, "scrapeFailureLogFile");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(histograms, "histograms");
        Objects.requireNonNull(metricNameValidationScheme, "metricNameValidationScheme");
        Objects.requireNonNull(metricNameEscapingScheme, "metricNameEscapingScheme");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(serviceDiscovery, "serviceDiscovery");
        relabelConfigs = List.copyOf(relabelConfigs);
        metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
    }
}
