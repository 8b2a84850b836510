package dev.vigil.config.core;

import java.util.Objects;

/**
 * One problem found while loading a configuration file.
 *
 * @param source the file or source name
 * @param line 1-based line of the offending node
 * @param column 1-based column of the offending node
 * @param keyPath where in the document, e.g. {@code scrape_configs[2].relabel_configs[0].regex}; empty at the root
 * @param message what is wrong
 */
public record ConfigError(String source, int line, int column, String keyPath, String message) {
    public ConfigError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
    }

    static ConfigError at(SourceLocation location, KeyPath path, String message) {
        return new ConfigError(location.source(), location.line(), location.column(), path.toString(), message);
    }

    /** {@code source:line:column: keyPath: message}; the key path part is left out when it is empty. */
    @Override
    public String toString() {
        String where = source + ":" + line + ":" + column + ": ";
        return keyPath.isEmpty() ? where + message : where + keyPath + ": " + message;
    }
}
