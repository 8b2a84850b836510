package dev.vigil.promql.ast;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Vector matching of a binary operation between two instant vectors.
 *
 * @param on true for {@code on(...)}, false for {@code ignoring(...)} or no clause
 * @param matchingLabels the labels in {@code on(...)} or {@code ignoring(...)}
 * @param include the labels in {@code group_left(...)} or {@code group_right(...)}
 * @param fillLeft the experimental {@code fill}/{@code fill_left} value used for series missing on the left side
 * @param fillRight the experimental {@code fill}/{@code fill_right} value used for series missing on the right side
 */
public record VectorMatching(
        Cardinality cardinality,
        boolean on,
        List<String> matchingLabels,
        List<String> include,
        OptionalDouble fillLeft,
        OptionalDouble fillRight) {
    public static final VectorMatching DEFAULT =
            new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

    public VectorMatching {
        Objects.requireNonNull(cardinality, "cardinality");
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
        Objects.requireNonNull(fillLeft, "fillLeft");
        Objects.requireNonNull(fillRight, "fillRight");
    }

    /** Matching without fill values. */
    public VectorMatching(Cardinality cardinality, boolean on, List<String> matchingLabels, List<String> include) {
        this(cardinality, on, matchingLabels, include, OptionalDouble.empty(), OptionalDouble.empty());
    }

    public VectorMatching withCardinality(Cardinality newCardinality) {
        return new VectorMatching(newCardinality, on, matchingLabels, include, fillLeft, fillRight);
    }

    public boolean hasFill() {
        return fillLeft.isPresent() || fillRight.isPresent();
    }
}
