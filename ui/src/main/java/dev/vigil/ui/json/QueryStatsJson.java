package dev.vigil.ui.json;

import dev.vigil.promql.engine.QueryStats;
import java.io.IOException;

/**
 * Writes the {@code stats} object of a query response in Prometheus 3's shape: {@code timings} in seconds and
 * {@code samples}, with the per-step arrays when asked for ({@code stats=all}). Vigil's engine reads every sample
 * before the first step, so all reads are booked to step 0 in {@code samplesReadPerStep}; sorting happens inside
 * evaluation, so {@code resultSortTime} is 0 and the sort is part of {@code innerEvalTime}. Stateless.
 */
public final class QueryStatsJson {
    private QueryStatsJson() {}

    /**
     * @param queueNanos time spent waiting for a query slot
     * @param totalNanos time from the request's arrival at the query engine (queue included) to the end of evaluation
     * @param perStep whether to include the per-step arrays
     * @param startMs the first evaluation time, for the per-step timestamps
     * @param stepMs the step of a range query, 0 for an instant query
     */
    public static void write(
            ApiJson json,
            QueryStats stats,
            long queueNanos,
            long totalNanos,
            boolean perStep,
            long startMs,
            long stepMs)
            throws IOException {
        json.startObject();
        json.field("timings");
        json.startObject();
        json.field("evalTotalTime");
        json.jsonNumber((stats.prepareNanos() + stats.evalNanos()) / 1e9);
        json.field("resultSortTime");
        json.jsonNumber(0);
        json.field("queryPreparationTime");
        json.jsonNumber(stats.prepareNanos() / 1e9);
        json.field("innerEvalTime");
        json.jsonNumber(stats.evalNanos() / 1e9);
        json.field("execQueueTime");
        json.jsonNumber(queueNanos / 1e9);
        json.field("execTotalTime");
        json.jsonNumber(totalNanos / 1e9);
        json.endObject();

        json.field("samples");
        json.startObject();
        long[] steps = stats.samplesPerStep();
        if (perStep) {
            json.field("totalQueryableSamplesPerStep");
            writeSteps(json, steps, startMs, stepMs);
        }
        json.field("totalQueryableSamples");
        json.number(stats.samplesProcessed());
        if (perStep) {
            long[] reads = new long[steps.length];
            reads[0] = stats.samplesLoaded();
            json.field("samplesReadPerStep");
            writeSteps(json, reads, startMs, stepMs);
        }
        json.field("samplesRead");
        json.number(stats.samplesLoaded());
        json.field("peakSamples");
        json.number(stats.peakSamples());
        json.endObject();
        json.endObject();
    }

    /** {@code [[t, n], ...]} with t in seconds as a JSON number. */
    private static void writeSteps(ApiJson json, long[] counts, long startMs, long stepMs) throws IOException {
        json.startArray();
        for (int i = 0; i < counts.length; i++) {
            json.startArray();
            json.jsonNumber((startMs + i * stepMs) / 1000.0);
            json.number(counts[i]);
            json.endArray();
        }
        json.endArray();
    }
}
