package dev.vigil.model.metrics;

import java.util.List;

/**
 * Receives the samples of one collection pass. Families are announced once, followed by their
 * samples; label names and values are given as parallel lists.
 */
public interface SampleWriter {
    /** Starts a family; every following {@link #sample} belongs to it until the next call. */
    void family(String name, String help, MetricType type);

    /**
     * One sample of the current family.
     *
     * @param name the full sample name, e.g. {@code x_bucket} inside family {@code x}
     */
    void sample(String name, List<String> labelNames, List<String> labelValues, double value);

    /** A sample without labels. */
    default void sample(String name, double value) {
        sample(name, List.of(), List.of(), value);
    }
}
