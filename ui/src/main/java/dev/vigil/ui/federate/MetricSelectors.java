package dev.vigil.ui.federate;

import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import java.util.List;

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
        List<LabelMatcher> all = selector.allMatchers();
        Matcher[] matchers = new Matcher[all.size()];
        for (int i = 0; i < matchers.length; i++) {
            LabelMatcher m = all.get(i);
            matchers[i] = Matcher.of(MatchType.valueOf(m.type().name()), m.name(), m.value());
        }
        return matchers;
    }
}
