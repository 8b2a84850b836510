package dev.vigil.model.textparse;

/**
 * A malformed exposition body. Carries the 1-based line number, the 1-based byte column within
 * that line, the reason (worded like Prometheus's parser errors) and a printable, truncated
 * snippet of the offending line, so a scrape error or an import failure can be located.
 */
public final class TextParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long line;
    private final int column;
    private final String snippet;

    public TextParseException(String reason, long line, int column, String snippet) {
        super(reason + " at line " + line + ", column " + column + ": " + snippet);
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.snippet = snippet;
    }

    /** What was wrong, without the position, e.g. {@code expected equal, got "x"}. */
    public String reason() {
        return reason;
    }

    /** 1-based line number of the offending line. */
    public long line() {
        return line;
    }

    /** 1-based byte offset of the error within its line. */
    public int column() {
        return column;
    }

    /** The offending line (or a window around the error for long lines), quoted Go-style. */
    public String snippet() {
        return snippet;
    }
}
