package dev.vigil.promql.ast;

/**
 * The experimental range selector modifiers of Prometheus ({@code --enable-feature=promql-extended-range-selectors}):
 * {@code anchored} and {@code smoothed} change which samples a range or instant selector sees.
 */
public enum RangeModifier {
    NONE,
    ANCHORED,
    SMOOTHED;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
