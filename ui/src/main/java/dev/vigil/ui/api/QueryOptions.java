package dev.vigil.ui.api;

import dev.vigil.promql.ast.Printer;
import dev.vigil.promql.engine.EngineOptions;
import java.time.Duration;

/**
 * The per-query options of {@code /api/v1/query} and {@code /api/v1/query_range}.
 *
 * @param lookbackDelta the {@code lookback_delta} parameter, or {@code null} for the engine's ({@code
 *     --query.lookback-delta}); zero and negative values also mean the engine's, as in Prometheus
 * @param stats whether to include {@code stats} (any non-empty {@code stats} value)
 * @param perStepStats {@code stats=all}: include the per-step sample counts
 * @param statsWarning Prometheus 3's deprecation warning for {@code stats} values other than {@code true} and {@code
 *     all}, or {@code null}
 */
record QueryOptions(Duration lookbackDelta, boolean stats, boolean perStepStats, String statsWarning) {

    static QueryOptions of(ApiRequest r, EngineOptions base) {
        Duration lookback = null;
        String text = r.param("lookback_delta");
        if (!text.isEmpty()) {
            long nanos;
            try {
                nanos = Params.parseDurationNanos(text);
            } catch (IllegalArgumentException e) {
                throw ApiException.badData("error parsing lookback delta duration: " + e.getMessage());
            }
            if (nanos > 0) {
                lookback = Duration.ofNanos(nanos);
            }
        }
        String stats = r.param("stats");
        String warning = null;
        if (!stats.isEmpty() && !stats.equals("true") && !stats.equals("all")) {
            warning = "value " + Printer.quote(stats) + " for parameter \"stats\" is deprecated and will be rejected"
                    + " in the next major release, use \"true\" or \"all\"";
        }
        return new QueryOptions(lookback, !stats.isEmpty(), stats.equals("all"), warning);
    }
}
