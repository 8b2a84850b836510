package dev.vigil.model.metrics;

/** The metric types of the Prometheus text format, as written on {@code # TYPE} lines. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    SUMMARY("summary"),
    UNTYPED("untyped");

    private final String text;

    MetricType(String text) {
        this.text = text;
    }

    /** The lower-case name used in the exposition format. */
    public String text() {
        return text;
    }
}
