package dev.vigil.promql.value;

import dev.vigil.model.labels.Labels;

/**
 * One series of a {@link Matrix}: labels and the samples {@code [from, to)} of two parallel primitive arrays. The
 * arrays may be shared with the engine's sample buffers, so they must not be modified by readers.
 */
public record Series(Labels labels, long[] timestamps, double[] values, int from, int to, boolean dropName) {
    public int size() {
        return to - from;
    }

    public long timestamp(int i) {
        return timestamps[from + i];
    }

    public double value(int i) {
        return values[from + i];
    }

    /** The same samples with other labels. */
    public Series withLabels(Labels newLabels, boolean newDropName) {
        return new Series(newLabels, timestamps, values, from, to, newDropName);
    }
}
