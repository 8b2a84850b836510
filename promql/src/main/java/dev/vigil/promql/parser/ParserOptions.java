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
 */
public record ParserOptions(boolean experimentalFunctions, boolean extendedRangeSelectors, boolean binopFillModifiers) {
    /** Prometheus's defaults: every experimental feature disabled. */
    public static final ParserOptions DEFAULT = new ParserOptions(false, false, false);

    /** Everything this parser supports switched on. */
    public static final ParserOptions ALL_FEATURES = new ParserOptions(true, true, true);
}
