package dev.vigil.promql.ast;

import dev.vigil.model.labels.PromRegex;
import java.util.Objects;

/**
 * A label matcher as written in a selector. This is the syntactic form only; regexes have been checked to compile
 * by the parser, and are anchored at both ends like Prometheus's ({@link #regex(String)}).
 */
public record LabelMatcher(MatchType type, String name, String value) {
    /** The label that holds the metric name. */
    public static final String METRIC_NAME = "__name__";

    public LabelMatcher {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Compiles a matcher regex the way Prometheus applies it: RE2 syntax, fully anchored ({@link PromRegex#matches}),
     * with {@code .} matching newlines.
     *
     * @throws PromRegex.SyntaxError if {@code regex} is not a valid RE2 expression
     */
    public static PromRegex regex(String regex) {
        return PromRegex.compile(regex);
    }

    /** Whether this matcher accepts a missing label, i.e. the empty value. */
    public boolean matchesEmpty() {
        switch (type) {
            case EQUAL:
                return value.isEmpty();
            case NOT_EQUAL:
                return !value.isEmpty();
            case REGEX:
                return regex(value).matches("");
            case NOT_REGEX:
                return !regex(value).matches("");
            default:
                throw new IllegalStateException("BUG: unknown match type " + type);
        }
    }

    @Override
    public String toString() {
        return Printer.labelName(name) + type.symbol() + Printer.quote(value);
    }
}
