package dev.vigil.tsdb.head;

/**
 * A snapshot of the head's size, for self-metrics and the status page.
 *
 * @param series series in memory
 * @param chunks chunks in memory (open, cut and waiting to be persisted, or kept for open queriers)
 * @param pendingChunks cut chunks not yet persisted
 * @param chunkBytes approximate heap bytes of the chunks in memory
 * @param seriesBytes approximate heap bytes of the series, their labels and the head index
 * @param minTime oldest sample in memory, {@link Long#MAX_VALUE} when none
 * @param maxTime newest sample stored, {@link Long#MIN_VALUE} when the head is empty
 * @param walBytes WAL bytes since the last checkpoint
 * @param tombstoneSeries series with deleted intervals not yet cleaned up
 */
public record HeadFigures(
        long series,
        long chunks,
        long pendingChunks,
        long chunkBytes,
        long seriesBytes,
        long minTime,
        long maxTime,
        long walBytes,
        long tombstoneSeries) {}
