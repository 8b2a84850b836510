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

    private static final FamilyType[] ALL = values();
    private static final byte[][] TEXT_TYPE_NAMES = typeNames(false);
    private static final byte[][] OPENMETRICS_TYPE_NAMES = typeNames(true);

    /** The family type spelled by {@code b[from, to)} in the given format, or {@code null}. */
    static FamilyType parse(byte[] b, int from, int to, boolean openMetrics) {
        byte[][] names = openMetrics ? OPENMETRICS_TYPE_NAMES : TEXT_TYPE_NAMES;
        for (int t = 0; t < names.length; t++) {
            byte[] name = names[t];
            if (name != null && java.util.Arrays.equals(b, from, to, name, 0, name.length)) {
                return ALL[t];
            }
        }
        return null;
    }

    private static byte[][] typeNames(boolean openMetrics) {
        byte[][] names = new byte[ALL.length][];
        for (FamilyType t : ALL) {
            String name =
                    switch (t) {
                        case COUNTER -> "counter";
                        case GAUGE -> "gauge";
                        case HISTOGRAM -> "histogram";
                        case SUMMARY -> "summary";
                        case UNKNOWN -> openMetrics ? "unknown" : "untyped";
                        case GAUGE_HISTOGRAM -> openMetrics ? "gaugehistogram" : null;
                        case INFO -> openMetrics ? "info" : null;
                        case STATESET -> openMetrics ? "stateset" : null;
                    };
            names[t.ordinal()] = name == null ? null : name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return names;
    }
}
