package dev.vigil.promql.ast;

import java.util.Objects;

/** A parenthesized expression, kept so that printing reproduces the user's grouping. */
public record Paren(Expr expr, PositionRange position) implements Expr {
    public Paren {
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
