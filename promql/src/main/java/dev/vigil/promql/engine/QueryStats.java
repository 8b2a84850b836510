package dev.vigil.promql.engine;

/**
 * Statistics of one query.
 *
 * @param seriesTouched series read from storage over all selectors
 * @param samplesLoaded samples read from storage
 * @param samplesProcessed samples seen by the evaluation (selector outputs summed over steps)
 * @param peakSamples the most samples held at once, the figure checked against {@link EngineOptions#maxSamples()}
 * @param parseNanos time spent parsing the query text (0 when an AST was given)
 * @param prepareNanos time spent before evaluation: working out each selector's time range and, when the query is
 *     evaluated step by step, selecting series and loading their samples
 * @param evalNanos time spent evaluating; a range query evaluated over the whole range at once reads its series from
 *     storage during this phase, one at a time
 */
public record QueryStats(
        long seriesTouched,
        long samplesLoaded,
        long samplesProcessed,
        long peakSamples,
        long parseNanos,
        long prepareNanos,
        long evalNanos) {}
