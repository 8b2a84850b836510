package dev.vigil.promql.ast;

import java.util.Objects;

/** A string literal; {@code value} is already unquoted and unescaped. */
public record StringLiteral(String value, PositionRange position) implements Expr {
    public StringLiteral {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
