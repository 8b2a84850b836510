package dev.vigil.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation such as {@code topk by (job) (3, x)}.
 *
 * @param param the parameter ({@code 3} above), {@code null} for operators without one
 * @param grouping the labels of {@code by (...)} or {@code without (...)}
 * @param without true for {@code without}, false for {@code by} or no clause
 */
public record Aggregate(
        AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, PositionRange position)
        implements Expr {
    public Aggregate {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expr, "expr");
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.INSTANT_VECTOR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
