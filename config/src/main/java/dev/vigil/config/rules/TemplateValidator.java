package dev.vigil.config.rules;

import java.util.Optional;

/**
 * Checks that a label or annotation template of an alerting rule parses, without this module depending on the
 * template engine. The server passes an adapter over the real one; {@link #ACCEPT_ALL} skips the check.
 */
@FunctionalInterface
public interface TemplateValidator {
    TemplateValidator ACCEPT_ALL = (alertName, text) -> Optional.empty();

    /** The parse error message for {@code text} in alert {@code alertName}, or empty if it parses. */
    Optional<String> check(String alertName, String text);
}
