package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.ast.GoStrings;
import dev.vigil.promql.functions.FloatFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warnings and infos a query collected, each message once, in the order first seen, worded like Prometheus's
 * ({@code PromQL warning: ... (1:6)}, {@code PromQL info: ...}). Used by one evaluating thread.
 */
final class Annotations {
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> infos = new LinkedHashSet<>();
    private final String query;

    Annotations(String query) {
        this.query = query;
    }

    void warn(String message, int offset) {
        warnings.add("PromQL warning: " + message + position(offset));
    }

    void info(String message, int offset) {
        infos.add("PromQL info: " + message + position(offset));
    }

    /** Warns, as Prometheus does, when a quantile argument is outside [0, 1] (or NaN). */
    void checkQuantile(double phi, int offset) {
        if (Double.isNaN(phi) || phi < 0 || phi > 1) {
            warn("quantile value should be between 0 and 1, got " + FloatFormat.format(phi), offset);
        }
    }

    /** The note {@code rate}/{@code increase} leave when the input's name does not look like a counter's. */
    void checkCounterName(String name, int offset) {
        if (!name.endsWith("_total")
                && !name.endsWith("_sum")
                && !name.endsWith("_count")
                && !name.endsWith("_bucket")) {
            info(
                    "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
                            + FloatFormat.goQuote(name),
                    offset);
        }
    }

    void badBucketLabel(Labels l, int offset) {
        warn(
                "bucket label \"le\" is missing or has a malformed value of " + FloatFormat.goQuote(l.get("le"))
                        + " for metric name " + FloatFormat.goQuote(l.metricName()),
                offset);
    }

    void histogramForcedMonotonic(String metricName, int offset) {
        info(
                "input to histogram_quantile needed to be fixed for monotonicity (see"
                        + " https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
                        + " for metric name " + FloatFormat.goQuote(metricName),
                offset);
    }

    List<String> warnings() {
        return List.copyOf(new ArrayList<>(warnings));
    }

    List<String> infos() {
        return List.copyOf(new ArrayList<>(infos));
    }

    /** Prometheus's " (line:column)" suffix, 1-based; empty when the query text is not known. */
    private String position(int offset) {
        if (query == null || offset < 0 || offset > query.length()) {
            return "";
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // Columns in UTF-8 bytes, as Prometheus counts them.
        return " (" + line + ":" + (GoStrings.utf8Length(query.substring(lineStart, offset)) + 1) + ")";
    }
}
