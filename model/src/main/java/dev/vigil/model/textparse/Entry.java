package dev.vigil.model.textparse;

/** What {@link ExpositionParser#next()} found on the input. */
public enum Entry {
    /** A sample line: metric name, labels, value, optional timestamp (and, in OpenMetrics, exemplar). */
    SERIES,
    /** A {@code # HELP name text} line. */
    HELP,
    /** A {@code # TYPE name type} line. */
    TYPE,
    /** An OpenMetrics {@code # UNIT name unit} line. */
    UNIT,
    /** A comment line of the Prometheus text format (OpenMetrics has no free comments). */
    COMMENT,
    /** The input is exhausted (text format) or ended with {@code # EOF} (OpenMetrics). Sticky. */
    EOF
}
