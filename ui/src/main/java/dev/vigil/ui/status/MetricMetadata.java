package dev.vigil.ui.status;

import java.util.Objects;

/**
 * One metric family's metadata.
 *
 * @param type Prometheus's type name: {@code counter}, {@code gauge}, {@code histogram}, {@code gaugehistogram},
 *     {@code summary}, {@code info}, {@code stateset} or {@code unknown}
 */
public record MetricMetadata(String metricFamily, String type, String help, String unit) {
    public MetricMetadata {
        Objects.requireNonNull(metricFamily, "metricFamily");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(unit, "unit");
    }
}
