package dev.vigil.scraper.loop;

import dev.vigil.config.scrape.ScrapeProtocol;
import java.util.List;
import java.util.Locale;

/**
 * Builds the {@code Accept} header of a scrape from {@code scrape_protocols}, as Prometheus does: the protocols in
 * order with {@code q} weights counting down from one more than the number of protocols Prometheus knows (so the
 * default list gives {@code q=0.6} … {@code q=0.3}), then {@code *}{@code /*} with the next lower weight. Protobuf is
 * left out because Vigil has no protobuf parser (its weight is still used up, so the other entries keep Prometheus's
 * weights); a target that only speaks protobuf still answers with text to {@code *}{@code /*}. The escaping scheme is
 * announced on the formats that carry UTF-8 names (OpenMetrics 1.0.0 and text 1.0.0).
 */
final class AcceptHeader {
    private AcceptHeader() {}

    static String of(List<ScrapeProtocol> protocols, String escapingScheme) {
        StringBuilder out = new StringBuilder();
        int weight = ScrapeProtocol.values().length + 1;
        for (ScrapeProtocol protocol : protocols) {
            if (protocol == ScrapeProtocol.PROMETHEUS_PROTO) {
                weight--;
                continue;
            }
            out.append(protocol.mediaType());
            if (protocol == ScrapeProtocol.OPENMETRICS_TEXT_1_0_0 || protocol == ScrapeProtocol.PROMETHEUS_TEXT_1_0_0) {
                out.append(";escaping=").append(escapingScheme);
            }
            out.append(";q=").append(q(weight--)).append(',');
        }
        return out.append("*/*;q=").append(q(weight)).toString();
    }

    private static String q(int weight) {
        // Prometheus writes 0.<weight>; beyond nine protocols that stops being below 1, so scale instead.
        return weight <= 9 ? "0." + weight : String.format(Locale.ROOT, "%.3f", Math.min(weight, 999) / 1000.0);
    }
}
