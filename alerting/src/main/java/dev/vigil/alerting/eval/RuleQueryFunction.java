package dev.vigil.alerting.eval;

import dev.vigil.promql.value.Vector;

/**
 * Runs the instant query of a rule, as Prometheus's {@code QueryFunc}: the rule evaluator never talks to the PromQL
 * engine or the HTTP layer directly. {@link EngineQueryFunction} adapts the engine; tests may pass a fake.
 *
 * <p>Implementations must be thread-safe: groups evaluate concurrently.
 */
@FunctionalInterface
public interface RuleQueryFunction {
    /**
     * Evaluates {@code expr} at {@code evalTimeMs}. A scalar result is one element with no labels.
     *
     * @return the result; the caller does not modify it
     * @throws RuntimeException with a message to show as the rule's {@code lastError} when the query fails
     */
    Vector query(String expr, long evalTimeMs);
}
