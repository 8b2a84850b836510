package dev.vigil.model.relabel;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a list of {@link RelabelConfig} steps to label sets, with Prometheus's semantics for every action. Used for
 * target relabeling, metric relabeling, alert relabeling and remote-write relabeling.
 *
 * <p>Thread-safe: compiled once, then immutable. Each call works on the caller's {@link LabelsBuilder}, so a caller
 * that relabels many sets reuses one builder per thread and allocates little beyond the labels it returns:
 *
 * <pre>{@code
 * Relabeler relabeler = Relabeler.of(scrapeConfig.metricRelabelConfigs());
 * LabelsBuilder builder = new LabelsBuilder();
 * builder.reset(seriesLabels);
 * if (relabeler.apply(builder)) {
 *     Labels kept = builder.labels();
 * }
 * }</pre>
 */
public final class Relabeler {
    /** A relabeler without steps: keeps every label set unchanged. */
    public static final Relabeler NONE = new Relabeler(List.of(), LabelNameScheme.LEGACY);

    private final List<RelabelConfig> configs;
    private final RelabelStep[] steps;

    private Relabeler(List<RelabelConfig> configs, LabelNameScheme scheme) {
        this.configs = List.copyOf(configs);
        this.steps = this.configs.stream().map(c -> new RelabelStep(c, scheme)).toArray(RelabelStep[]::new);
    }

    /** Compiles {@code configs}; expanded target labels must be legacy label names. */
    public static Relabeler of(List<RelabelConfig> configs) {
        return of(configs, LabelNameScheme.LEGACY);
    }

    /** Compiles {@code configs}; expanded target labels must be valid under {@code scheme}. */
    public static Relabeler of(List<RelabelConfig> configs, LabelNameScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        return configs.isEmpty() && scheme == LabelNameScheme.LEGACY ? NONE : new Relabeler(configs, scheme);
    }

    /** The steps, in order. */
    public List<RelabelConfig> configs() {
        return configs;
    }

    public boolean isEmpty() {
        return steps.length == 0;
    }

    /**
     * Runs every step on {@code builder} in place.
     *
     * @return true when the label set is kept; false when a step dropped it, in which case the builder holds the
     *     labels as they were when it was dropped
     */
    public boolean apply(LabelsBuilder builder) {
        StringBuilder scratch = null;
        for (RelabelStep step : steps) {
            if (scratch == null && step.needsScratch()) {
                scratch = new StringBuilder(64);
            }
            if (!step.apply(builder, scratch)) {
                return false;
            }
        }
        return true;
    }

    /** Relabels {@code labels}; empty when a step dropped them. */
    public Optional<Labels> process(Labels labels) {
        if (steps.length == 0) {
            return Optional.of(labels);
        }
        LabelsBuilder builder = new LabelsBuilder(labels);
        return apply(builder) ? Optional.of(builder.labels()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Relabeler" + configs;
    }
}
