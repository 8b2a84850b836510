package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;

/**
 * The labels that describe what a series measures: the metric name and, since Prometheus 3.5 (PROM-39), the type and
 * unit labels. An operation that changes what a value means (arithmetic, most functions) removes all three together,
 * whether or not type-and-unit labels are being attached at scrape time. Stateless.
 */
final class MetricMetadata {
    static final String TYPE_LABEL = "__type__";
    static final String UNIT_LABEL = "__unit__";

    private MetricMetadata() {}

    /** {@code l} without {@code __name__}, {@code __type__} and {@code __unit__}; {@code l} itself if it has none. */
    static Labels without(LabelsBuilder b, Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has(TYPE_LABEL) && !l.has(UNIT_LABEL)) {
            return l;
        }
        return b.reset(l).del(Labels.METRIC_NAME, TYPE_LABEL, UNIT_LABEL).labels();
    }

    /** Removes the three labels from a builder. */
    static void delete(LabelsBuilder b) {
        b.del(Labels.METRIC_NAME, TYPE_LABEL, UNIT_LABEL);
    }
}
