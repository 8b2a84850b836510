package dev.vigil.promql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * A range vector selector such as {@code foo[5m] offset 1h}. As in Prometheus, the {@code offset} and {@code @}
 * modifiers written after the range are held by the inner {@link VectorSelector}.
 */
public record MatrixSelector(VectorSelector selector, Duration range, PositionRange position) implements Expr {
    public MatrixSelector {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(range, "range");
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
