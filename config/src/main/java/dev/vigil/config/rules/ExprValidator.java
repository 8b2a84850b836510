package dev.vigil.config.rules;

import java.util.Optional;

/**
 * Checks a PromQL expression without this module depending on the PromQL parser. The server passes an adapter over
 * the real parser; {@link #ACCEPT_ALL} skips the check.
 */
@FunctionalInterface
public interface ExprValidator {
    ExprValidator ACCEPT_ALL = expr -> Optional.empty();

    /** The parse error message for {@code expr}, or empty if it is valid. */
    Optional<String> check(String expr);
}
