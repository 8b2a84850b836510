package dev.vigil.server;

import dev.vigil.model.storage.Queryable;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import java.time.Duration;

/**
 * The PromQL engine the HTTP API and the rules evaluate with, configured from the server's flags as Prometheus's is:
 * {@code --query.timeout}, {@code --query.max-samples}, {@code --query.lookback-delta}; a subquery without a step uses
 * the global {@code evaluation_interval}. Stateless.
 */
public final class QueryEngines {
    private QueryEngines() {}

    /** The engine settings for {@code options} and the configuration's global evaluation interval. */
    public static EngineOptions options(ServerOptions options, Duration evaluationInterval) {
        return EngineOptions.DEFAULT
                .withTimeout(options.queryTimeout())
                .withMaxSamples(options.queryMaxSamples())
                .withLookbackDelta(options.queryLookbackDelta())
                .withDefaultSubqueryStep(evaluationInterval);
    }

    /** An engine over {@code storage}; thread-safe, one per server. */
    public static Engine create(Queryable storage, ServerOptions options, Duration evaluationInterval) {
        return new Engine(storage, options(options, evaluationInterval));
    }
}
