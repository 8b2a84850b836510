package dev.vigil.promql.ast;

import java.util.List;
import java.util.Objects;

/** A function call; {@code function} is the signature from {@link Functions}. */
public record Call(FunctionSignature function, List<Expr> args, PositionRange position) implements Expr {
    public Call {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
