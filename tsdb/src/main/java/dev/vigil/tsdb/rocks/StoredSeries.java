package dev.vigil.tsdb.rocks;

import dev.vigil.model.labels.Labels;

/**
 * A persisted series definition with the span of its persisted chunks.
 *
 * @param minT oldest persisted sample, {@link Long#MAX_VALUE} without persisted chunks
 * @param maxT newest persisted sample, {@link Long#MIN_VALUE} without persisted chunks
 * @param lastValue value of the newest persisted sample
 */
public record StoredSeries(long id, Labels labels, long minT, long maxT, double lastValue) {
    public boolean hasChunks() {
        return maxT != Long.MIN_VALUE;
    }
}
