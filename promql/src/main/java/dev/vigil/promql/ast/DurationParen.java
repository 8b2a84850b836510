package dev.vigil.promql.ast;

import java.util.Objects;

/** A parenthesized duration expression, kept for printing. */
public record DurationParen(DurationExpr expr, PositionRange position) implements DurationExpr {
    public DurationParen {
        Objects.requireNonNull(expr, "expr");
    }

    @Override
    public double seconds(double stepSeconds, double rangeSeconds) {
        return expr.seconds(stepSeconds, rangeSeconds);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
