package dev.vigil.promql.ast;

import dev.vigil.model.labels.PromRegex;
import java.util.Objects;

/**
 * A label matcher as written in a selector. This is the syntactic form only; regexes have been checked to compile
 * by the parser. Regexes are RE2 syntax, fully anchored, with {@code .} matching newlines, as {@link PromRegex}
 * (which storage matchers use too) implements them.
 */
public record LabelMatcher(MatchType type, String name, String value) {
    /** The label that holds the metric name. */
    public static final String METRIC_NAME = "__name__";

    public LabelMatcher {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this matcher accepts a missing label, i.e. the empty value. */
    public boolean matchesEmpty() {
        switch (type) {
            case EQUAL:
                return value.isEmpty();
            case NOT_EQUAL:
                return !value.isEmpty();
            case REGEX:
                return PromRegex.compile(value).matches("");
            case NOT_REGEX:
                return !PromRegex.compile(value).matches("");
            default:
                throw new IllegalStateException("BUG: unknown match type " + type);
        }
    }

    @Override
    public String toString() {
        return Printer.labelName(name) + type.symbol() + Printer.quote(value);
    }
}
