package dev.vigil.promql.parser;

/**
 * Parser feature switches, mirroring Prometheus's feature flags.
 *
 * @param experimentalFunctions accept functions and aggregations Prometheus puts behind {@code
 *     --enable-feature=promql-experimental-functions} ({@code limitk}, {@code sort_by_label}, {@code info}, ...)
 */
public record ParserOptions(boolean experimentalFunctions) {
    /** Prometheus's defaults: experimental functions disabled. */
    public static final ParserOptions DEFAULT = new ParserOptions(false);

    /** Everything this parser supports switched on. */
    public static final ParserOptions ALL_FEATURES = new ParserOptions(true);
}
