package dev.vigil.promql.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one query.
 *
 * @param seriesTouched series read from storage over all selectors
 * @param samplesLoaded samples read from storage
 * @param samplesProcessed samples seen by the evaluation: each selector's output summed over steps (a sample in the
 *     windows of five steps counts five times), Prometheus's {@code totalQueryableSamples}
 * @param peakSamples the most samples held at once, the figure checked against {@link EngineOptions#maxSamples()}
 * @param parseNanos time spent parsing the query text (0 when an AST was given)
 * @param prepareNanos time spent before evaluation: working out each selector's time range and, when the query is
 *     evaluated step by step, selecting series and loading their samples
 * @param evalNanos time spent evaluating; a range query evaluated over the whole range at once reads its series from
 *     storage during this phase, one at a time
 * @param resultSortNanos time spent sorting the result's series by labels (part of {@code evalNanos})
 */
public record QueryStats(
        long seriesTouched,
        long samplesLoaded,
        long samplesProcessed,
        long peakSamples,
        long parseNanos,
        long prepareNanos,
        long evalNanos,
        long resultSortNanos) {

    /**
     * The {@code stats} object of Prometheus's query API for {@code stats=all}: {@code timings} in seconds
     * ({@code evalTotalTime}, {@code resultSortTime}, {@code queryPreparationTime}, {@code innerEvalTime}, {@code
     * execQueueTime}, {@code execTotalTime}) and {@code samples} ({@code totalQueryableSamples}, {@code peakSamples}),
     * with Vigil's {@code seriesTouched} and {@code samplesLoaded} added to {@code samples}. Vigil runs queries
     * without a queue, so {@code execQueueTime} is 0. An ordered map of strings, numbers and maps, for a JSON writer.
     */
    public Map<String, Object> prometheusApiShape() {
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("evalTotalTime", seconds(prepareNanos + evalNanos));
        timings.put("resultSortTime", seconds(resultSortNanos));
        timings.put("queryPreparationTime", seconds(prepareNanos));
        timings.put("innerEvalTime", seconds(evalNanos - resultSortNanos));
        timings.put("execQueueTime", 0.0);
        timings.put("execTotalTime", seconds(prepareNanos + evalNanos));
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("totalQueryableSamples", samplesProcessed);
        samples.put("peakSamples", peakSamples);
        samples.put("seriesTouched", seriesTouched);
        samples.put("samplesLoaded", samplesLoaded);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("timings", timings);
        stats.put("samples", samples);
        return stats;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
