package dev.vigil.config.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors of one load, so that a user sees as many problems as possible in one go. Not thread-safe; one
 * instance per load.
 */
public final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();

    /** Records a problem at {@code location} for the node at {@code path}. */
    public void add(SourceLocation location, KeyPath path, String message) {
        errors.add(ConfigError.at(location, path, message));
    }

    /** Records a problem about {@code node}. */
    public void add(ConfigNode node, KeyPath path, String message) {
        add(node.location(), path, message);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors so far, ordered by source, line and column. */
    public List<ConfigError> errors() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(ConfigError::source)
                .thenComparingInt(ConfigError::line)
                .thenComparingInt(ConfigError::column));
        return List.copyOf(sorted);
    }

    /** Throws a {@link ConfigException} holding every error, if there is any. */
    public void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw toException();
        }
    }

    ConfigException toException() {
        return new ConfigException(errors());
    }
}
