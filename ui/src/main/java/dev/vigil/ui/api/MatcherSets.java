package dev.vigil.ui.api;

import dev.vigil.model.labels.Matcher;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code match[]} parameters: each a series selector such as {@code up{job="api"}}, read as Prometheus's {@code
 * ParseMetricSelector} reads it. Stateless.
 */
final class MatcherSets {
    private MatcherSets() {}

    /**
     * Parses every selector; each must have a matcher that does not match the empty string, as Prometheus requires of
     * {@code match[]} for series and label lookups.
     *
     * @throws IllegalArgumentException with the parse error or {@code match[] must contain at least one non-empty
     *     matcher}
     */
    static List<Matcher[]> parse(List<String> selectors) {
        List<Matcher[]> sets = new ArrayList<>(selectors.size());
        for (String selector : selectors) {
            Matcher[] set = parseOne(selector);
            boolean nonEmpty = false;
            for (Matcher m : set) {
                nonEmpty |= !m.matches("");
            }
            if (!nonEmpty) {
                throw new IllegalArgumentException("match[] must contain at least one non-empty matcher");
            }
            sets.add(set);
        }
        return sets;
    }

    /** One selector's matchers, with no check on emptiness (the admin delete call allows any). */
    static Matcher[] parseOne(String selector) {
        try {
            return ExpressionParser.parseMetricSelector(selector).storageMatchers();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
