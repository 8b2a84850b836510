package dev.vigil.promql.ast;

/** A number or duration literal inside a duration expression; {@code duration} as in {@link NumberLiteral}. */
public record DurationLiteral(double value, boolean duration, PositionRange position) implements DurationExpr {
    @Override
    public double seconds(double stepSeconds, double rangeSeconds) {
        return value;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
