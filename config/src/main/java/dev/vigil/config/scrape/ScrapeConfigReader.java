package dev.vigil.config.scrape;

import dev.vigil.config.core.ConfigNode;
import dev.vigil.config.core.ConfigNode.SeqNode;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.config.discovery.ServiceDiscoveryReader;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpClientConfigReader;
import dev.vigil.config.relabel.RelabelConfigReader;
import dev.vigil.model.relabel.RelabelConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code scrape_config} mappings and resolves them against the global defaults. Stateless. */
public final class ScrapeConfigReader {
    private ScrapeConfigReader() {}

    /** Reads one scrape config; empty when it is too broken to use (problems are recorded either way). */
    public static Optional<ScrapeConfig> read(MapReader r, ScrapeDefaults defaults) {
        String jobName = r.requiredString("job_name");
        Optional<PromDuration> interval = r.optionalDuration("scrape_interval").filter(d -> !d.isZero());
        Optional<PromDuration> timeout = r.optionalDuration("scrape_timeout").filter(d -> !d.isZero());
        Optional<List<ScrapeProtocol>> protocols = protocols(r, "scrape_protocols");
        Optional<ScrapeProtocol> fallback = fallbackProtocol(r);
        String metricsPath = r.string("metrics_path", ScrapeConfig.DEFAULT_METRICS_PATH);
        boolean honorLabels = r.bool("honor_labels", false);
        boolean honorTimestamps = r.bool("honor_timestamps", true);
        boolean trackStaleness = r.bool("track_timestamps_staleness", false);
        String scheme = scheme(r, "scheme");
        var params = r.stringListMap("params");
        boolean enableCompression = r.bool("enable_compression", true);
        String failureLog = r.string("scrape_failure_log_file", "");
        ScrapeLimits limits = limits(r).orElse(defaults.limits());
        HistogramOptions histograms = histograms(r, defaults);
        boolean extraMetrics = r.bool("extra_scrape_metrics", defaults.extraScrapeMetrics());
        String validation = NameSchemes.validation(r, "metric_name_validation_scheme")
                .orElse(defaults.metricNameValidationScheme());
        String escaping = NameSchemes.escaping(r, "metric_name_escaping_scheme", validation)
                .orElse(defaultEscaping(defaults, validation));
        HttpClientConfig http = HttpClientConfigReader.read(r, true);
        List<RelabelConfig> relabel = RelabelConfigReader.readList(r, "relabel_configs");
        List<RelabelConfig> metricRelabel = RelabelConfigReader.readList(r, "metric_relabel_configs");
        ServiceDiscoveryConfigs sd = ServiceDiscoveryReader.read(r, r.has("relabel_configs"));

        PromDuration resolvedInterval = interval.orElse(defaults.scrapeInterval());
        if (timeout.isPresent() && timeout.get().compareTo(resolvedInterval) > 0) {
            r.error(
                    "scrape_timeout",
                    "scrape timeout " + timeout.get() + " greater than scrape interval " + resolvedInterval
                            + " for scrape config with job name \"" + jobName + "\"");
        }
        PromDuration resolvedTimeout = timeout.orElse(min(defaults.scrapeTimeout(), resolvedInterval));
        List<ScrapeProtocol> resolvedProtocols = protocols.orElse(
                !defaults.scrapeProtocols().isEmpty()
                        ? defaults.scrapeProtocols()
                        : histograms.scrapeNativeHistograms()
                                ? ScrapeProtocol.DEFAULT_PROTO_FIRST
                                : ScrapeProtocol.DEFAULT);
        if (!metricsPath.startsWith("/")) {
            r.error("metrics_path", "metrics_path must start with '/', got \"" + metricsPath + "\"");
        }
        if (jobName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScrapeConfig(
                jobName,
                resolvedInterval,
                resolvedTimeout,
                resolvedProtocols,
                fallback,
                metricsPath,
                honorLabels,
                honorTimestamps,
                trackStaleness,
                scheme,
                params,
                enableCompression,
                failureLog.isEmpty() ? defaults.scrapeFailureLogFile() : failureLog,
                limits,
                histograms,
                extraMetrics,
                validation,
                escaping,
                http,
                sd,
                relabel,
                metricRelabel));
    }

