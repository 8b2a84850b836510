package dev.vigil.promql.value;

/**
 * A result of evaluating a PromQL expression: {@link Scalar}, {@link StringValue}, {@link Vector} (instant vector)
 * or {@link Matrix} (range vector). Values are immutable once handed out by the engine.
 */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {
    /** The name of the HTTP API's {@code resultType}: scalar, string, vector or matrix. */
    String typeName();
}
