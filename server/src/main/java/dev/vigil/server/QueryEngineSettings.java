package dev.vigil.server;

import dev.vigil.config.VigilConfig;
import dev.vigil.promql.engine.EngineOptions;

/** The engine settings every query in the server runs with (HTTP API and rule evaluation alike). Stateless. */
public final class QueryEngineSettings {
    private QueryEngineSettings() {}

    /**
     * The limits of {@code --query.timeout}, {@code --query.max-samples} and {@code --query.lookback-delta}, and, as in
     * Prometheus, the global {@code evaluation_interval} as the step of subqueries written without one.
     */
    public static EngineOptions of(ServerOptions options, VigilConfig config) {
        return EngineOptions.DEFAULT
                .withTimeout(options.queryTimeout())
                .withMaxSamples(options.queryMaxSamples())
                .withLookbackDelta(options.queryLookbackDelta())
                .withDefaultSubqueryStep(config.global().evaluationInterval().toDuration());
    }
}
