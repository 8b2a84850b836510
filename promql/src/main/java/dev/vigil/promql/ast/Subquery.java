package dev.vigil.promql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * A subquery such as {@code rate(x[1m])[1h:5m] offset 1d}. Each of range, step and offset is either a fixed
 * {@link Duration} or, with Prometheus's experimental duration expressions, a {@link DurationExpr} (then the
 * {@code Duration} is zero).
 *
 * @param step the resolution, {@link Duration#ZERO} when omitted (the engine then uses its default interval)
 */
public record Subquery(
        Expr expr,
        Duration range,
        DurationExpr rangeExpr,
        Duration step,
        DurationExpr stepExpr,
        Duration offset,
        DurationExpr offsetExpr,
        AtModifier at,
        PositionRange position)
        implements Expr {
    public Subquery {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(at, "at");
    }

    /** A subquery with fixed durations. */
    public Subquery(Expr expr, Duration range, Duration step, Duration offset, AtModifier at, PositionRange position) {
        this(expr, range, null, step, null, offset, null, at, position);
    }

    public boolean hasOffset() {
        return !offset.isZero() || offsetExpr != null;
    }

    public Subquery withOffset(Duration newOffset, DurationExpr newOffsetExpr, PositionRange newPosition) {
        return new Subquery(expr, range, rangeExpr, step, stepExpr, newOffset, newOffsetExpr, at, newPosition);
    }

    public Subquery withOffset(Duration newOffset, PositionRange newPosition) {
        return withOffset(newOffset, null, newPosition);
    }

    public Subquery withAt(AtModifier newAt, PositionRange newPosition) {
        return new Subquery(expr, range, rangeExpr, step, stepExpr, offset, offsetExpr, newAt, newPosition);
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
