package dev.vigil.ui.federate;

import dev.vigil.model.labels.Matcher;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;

/** Parses {@code match[]} values: plain series selectors such as {@code up{job=~"api.*"}}. Stateless. */
public final class MetricSelectors {
    private MetricSelectors() {}

    /**
     * The matchers of a series selector.
     *
     * @throws IllegalArgumentException with the parser's message when {@code text} is not a series selector
     */
    public static Matcher[] parse(String text) {
        Expr expr;
        try {
            expr = ExpressionParser.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!(expr instanceof VectorSelector selector)
                || selector.hasOffset()
                || selector.at().isPresent()
                || selector.rangeModifier() != RangeModifier.NONE) {
            throw new IllegalArgumentException(
                    "parse error: expected a series selector such as up{job=\"api\"}, got \"" + text + "\"");
        }
        return selector.storageMatchers();
    }
}
