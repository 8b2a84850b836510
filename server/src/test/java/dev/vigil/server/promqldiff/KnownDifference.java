package dev.vigil.server.promqldiff;

/**
 * Known reasons for Vigil to answer differently from the Prometheus 2.42 the differential test runs against: either
 * Prometheus 3 changed the behaviour and Vigil follows 3 ({@link Kind#PROMETHEUS_3}), or Vigil deliberately differs
 * from stock Prometheus and says so in docs/api.md ({@link Kind#VIGIL_CHOICE}). A query in the query file names one
 * with {@code ## known: NAME} when it shows that difference; its mismatches are then counted apart from Vigil's bugs,
 * and a marked query that matches everywhere fails the test so that the marks stay true.
 */
enum KnownDifference {
    LEFT_OPEN_WINDOWS(
            Kind.PROMETHEUS_3,
            "Prometheus 3 excludes a sample exactly at the start of a range or subquery window; 2.42 includes it"),
    RATE_ZERO_POINT(
            Kind.PROMETHEUS_3,
            "when a counter starts inside the window, Prometheus 2.51+ (prometheus/prometheus#13725) limits the"
                    + " extrapolation toward the window start to half a sample interval before limiting it to the"
                    + " counter's zero point; 2.42 did it the other way round and extrapolated up to 1.1 intervals"),
    TOPK_TIES(
            Kind.PROMETHEUS_3,
            "among equal values topk/bottomk keep other series in Prometheus 3: it overwrites the heap root and sifts"
                    + " it down where 2.42 popped the root and pushed the newcomer, and a NaN root gives way only to a"
                    + " number where 2.42 let any later sample displace it"),
    STDDEV_OF_NAN(
            Kind.PROMETHEUS_3,
            "stddev/stdvar of a group whose only sample is NaN or ±Inf is NaN in Prometheus 3"
                    + " (prometheus/prometheus#14941); 2.42 answered 0"),
    KAHAN_SUMMATION(
            Kind.PROMETHEUS_3,
            "Prometheus 3 adds with Kahan-Neumaier compensation in avg_over_time, sum_over_time, sum and avg"
                    + " (prometheus/prometheus#14413); a result that cancels to about zero differs from 2.42's plain"
                    + " sum in the last bits, beyond any relative tolerance"),
    FILTER_MATCH_CARDINALITY(
            Kind.PROMETHEUS_3,
            "a comparison without bool fails on many-to-one matches without group_left/group_right in Prometheus 3.9+"
                    + " (prometheus/prometheus 4cad87c) even where the filter would drop the extra series; 2.42 only"
                    + " failed when more than one of them passed the filter"),
    HOLT_WINTERS_REMOVED(
            Kind.PROMETHEUS_3, "Prometheus 3 removed holt_winters (now the experimental double_exponential_smoothing)"),
    ATAN2_DROPS_NAME(
            Kind.PROMETHEUS_3,
            "Prometheus 3 drops __name__ from the result of atan2 like every other arithmetic operator; 2.42 keeps it"),
    UTF8_LABEL_NAMES(
            Kind.PROMETHEUS_3,
            "Prometheus 3 accepts any UTF-8 label name, also as a label_replace/label_join destination; 2.42 only"
                    + " [a-zA-Z_][a-zA-Z0-9_]*"),
    CLASSIC_HISTOGRAM_FRACTION(
            Kind.PROMETHEUS_3,
            "Prometheus 3 computes histogram_fraction from classic _bucket series too; 2.42 only from native"
                    + " histograms and returns nothing for floats"),
    DELAYED_NAME_REMOVAL(
            Kind.VIGIL_CHOICE,
            "Vigil always drops __name__ at the end of evaluation, as Prometheus 3 does with"
                    + " --enable-feature=promql-delayed-name-removal and in its promqltest; 2.42 (and 3 without the"
                    + " flag) drops it inside each function, so a later label_replace no longer sees it"),
    CALENDAR_OF_NAN(
            Kind.VIGIL_CHOICE,
            "calendar functions of NaN or ±Inf return NaN in Vigil; Prometheus converts them to an int64 in a way"
                    + " that depends on the CPU (on amd64 hour(NaN) is 15)");

    /** Where a difference comes from. */
    enum Kind {
        PROMETHEUS_3("known Prometheus 2.42 -> 3.x differences"),
        VIGIL_CHOICE("documented Vigil differences from Prometheus");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }
    }

    private final Kind kind;
    private final String description;

    KnownDifference(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    Kind kind() {
        return kind;
    }

    String description() {
        return description;
    }
}
