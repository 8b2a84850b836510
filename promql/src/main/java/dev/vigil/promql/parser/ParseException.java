package dev.vigil.promql.parser;

/**
 * A query that cannot be parsed or does not type-check. {@link #getMessage()} reads like Prometheus's, e.g. {@code
 * 1:14: parse error: unexpected end of input}; {@link #reason()} is the part after "parse error: ".
 *
 * <p>{@link #offset()} is a UTF-16 char offset into the query; {@code line} and {@code column} are 1-based, the column
 * counted in UTF-8 bytes as Prometheus counts it (the two differ only after non-ASCII text on the line).
 */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int line;
    private final int column;
    private final String reason;

    ParseException(int offset, int line, int column, String reason) {
        super(line + ":" + column + ": parse error: " + reason);
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Char offset of the start of the offending part of the query. */
    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without position, e.g. {@code unclosed left parenthesis}. */
    public String reason() {
        return reason;
    }
}
