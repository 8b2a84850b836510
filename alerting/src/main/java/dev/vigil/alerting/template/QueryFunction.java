package dev.vigil.alerting.template;

import java.util.List;

/**
 * Runs an instant PromQL query for the {@code query} template function. The rule evaluator supplies one backed by
 * the PromQL engine; tests use a fake. Must be thread-safe.
 */
@FunctionalInterface
public interface QueryFunction {
    /**
     * Evaluates {@code expr} at {@code evalTimeMs} and returns the resulting samples (a scalar is one sample without
     * labels); throws with a message to show in the expanded template when the query fails.
     */
    List<QuerySample> query(String expr, long evalTimeMs) throws Exception;
}
