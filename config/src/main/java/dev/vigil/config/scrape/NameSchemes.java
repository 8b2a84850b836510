package dev.vigil.config.scrape;

import dev.vigil.config.core.MapReader;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code metric_name_validation_scheme} and {@code metric_name_escaping_scheme}. Vigil accepts both values of
 * the validation scheme for compatibility, but validates label names in configuration files with the legacy
 * character set either way. Stateless.
 */
public final class NameSchemes {
    public static final String UTF8 = "utf8";
    public static final String LEGACY = "legacy";
    public static final String ALLOW_UTF8 = "allow-utf-8";
    public static final String UNDERSCORES = "underscores";
    private static final List<String> ESCAPING = List.of(ALLOW_UTF8, UNDERSCORES, "dots", "values");

    private NameSchemes() {}

    /** The validation scheme under {@code key}, or empty when unset (blank counts as unset). */
    public static Optional<String> validation(MapReader r, String key) {
        Optional<String> value = r.optionalString(key).filter(s -> !s.isEmpty());
        if (value.isPresent() && !value.get().equals(UTF8) && !value.get().equals(LEGACY)) {
            r.error(
                    key,
                    "unknown name validation method \"" + value.get() + "\", must be either '', 'legacy' or 'utf8'");
            return Optional.empty();
        }
        return value;
    }

    /** The escaping scheme under {@code key}, or empty when unset; checked against the validation scheme. */
    public static Optional<String> escaping(MapReader r, String key, String validationScheme) {
        Optional<String> value = r.optionalString(key).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return value;
        }
        if (!ESCAPING.contains(value.get())) {
            r.error(
                    key,
                    "unknown name escaping method \"" + value.get() + "\", must be one of "
                            + String.join(", ", ESCAPING));
            return Optional.empty();
        }
        if (value.get().equals(ALLOW_UTF8) && validationScheme.equals(LEGACY)) {
            r.error(key, "utf8 metric names requested but validation scheme is not set to UTF8");
        }
        return value;
    }

    /** The escaping scheme implied by a validation scheme when none is configured. */
    public static String defaultEscaping(String validationScheme) {
        return validationScheme.equals(LEGACY) ? UNDERSCORES : ALLOW_UTF8;
    }
}
