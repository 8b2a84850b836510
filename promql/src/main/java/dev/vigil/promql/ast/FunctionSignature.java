package dev.vigil.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * The signature of a PromQL function.
 *
 * @param argTypes the declared argument types; with {@code variadic != 0} the last one is optional
 * @param variadic 0 when exactly {@code argTypes.size()} arguments are required; {@code n > 0} when the last
 *     declared argument may appear 0 to {@code n} times; {@code -1} when it may repeat without limit
 * @param experimental whether Prometheus puts it behind {@code --enable-feature=promql-experimental-functions}
 */
public record FunctionSignature(
        String name, List<ValueType> argTypes, int variadic, ValueType returnType, boolean experimental) {
    public FunctionSignature {
        Objects.requireNonNull(name, "name");
        argTypes = List.copyOf(argTypes);
        Objects.requireNonNull(returnType, "returnType");
        if (variadic < -1) {
            throw new IllegalArgumentException("variadic must be -1, 0 or positive, got " + variadic);
        }
        if (variadic != 0 && argTypes.isEmpty()) {
            throw new IllegalArgumentException("variadic function " + name + " needs a declared argument to repeat");
        }
    }

    public int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The largest accepted argument count, {@link Integer#MAX_VALUE} if unbounded. */
    public int maxArgs() {
        if (variadic < 0) {
            return Integer.MAX_VALUE;
        }
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1 + variadic;
    }

    /** The expected type of the argument at {@code index}; repeated arguments share the last declared type. */
    public ValueType argType(int index) {
        return argTypes.get(Math.min(index, argTypes.size() - 1));
    }
}
