package dev.vigil.promql.ast;

/**
 * A half-open range {@code [start, end)} of UTF-16 char offsets into the query text an AST node was parsed from.
 * Nodes built by code rather than parsed carry {@link #NONE}.
 */
public record PositionRange(int start, int end) {
    /** The position of nodes that do not come from query text. */
    public static final PositionRange NONE = new PositionRange(-1, -1);

    public PositionRange {
        if (start > end) {
            throw new IllegalArgumentException("position range start " + start + " is after end " + end);
        }
    }

    /** The smallest range covering both {@code first} and {@code last}. */
    public static PositionRange span(PositionRange first, PositionRange last) {
        return new PositionRange(Math.min(first.start, last.start), Math.max(first.end, last.end));
    }
}
