package dev.vigil.promql.ast;

import java.util.Objects;

/**
 * The {@code @} modifier of a selector or subquery: a fixed evaluation time, or the start or end of the query
 * range. {@link #NONE} when absent.
 */
public record AtModifier(Kind kind, long timestampMillis) {
    public static final AtModifier NONE = new AtModifier(Kind.NONE, 0);
    public static final AtModifier START = new AtModifier(Kind.START, 0);
    public static final AtModifier END = new AtModifier(Kind.END, 0);

    public enum Kind {
        NONE,
        TIMESTAMP,
        START,
        END
    }

    public AtModifier {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.TIMESTAMP && timestampMillis != 0) {
            throw new IllegalArgumentException("only a TIMESTAMP @ modifier carries a timestamp");
        }
    }

    public static AtModifier at(long timestampMillis) {
        return new AtModifier(Kind.TIMESTAMP, timestampMillis);
    }

    public boolean isPresent() {
        return kind != Kind.NONE;
    }
}
