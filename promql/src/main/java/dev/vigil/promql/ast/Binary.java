package dev.vigil.promql.ast;

import java.util.Objects;

/**
 * A binary operation.
 *
 * @param returnBool whether the {@code bool} modifier was given (comparison operators only)
 * @param matching the vector matching, or {@code null} when at least one side is not an instant vector
 */
public record Binary(
        BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, PositionRange position)
        implements Expr {
    public Binary {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
    }

    /** Instant vector if either side is one, scalar otherwise. */
    @Override
    public ValueType type() {
        return lhs.type() == ValueType.INSTANT_VECTOR || rhs.type() == ValueType.INSTANT_VECTOR
                ? ValueType.INSTANT_VECTOR
                : ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
