package dev.vigil.config.core;

import java.util.Objects;

/**
 * Where something was written: the source name (usually a file path), and a 1-based line and column.
 *
 * @param source the name of the file or text the node came from
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourceLocation(String source, int line, int column) {
    public SourceLocation {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
