package dev.vigil.server.cli;

import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import java.util.Optional;

/** Checks rule expressions with the real PromQL parser, for {@code vigil check}. */
final class PromqlExpressions {
    private PromqlExpressions() {}

    static Optional<String> check(String expr) {
        try {
            ExpressionParser.parse(expr);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(e.getMessage());
        }
    }
}
