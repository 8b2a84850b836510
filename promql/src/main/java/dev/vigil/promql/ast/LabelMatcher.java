package dev.vigil.promql.ast;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A label matcher as written in a selector. This is the syntactic form only; regexes have been checked to compile
 * by the parser, and are anchored at both ends like Prometheus's ({@link #anchoredPattern(String)}).
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
     * Compiles a matcher regex the way Prometheus applies it: fully anchored, with {@code .} matching newlines.
     *
     * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a valid expression
     */
    public static Pattern anchoredPattern(String regex) {
        return Pattern.compile("^(?s:" + regex + ")$");
    }

    /** Whether this matcher accepts a missing label, i.e. the empty value. */
    public boolean matchesEmpty() {
        switch (type) {
            case EQUAL:
                return value.isEmpty();
            case NOT_EQUAL:
                return !value.isEmpty();
            case REGEX:
                return anchoredPattern(value).matcher("").matches();
            case NOT_REGEX:
                return !anchoredPattern(value).matcher("").matches();
            default:
                throw new IllegalStateException("BUG: unknown match type " + type);
        }
    }

    @Override
    public String toString() {
        return Printer.labelName(name) + type.symbol() + Printer.quote(value);
    }
}
