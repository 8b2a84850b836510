package dev.vigil.model.storage;

import java.util.List;

/**
 * What {@code /api/v1/status/tsdb} shows. Immutable.
 *
 * @param head figures of the in-memory head
 * @param seriesCountByMetricName metric names with the most series, most first
 * @param labelValueCountByLabelName label names with the most distinct values, most first
 * @param memoryInBytesByLabelName label names whose values take the most bytes (summed over distinct values), most
 *     first
 * @param seriesCountByLabelValuePair {@code name=value} pairs with the most series, most first
 */
public record StorageStats(
        HeadStats head,
        List<Entry> seriesCountByMetricName,
        List<Entry> labelValueCountByLabelName,
        List<Entry> memoryInBytesByLabelName,
        List<Entry> seriesCountByLabelValuePair) {

    public StorageStats {
        seriesCountByMetricName = List.copyOf(seriesCountByMetricName);
        labelValueCountByLabelName = List.copyOf(labelValueCountByLabelName);
        memoryInBytesByLabelName = List.copyOf(memoryInBytesByLabelName);
        seriesCountByLabelValuePair = List.copyOf(seriesCountByLabelValuePair);
    }

    /**
     * @param minTimeMs oldest sample in the head, or {@link Long#MAX_VALUE} when the head is empty (as Prometheus)
     * @param maxTimeMs newest sample in the head, or {@link Long#MIN_VALUE} when the head is empty
     */
    public record HeadStats(long numSeries, long numLabelPairs, long chunkCount, long minTimeMs, long maxTimeMs) {}

    /** One row of a top-N list. */
    public record Entry(String name, long value) {}
}
