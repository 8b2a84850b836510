package dev.vigil.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * Vector matching of a binary operation between two instant vectors.
 *
 * @param on true for {@code on(...)}, false for {@code ignoring(...)} or no clause
 * @param matchingLabels the labels in {@code on(...)} or {@code ignoring(...)}
 * @param include the labels in {@code group_left(...)} or {@code group_right(...)}
 */
public record VectorMatching(Cardinality cardinality, boolean on, List<String> matchingLabels, List<String> include) {
    public static final VectorMatching DEFAULT =
            new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

    public VectorMatching {
        Objects.requireNonNull(cardinality, "cardinality");
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    public VectorMatching withCardinality(Cardinality newCardinality) {
        return new VectorMatching(newCardinality, on, matchingLabels, include);
    }
}
