package dev.vigil.promql.ast;

import java.util.Objects;

/** Unary minus in a duration expression; a minus before a literal is folded into the {@link DurationLiteral}. */
public record DurationNegation(DurationExpr expr, PositionRange position) implements DurationExpr {
    public DurationNegation {
        Objects.requireNonNull(expr, "expr");
    }

    @Override
    public double seconds(double stepSeconds, double rangeSeconds) {
        return -expr.seconds(stepSeconds, rangeSeconds);
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
