package dev.vigil.promql.ast;

/**
 * A float literal. {@code duration} records that it was written with time units (e.g. {@code 5m}), so it is
 * printed back as a duration; its value is then in seconds.
 */
public record NumberLiteral(double value, boolean duration, PositionRange position) implements Expr {
    public NumberLiteral(double value, PositionRange position) {
        this(value, false, position);
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
