package dev.vigil.promql.ast;

import java.util.Objects;

/** {@code lhs op rhs} for one of {@code + - * / % ^}. */
public record DurationArithmetic(BinaryOp op, DurationExpr lhs, DurationExpr rhs, PositionRange position)
        implements DurationExpr {
    public DurationArithmetic {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        if (op.kind() != BinaryOp.Kind.ARITHMETIC || op == BinaryOp.ATAN2) {
            throw new IllegalArgumentException("operator " + op.symbol() + " is not allowed in duration expressions");
        }
    }

    @Override
    public double seconds(double stepSeconds, double rangeSeconds) {
        double l = lhs.seconds(stepSeconds, rangeSeconds);
        double r = rhs.seconds(stepSeconds, rangeSeconds);
        switch (op) {
            case ADD:
                return l + r;
            case SUB:
                return l - r;
            case MUL:
                return l * r;
            case DIV:
                return l / r;
            case MOD:
                return l % r;
            case POW:
                return Math.pow(l, r);
            default:
                throw new IllegalStateException("BUG: operator " + op + " in duration expression");
        }
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
