package dev.vigil.config;

import dev.vigil.config.alerting.AlertingConfig;
import dev.vigil.config.alerting.AlertingConfigReader;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.core.SourceLocation;
import dev.vigil.config.discovery.ServiceDiscoveryReader;
import dev.vigil.config.http.HttpClientConfigReader;
import dev.vigil.config.http.TlsConfig;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.NotificationsConfigReader;
import dev.vigil.config.remote.RemoteConfigReader;
import dev.vigil.config.remote.RemoteReadConfig;
import dev.vigil.config.remote.RemoteWriteConfig;
import dev.vigil.config.scrape.NameSchemes;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.config.scrape.ScrapeConfigReader;
import dev.vigil.config.scrape.ScrapeDefaults;
import dev.vigil.config.scrape.ScrapeProtocol;
import dev.vigil.config.storage.StorageConfig;
import dev.vigil.config.storage.StorageConfigReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the top level of a main configuration file. This is the one place that knows the top-level keys: a new
 * Vigil-only section gets a line in {@link #read} and a component in {@link VigilConfig}; any key not read here is
 * reported as unknown. Stateless.
 */
final class VigilConfigReader {
    private static final Pattern FILE_GLOB = Pattern.compile("[^*]*(\\*[^/]*)?");

    private VigilConfigReader() {}

    static VigilConfig read(MapReader r, VigilConfig.Source source) {
        GlobalConfig global = r.map("global", VigilConfigReader::global).orElse(GlobalConfig.DEFAULT);
        RuntimeConfig runtime = r.map(
                        "runtime",
                        rt -> new RuntimeConfig(
                                (int) rt.integer("gogc", RuntimeConfig.DEFAULT.gogc(), 0, Integer.MAX_VALUE)))
                .orElse(RuntimeConfig.DEFAULT);
        List<String> ruleFiles = globs(r, "rule_files", "invalid rule file path");
        List<String> scrapeConfigFiles = globs(r, "scrape_config_files", "invalid scrape config file path");
        List<ScrapeConfig> scrapeConfigs = scrapeConfigs(r, global.scrapeDefaults());
        AlertingConfig alerting = r.map("alerting", AlertingConfigReader::read).orElse(AlertingConfig.NONE);
        List<RemoteWriteConfig> remoteWrite =
                uniquelyNamed(r, "remote_write", RemoteConfigReader::write, RemoteWriteConfig::name);
        List<RemoteReadConfig> remoteRead =
                uniquelyNamed(r, "remote_read", RemoteConfigReader::read, RemoteReadConfig::name);
        StorageConfig storage = r.map("storage", StorageConfigReader::read).orElse(StorageConfig.DEFAULT);
        Optional<TracingConfig> tracing = r.map("tracing", VigilConfigReader::tracing);
        OtlpConfig otlp = r.map("otlp", VigilConfigReader::otlp).orElse(OtlpConfig.DEFAULT);
        Optional<NotificationsConfig> notifications =
                r.map("notifications", n -> NotificationsConfigReader.read(n, source.directory()));
        return new VigilConfig(
                global,
                runtime,
                ruleFiles,
                scrapeConfigFiles,
                scrapeConfigs,
                alerting,
                remoteWrite,
                remoteRead,
                storage,
                tracing,
                otlp,
                notifications,
                source);
    }

    private static GlobalConfig global(MapReader r) {
        Optional<PromDuration> interval = r.optionalDuration("scrape_interval").filter(d -> !d.isZero());
        Optional<PromDuration> timeout = r.optionalDuration("scrape_timeout").filter(d -> !d.isZero());
        List<ScrapeProtocol> protocols =
                ScrapeConfigReader.protocols(r, "scrape_protocols").orElse(List.of());
        PromDuration evaluation = r.optionalDuration("evaluation_interval")
                .filter(d -> !d.isZero())
                .orElse(GlobalConfig.DEFAULT_EVALUATION_INTERVAL);
        PromDuration ruleQueryOffset = r.duration("rule_query_offset", PromDuration.ZERO);
        Map<String, String> externalLabels = ServiceDiscoveryReader.labels(r, "external_labels");
        String queryLog = r.string("query_log_file", "");
        String failureLog = r.string("scrape_failure_log_file", "");
        var limits = ScrapeConfigReader.limits(r);
        String validation =
                NameSchemes.validation(r, "metric_name_validation_scheme").orElse(NameSchemes.UTF8);
        String escaping = NameSchemes.escaping(r, "metric_name_escaping_scheme", validation)
                .orElse(NameSchemes.defaultEscaping(validation));
        boolean nativeHistograms = r.bool("scrape_native_histograms", false);
        boolean nhcb = r.bool("convert_classic_histograms_to_nhcb", false);
        boolean classic = r.bool("always_scrape_classic_histograms", false);
        boolean extraMetrics = r.bool("extra_scrape_metrics", false);

        PromDuration resolvedInterval = interval.orElse(GlobalConfig.DEFAULT_SCRAPE_INTERVAL);
        if (timeout.isPresent() && timeout.get().compareTo(resolvedInterval) > 0) {
            r.error(
                    "scrape_timeout",
                    "global scrape timeout " + timeout.get() + " greater than scrape interval " + resolvedInterval);
        }
        PromDuration resolvedTimeout = timeout.orElse(
                GlobalConfig.DEFAULT_SCRAPE_TIMEOUT.compareTo(resolvedInterval) <= 0
                        ? GlobalConfig.DEFAULT_SCRAPE_TIMEOUT
                        : resolvedInterval);
        return new GlobalConfig(
                resolvedInterval,
                resolvedTimeout,
                protocols,
                evaluation,
                ruleQueryOffset,
                externalLabels,
                queryLog,
                failureLog,
                limits,
                validation,
                escaping,
                nativeHistograms,
                nhcb,
                classic,
                extraMetrics);
    }

    private static List<String> globs(MapReader r, String key, String message) {
        List<String> globs = r.stringList(key);
        for (int i = 0; i < globs.size(); i++) {
            if (!FILE_GLOB.matcher(globs.get(i)).matches()) {
                r.problems()
                        .add(
                                r.locationOf(key),
                                r.pathOf(key).index(i),
                                message + " \"" + globs.get(i) + "\" (only the last path segment may contain '*')");
            }
        }
        return globs;
    }

    private static List<ScrapeConfig> scrapeConfigs(MapReader r, ScrapeDefaults defaults) {
        Map<String, SourceLocation> seen = new HashMap<>();
        return r.mapList("scrape_configs", job -> {
            Optional<ScrapeConfig> config = ScrapeConfigReader.read(job, defaults);
            if (config.isPresent()) {
                String name = config.get().jobName();
                SourceLocation first = seen.putIfAbsent(name, job.locationOf("job_name"));
                if (first != null) {
                    job.error(
                            "job_name",
                            "found multiple scrape configs with job name \"" + name + "\" (first at line "
                                    + first.line() + ")");
                    return Optional.empty();
                }
            }
            return config;
        });
    }

    private static <T> List<T> uniquelyNamed(
            MapReader r, String key, Function<MapReader, Optional<T>> reading, Function<T, String> nameOf) {
        Map<String, SourceLocation> seen = new HashMap<>();
        return r.mapList(key, item -> {
            Optional<T> config = reading.apply(item);
            String name = config.map(nameOf).orElse("");
            // Unnamed endpoints get a generated name later, so only explicit names must be unique.
            if (!name.isEmpty()) {
                SourceLocation first = seen.putIfAbsent(name, item.locationOf("name"));
                if (first != null) {
                    item.error(
                            "name",
                            "found multiple " + key + " configs with name \"" + name + "\" (first at line "
                                    + first.line() + ")");
                    return Optional.empty();
                }
            }
            return config;
        });
    }

    private static TracingConfig tracing(MapReader r) {
        String clientType = r.string("client_type", "grpc");
        if (!clientType.equals("grpc") && !clientType.equals("http")) {
            r.error("client_type", "expected tracing client type to be grpc or http, but got " + clientType);
        }
        String endpoint = r.string("endpoint", "");
        if (endpoint.isEmpty()) {
            r.error("endpoint", "tracing endpoint must be set");
        }
        double fraction = r.floating("sampling_fraction", 0);
        if (fraction < 0 || fraction > 1) {
            r.error("sampling_fraction", "sampling_fraction must be between 0 and 1, got " + fraction);
        }
        boolean insecure = r.bool("insecure", false);
        Map<String, String> headers = r.stringMap("headers");
        for (String header : headers.keySet()) {
            if (header.equalsIgnoreCase("authorization")) {
                r.error("headers", "custom authorization header configuration is not yet supported");
            }
        }
        String compression = r.string("compression", "");
        if (!compression.isEmpty() && !compression.equals("gzip")) {
            r.error("compression", "invalid compression type " + compression + " provided, valid options: gzip");
        }
        PromDuration timeout = r.duration("timeout", TracingConfig.DEFAULT_TIMEOUT);
        TlsConfig tls = r.map("tls_config", HttpClientConfigReader::tls).orElse(TlsConfig.DEFAULT);
        return new TracingConfig(clientType, endpoint, fraction, insecure, headers, compression, timeout, tls);
    }

    private static OtlpConfig otlp(MapReader r) {
        OtlpConfig d = OtlpConfig.DEFAULT;
        List<String> promote = r.stringList("promote_resource_attributes");
        boolean promoteAll = r.bool("promote_all_resource_attributes", d.promoteAllResourceAttributes());
        List<String> ignore = r.stringList("ignore_resource_attributes");
        String strategy = r.string("translation_strategy", d.translationStrategy());
        if (!OtlpConfig.TRANSLATION_STRATEGIES.contains(strategy)) {
            r.error("translation_strategy", "unsupported OTLP translation strategy \"" + strategy + "\"");
        }
        if (promoteAll && !promote.isEmpty()) {
            r.error(
                    "promote_resource_attributes",
                    "'promote_all_resource_attributes' and 'promote_resource_attributes' cannot be configured"
                            + " simultaneously");
        }
        if (!ignore.isEmpty() && !promoteAll) {
            r.error(
                    "ignore_resource_attributes",
                    "'ignore_resource_attributes' cannot be configured unless 'promote_all_resource_attributes' is"
                            + " true");
        }
        return new OtlpConfig(
                promote,
                promoteAll,
                ignore,
                strategy,
                r.bool("keep_identifying_resource_attributes", d.keepIdentifyingResourceAttributes()),
                r.bool("convert_histograms_to_nhcb", d.convertHistogramsToNhcb()),
                r.bool("promote_scope_metadata", d.promoteScopeMetadata()),
                r.bool("label_name_underscore_sanitization", d.labelNameUnderscoreSanitization()),
                r.bool("label_name_preserve_multiple_underscores", d.labelNamePreserveMultipleUnderscores()));
    }
}
