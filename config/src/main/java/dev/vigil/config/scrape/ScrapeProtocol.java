package dev.vigil.config.scrape;

import java.util.List;
import java.util.Optional;

/** Exposition formats a scrape may negotiate, named as in Prometheus's {@code scrape_protocols}. */
public enum ScrapeProtocol {
    PROMETHEUS_PROTO(
            "PrometheusProto",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"),
    PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain;version=0.0.4"),
    PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain;version=1.0.0"),
    OPENMETRICS_TEXT_0_0_1("OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1"),
    OPENMETRICS_TEXT_1_0_0("OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0");

    /** The default when native histograms are not scraped, in order of preference. */
    public static final List<ScrapeProtocol> DEFAULT =
            List.of(OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);
    /** The default when native histograms are scraped: protobuf first. */
    public static final List<ScrapeProtocol> DEFAULT_PROTO_FIRST = List.of(
            PROMETHEUS_PROTO,
            OPENMETRICS_TEXT_1_0_0,
            OPENMETRICS_TEXT_0_0_1,
            PROMETHEUS_TEXT_1_0_0,
            PROMETHEUS_TEXT_0_0_4);

    private final String configName;
    private final String mediaType;

    ScrapeProtocol(String configName, String mediaType) {
        this.configName = configName;
        this.mediaType = mediaType;
    }

    /** The case-sensitive name used in configuration files, e.g. {@code OpenMetricsText1.0.0}. */
    public String configName() {
        return configName;
    }

    /** The media type sent in the {@code Accept} header. */
    public String mediaType() {
        return mediaType;
    }

    public static Optional<ScrapeProtocol> fromConfigName(String name) {
        for (ScrapeProtocol protocol : values()) {
            if (protocol.configName.equals(name)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** The configuration names of all protocols, sorted, for messages. */
    public static List<String> configNames() {
        return java.util.Arrays.stream(values())
                .map(ScrapeProtocol::configName)
                .sorted()
                .toList();
    }

    @Override
    public String toString() {
        return configName;
    }
}