    private static String defaultEscaping(ScrapeDefaults defaults, String validation) {
        // A job that picks its own validation scheme gets the escaping that matches it.
        return validation.equals(defaults.metricNameValidationScheme())
                ? defaults.metricNameEscapingScheme()
                : NameSchemes.defaultEscaping(validation);
    }

    /** Reads the limit keys shared by the global section and scrape configs. */
    public static ScrapeLimits limits(MapReader r) {
        return new ScrapeLimits(
                r.byteSize("body_size_limit", dev.vigil.config.core.ByteSize.ZERO),
                r.integer("sample_limit", 0, 0, Long.MAX_VALUE),
                r.integer("label_limit", 0, 0, Long.MAX_VALUE),
                r.integer("label_name_length_limit", 0, 0, Long.MAX_VALUE),
                r.integer("label_value_length_limit", 0, 0, Long.MAX_VALUE),
                r.integer("target_limit", 0, 0, Long.MAX_VALUE),
                r.integer("keep_dropped_targets", 0, 0, Long.MAX_VALUE));
    }

    private static HistogramOptions histograms(MapReader r, ScrapeDefaults defaults) {
        boolean nativeHistograms = r.bool("scrape_native_histograms", defaults.scrapeNativeHistograms());
        Optional<Boolean> legacyClassic = r.optionalBool("scrape_classic_histograms");
        Optional<Boolean> alwaysClassic = r.optionalBool("always_scrape_classic_histograms");
        if (legacyClassic.isPresent() && alwaysClassic.isPresent()) {
            r.error(
                    "scrape_classic_histograms",
                    "scrape_classic_histograms is the old name of always_scrape_classic_histograms; set only one");
        }
        boolean classic = alwaysClassic.or(() -> legacyClassic).orElse(defaults.alwaysScrapeClassicHistograms());
        boolean nhcb = r.bool("convert_classic_histograms_to_nhcb", defaults.convertClassicHistogramsToNhcb());
        long bucketLimit = r.integer("native_histogram_bucket_limit", 0, 0, Long.MAX_VALUE);
        double factor = r.floating("native_histogram_min_bucket_factor", 0);
        if (factor < 0) {
            r.error("native_histogram_min_bucket_factor", "native_histogram_min_bucket_factor must not be negative");
        }
        return new HistogramOptions(nativeHistograms, classic, nhcb, bucketLimit, factor);
    }

    /** Reads a {@code scrape_protocols} list; empty when the key is absent. */
    public static Optional<List<ScrapeProtocol>> protocols(MapReader r, String key) {
        Optional<ConfigNode> node = r.node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = r.stringList(key);
        if (names.isEmpty() && node.get() instanceof SeqNode) {
            r.error(key, "scrape_protocols cannot be empty");
            return Optional.empty();
        }
        List<ScrapeProtocol> protocols = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                r.problems()
                        .add(
                                r.locationOf(key),
                                r.pathOf(key).index(i),
                                "duplicated protocol in scrape_protocols: " + name);
                continue;
            }
            Optional<ScrapeProtocol> protocol = ScrapeProtocol.fromConfigName(name);
            if (protocol.isEmpty()) {
                r.problems()
                        .add(
                                r.locationOf(key),
                                r.pathOf(key).index(i),
                                "unknown scrape protocol " + name + ", supported: " + ScrapeProtocol.configNames());
                continue;
            }
            protocols.add(protocol.get());
        }
        return protocols.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(protocols));
    }

    private static Optional<ScrapeProtocol> fallbackProtocol(MapReader r) {
        Optional<String> name = r.optionalString("fallback_scrape_protocol").filter(s -> !s.isEmpty());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<ScrapeProtocol> protocol = ScrapeProtocol.fromConfigName(name.get());
        if (protocol.isEmpty()) {
            r.error(
                    "fallback_scrape_protocol",
                    "invalid fallback_scrape_protocol: unknown scrape protocol " + name.get() + ", supported: "
                            + ScrapeProtocol.configNames());
        }
        return protocol;
    }

    /** Reads a {@code scheme} key that must be http or https. */
    public static String scheme(MapReader r, String key) {
        String scheme = r.string(key, ScrapeConfig.DEFAULT_SCHEME);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            r.error(key, "scheme must be \"http\" or \"https\", got \"" + scheme + "\"");
            return ScrapeConfig.DEFAULT_SCHEME;
        }
        return scheme;
    }

    private static PromDuration min(PromDuration a, PromDuration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
