package dev.vigil.promql.value;

import java.util.Objects;

/** A string result, only produced by a query that is a string literal. */
public record StringValue(String value) implements Value {
    public StringValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
        return "string";
    }
}
