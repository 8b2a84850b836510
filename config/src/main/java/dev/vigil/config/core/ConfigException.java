package dev.vigil.config.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration could not be loaded. Holds every problem that was found, in document order where possible; the
 * message lists them one per line.
 */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("BUG: a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    /** The problems found, never empty. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
}
