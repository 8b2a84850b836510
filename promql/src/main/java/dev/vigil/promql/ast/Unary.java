package dev.vigil.promql.ast;

import java.util.Objects;

/** Unary plus or minus. A sign directly before a number is folded into the {@link NumberLiteral} instead. */
public record Unary(boolean negate, Expr expr, PositionRange position) implements Expr {
    public Unary {
        Objects.requireNonNull(expr, "expr");
    }

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
