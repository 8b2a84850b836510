/**
 * The PromQL evaluation engine: {@link dev.vigil.promql.engine.Engine} runs instant and range queries over a {@link
 * dev.vigil.model.storage.Queryable} with Prometheus 3.x semantics, configured by {@link
 * dev.vigil.promql.engine.EngineOptions}, and returns a {@link dev.vigil.promql.engine.QueryResult}.
 */
package dev.vigil.promql.engine;
