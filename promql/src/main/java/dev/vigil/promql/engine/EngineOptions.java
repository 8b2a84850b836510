package dev.vigil.promql.engine;

import dev.vigil.promql.parser.ParserOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and defaults of an {@link Engine}.
 *
 * @param lookbackDelta how far back an instant selector looks for a sample (Prometheus: 5m)
 * @param timeout the longest a query may evaluate before failing with {@link QueryTimeoutException}
 * @param maxSamples the most samples a query may hold in memory at once before failing with {@link
 *     TooManySamplesException}
 * @param defaultSubqueryStep the step of a subquery written without one ({@code x[1h:]}); Prometheus uses the global
 *     evaluation interval, 1m by default
 * @param parserOptions the language features accepted when the engine parses query text
 */
public record EngineOptions(
        Duration lookbackDelta,
        Duration timeout,
        long maxSamples,
        Duration defaultSubqueryStep,
        ParserOptions parserOptions) {
    /** Prometheus's defaults: 5m lookback, 2m timeout, 50 million samples, 1m subquery step. */
    public static final EngineOptions DEFAULT = new EngineOptions(
            Duration.ofMinutes(5), Duration.ofMinutes(2), 50_000_000L, Duration.ofMinutes(1), ParserOptions.DEFAULT);

    public EngineOptions {
        Objects.requireNonNull(lookbackDelta, "lookbackDelta");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(defaultSubqueryStep, "defaultSubqueryStep");
        Objects.requireNonNull(parserOptions, "parserOptions");
        if (lookbackDelta.isNegative() || lookbackDelta.isZero()) {
            throw new IllegalArgumentException("lookback delta must be positive, got " + lookbackDelta);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive, got " + timeout);
        }
        if (maxSamples <= 0) {
            throw new IllegalArgumentException("max samples must be positive, got " + maxSamples);
        }
        if (defaultSubqueryStep.isNegative() || defaultSubqueryStep.isZero()) {
            throw new IllegalArgumentException("default subquery step must be positive, got " + defaultSubqueryStep);
        }
    }

    public EngineOptions withLookbackDelta(Duration d) {
        return new EngineOptions(d, timeout, maxSamples, defaultSubqueryStep, parserOptions);
    }

    public EngineOptions withTimeout(Duration d) {
        return new EngineOptions(lookbackDelta, d, maxSamples, defaultSubqueryStep, parserOptions);
    }

    public EngineOptions withMaxSamples(long n) {
        return new EngineOptions(lookbackDelta, timeout, n, defaultSubqueryStep, parserOptions);
    }

    public EngineOptions withDefaultSubqueryStep(Duration d) {
        return new EngineOptions(lookbackDelta, timeout, maxSamples, d, parserOptions);
    }

    public EngineOptions withParserOptions(ParserOptions p) {
        return new EngineOptions(lookbackDelta, timeout, maxSamples, defaultSubqueryStep, p);
    }
}
