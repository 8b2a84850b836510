package dev.vigil.model.textparse;

/**
 * The type a {@code # TYPE} line declares for a metric family. The Prometheus text format's
 * {@code untyped} and OpenMetrics's {@code unknown} are both {@link #UNKNOWN}, as in Prometheus.
 */
public enum FamilyType {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    GAUGE_HISTOGRAM,
    SUMMARY,
    INFO,
    STATESET,
    UNKNOWN;

    /** Whether an OpenMetrics family of this type may carry a {@code _created} sample. */
    boolean hasCreatedSeries() {
        return this == COUNTER || this == SUMMARY || this == HISTOGRAM;
    }
}
