package dev.vigil.promql.ast;

import dev.vigil.model.labels.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 1609746000}.
 *
 * @param metricName the name written before the braces, or {@code ""} if there is none (a name given as {@code
 *     {__name__="x"}} or {@code {"x"}} is one of the {@code matchers})
 * @param matchers the matchers written inside the braces, in source order
 * @param offset the {@code offset} modifier, {@link Duration#ZERO} when absent or given by {@code offsetExpr}; may be
 *     negative
 * @param offsetExpr the offset when written as a duration expression ({@code offset (1h / 2)}), else {@code null}
 * @param at the {@code @} modifier
 * @param rangeModifier the experimental {@code anchored} or {@code smoothed} modifier, also when written after the
 *     range of a {@link MatrixSelector}
 */
public record VectorSelector(
        String metricName,
        List<LabelMatcher> matchers,
        Duration offset,
        DurationExpr offsetExpr,
        AtModifier at,
        RangeModifier rangeModifier,
        PositionRange position)
        implements Expr {

    public VectorSelector {
        Objects.requireNonNull(metricName, "metricName");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rangeModifier, "rangeModifier");
    }

    /** A selector with a fixed offset and without {@code anchored}/{@code smoothed}. */
    public VectorSelector(
            String metricName, List<LabelMatcher> matchers, Duration offset, AtModifier at, PositionRange position) {
        this(metricName, matchers, offset, null, at, RangeModifier.NONE, position);
    }

    /** Every matcher the selector applies, with the metric name as a {@code __name__="..."} matcher last. */
    /** {@link #allMatchers()} as the storage matchers that select the series. */
    public Matcher[] storageMatchers() {
        List<LabelMatcher> all = allMatchers();
        Matcher[] out = new Matcher[all.size()];
        for (int i = 0; i < out.length; i++) {
            LabelMatcher m = all.get(i);
            out[i] =
                    Matcher.of(dev.vigil.model.labels.MatchType.valueOf(m.type().name()), m.name(), m.value());
        }
        return out;
    }

    public List<LabelMatcher> allMatchers() {
        if (metricName.isEmpty()) {
            return matchers;
        }
        List<LabelMatcher> all = new ArrayList<>(matchers.size() + 1);
        all.addAll(matchers);
        all.add(new LabelMatcher(MatchType.EQUAL, LabelMatcher.METRIC_NAME, metricName));
        return List.copyOf(all);
    }

    /** Whether an {@code offset} was given, as a duration or an expression. */
    public boolean hasOffset() {
        return !offset.isZero() || offsetExpr != null;
    }

    public VectorSelector withOffset(Duration newOffset, DurationExpr newOffsetExpr, PositionRange newPosition) {
        return new VectorSelector(metricName, matchers, newOffset, newOffsetExpr, at, rangeModifier, newPosition);
    }

    public VectorSelector withOffset(Duration newOffset, PositionRange newPosition) {
        return withOffset(newOffset, null, newPosition);
    }

    public VectorSelector withAt(AtModifier newAt, PositionRange newPosition) {
        return new VectorSelector(metricName, matchers, offset, offsetExpr, newAt, rangeModifier, newPosition);
    }

    public VectorSelector withRangeModifier(RangeModifier newModifier, PositionRange newPosition) {
        return new VectorSelector(metricName, matchers, offset, offsetExpr, at, newModifier, newPosition);
    }

    @Override
    public ValueType type() {
        return ValueType.INSTANT_VECTOR;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
