package dev.vigil.promql.parser;

/**
 * Parser feature switches, mirroring Prometheus's feature flags.
 *
 * @param experimentalFunctions accept functions and aggregations Prometheus puts behind {@code
 *     --enable-feature=promql-experimental-functions} ({@code limitk}, {@code sort_by_label}, {@code info}, ...)
 * @param extendedRangeSelectors accept the {@code anchored} and {@code smoothed} modifiers ({@code
 *     --enable-feature=promql-extended-range-selectors})
 * @param binopFillModifiers accept {@code fill()}, {@code fill_left()} and {@code fill_right()} on binary operators
 *     ({@code --enable-feature=promql-binop-fill-modifiers})
 * @param durationExpressions accept arithmetic, {@code step()}, {@code range()}, {@code min_of()} and {@code
 *     max_of()} in ranges, subquery steps and offsets; experimental ({@code --enable-feature=promql-duration-expr})
 *     until Prometheus 3.14 enabled them for good, so on by default here too
 */
public record ParserOptions(
        boolean experimentalFunctions,
        boolean extendedRangeSelectors,
        boolean binopFillModifiers,
        boolean durationExpressions) {
    /** Prometheus's defaults: every experimental feature disabled, duration expressions enabled (as since 3.14). */
    public static final ParserOptions DEFAULT = new ParserOptions(false, false, false, true);

    /** Everything this parser supports switched on. */
    public static final ParserOptions ALL_FEATURES = new ParserOptions(true, true, true, true);
}
