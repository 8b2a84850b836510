package dev.vigil.promql.value;

/** A single float, e.g. the result of {@code 1 + 2} or {@code scalar(x)}. */
public record Scalar(double value) implements Value {
    @Override
    public String typeName() {
        return "scalar";
    }
}
