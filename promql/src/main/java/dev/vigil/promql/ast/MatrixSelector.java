package dev.vigil.promql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * A range vector selector such as {@code foo[5m] offset 1h}. As in Prometheus, the {@code offset} and {@code @}
 * modifiers written after the range are held by the inner {@link VectorSelector}.
 *
 * @param range the range, {@link Duration#ZERO} when given by {@code rangeExpr}
 * @param rangeExpr the range when written as a duration expression ({@code [5m * 2]}), else {@code null}
 */
public record MatrixSelector(VectorSelector selector, Duration range, DurationExpr rangeExpr, PositionRange position)
        implements Expr {
    public MatrixSelector {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(range, "range");
    }

    public MatrixSelector(VectorSelector selector, Duration range, PositionRange position) {
        this(selector, range, null, position);
    }

    public MatrixSelector withSelector(VectorSelector newSelector, PositionRange newPosition) {
        return new MatrixSelector(newSelector, range, rangeExpr, newPosition);
    }

    @Override
    public ValueType type() {
        return ValueType.RANGE_VECTOR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
