package dev.vigil.model.metadata;

import java.util.Objects;

/**
 * What a target's exposition said about one metric family in its {@code # TYPE}, {@code # HELP} and {@code # UNIT}
 * lines. Immutable.
 *
 * @param metricFamily the family name as written in those lines
 * @param type Prometheus's type name: {@code counter}, {@code gauge}, {@code histogram}, {@code gaugehistogram},
 *     {@code summary}, {@code info}, {@code stateset} or {@code unknown} (also for the text format's {@code untyped}
 *     and when no TYPE line was given)
 * @param help the help text, empty when none was given
 * @param unit the OpenMetrics unit, empty when none was given
 */
public record MetricMetadata(String metricFamily, String type, String help, String unit) {
    public MetricMetadata {
        Objects.requireNonNull(metricFamily, "metricFamily");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(unit, "unit");
    }
}
