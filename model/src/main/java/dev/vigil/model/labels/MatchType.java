package dev.vigil.model.labels;

/** The four label matcher operators of PromQL. */
public enum MatchType {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    MatchType(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in PromQL, e.g. {@code =~}. */
    public String symbol() {
        return symbol;
    }

    /** True for {@code !=} and {@code !~}. */
    public boolean isNegative() {
        return this == NOT_EQUAL || this == NOT_REGEX;
    }

    /** True for {@code =~} and {@code !~}. */
    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }

    /** Parses {@code =}, {@code !=}, {@code =~} or {@code !~}. */
    public static MatchType fromSymbol(String symbol) {
        for (MatchType t : values()) {
            if (t.symbol.equals(symbol)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown match operator \"" + symbol + "\", expected =, !=, =~ or !~");
    }
}
