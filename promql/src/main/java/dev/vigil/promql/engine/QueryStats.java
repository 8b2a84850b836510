package dev.vigil.promql.engine;

/**
 * Statistics of one query, as the HTTP API reports them with {@code stats=true} or {@code stats=all}.
 *
 * @param seriesTouched series read from storage over all selectors
 * @param samplesLoaded samples read from storage
 * @param samplesProcessed samples seen by the evaluation: selector and subquery outputs summed over steps (what
 *     Prometheus reports as {@code totalQueryableSamples}); the samples held by the final result are not counted
 * @param peakSamples the most samples held at once, the figure checked against {@link EngineOptions#maxSamples()}
 * @param parseNanos time spent parsing the query text (0 when an AST was given)
 * @param prepareNanos time spent before evaluation: working out each selector's time range and, when the query is
 *     evaluated step by step, selecting series and loading their samples
 * @param evalNanos time spent evaluating; a range query evaluated over the whole range at once reads its series from
 *     storage during this phase, one at a time
 * @param samplesPerStep {@code samplesProcessed} split by evaluation step: element {@code i} belongs to {@code start +
 *     i * step} (one element for an instant query); the elements add up to {@code samplesProcessed}. Shared, not to
 *     be modified.
 */
public record QueryStats(
        long seriesTouched,
        long samplesLoaded,
        long samplesProcessed,
        long peakSamples,
        long parseNanos,
        long prepareNanos,
        long evalNanos,
        long[] samplesPerStep) {}
