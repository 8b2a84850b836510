package dev.vigil.promql.ast;

/** Binary operators (operators.md) and their kind. */
public enum BinaryOp {
    ADD("+", Kind.ARITHMETIC),
    SUB("-", Kind.ARITHMETIC),
    MUL("*", Kind.ARITHMETIC),
    DIV("/", Kind.ARITHMETIC),
    MOD("%", Kind.ARITHMETIC),
    POW("^", Kind.ARITHMETIC),
    ATAN2("atan2", Kind.ARITHMETIC),
    EQL("==", Kind.COMPARISON),
    NEQ("!=", Kind.COMPARISON),
    GTR(">", Kind.COMPARISON),
    LSS("<", Kind.COMPARISON),
    GTE(">=", Kind.COMPARISON),
    LTE("<=", Kind.COMPARISON),
    /** {@code </}: removes native histogram observations above the right-hand threshold. */
    TRIM_UPPER("</", Kind.TRIM),
    /** {@code >/}: removes native histogram observations below the right-hand threshold. */
    TRIM_LOWER(">/", Kind.TRIM),
    AND("and", Kind.SET),
    OR("or", Kind.SET),
    UNLESS("unless", Kind.SET);

    /** Arithmetic (including {@code atan2}), comparison, histogram trim or set ("logical") operator. */
    public enum Kind {
        ARITHMETIC,
        COMPARISON,
        TRIM,
        SET
    }

    private final String symbol;
    private final Kind kind;

    BinaryOp(String symbol, Kind kind) {
        this.symbol = symbol;
        this.kind = kind;
    }

    public String symbol() {
        return symbol;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isComparison() {
        return kind == Kind.COMPARISON;
    }

    public boolean isSetOperator() {
        return kind == Kind.SET;
    }
}
