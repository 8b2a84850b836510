package dev.vigil.promql.ast;

/**
 * A duration expression from Prometheus's experimental {@code promql-duration-expr} feature, used for ranges,
 * subquery steps and offsets: {@code [5m * 2]}, {@code [step() + 1s]}, {@code offset (1h / 2)}. Values are seconds.
 * The engine resolves it per query, since {@code step()} and {@code range()} depend on the query's parameters.
 */
public sealed interface DurationExpr
        permits DurationArithmetic, DurationFunction, DurationLiteral, DurationNegation, DurationParen {

    PositionRange position();

    /**
     * Evaluates the expression.
     *
     * @param stepSeconds the step of a range query, 0 for an instant query
     * @param rangeSeconds end minus start of a range query, 0 for an instant query
     * @return the duration in seconds (may be negative, infinite or NaN; the caller validates)
     */
    double seconds(double stepSeconds, double rangeSeconds);
}
