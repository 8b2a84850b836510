package dev.vigil.promql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * A subquery such as {@code rate(x[1m])[1h:5m] offset 1d}.
 *
 * @param step the resolution, {@link Duration#ZERO} when omitted (the engine then uses its default interval)
 */
public record Subquery(Expr expr, Duration range, Duration step, Duration offset, AtModifier at, PositionRange position)
        implements Expr {
    public Subquery {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(at, "at");
    }

    public Subquery withOffset(Duration newOffset, PositionRange newPosition) {
        return new Subquery(expr, range, step, newOffset, at, newPosition);
    }

    public Subquery withAt(AtModifier newAt, PositionRange newPosition) {
        return new Subquery(expr, range, step, offset, newAt, newPosition);
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
