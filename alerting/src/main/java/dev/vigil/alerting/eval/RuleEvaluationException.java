package dev.vigil.alerting.eval;

/** A rule's result cannot be used (duplicate label sets, limit exceeded); becomes the rule's {@code lastError}. */
final class RuleEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuleEvaluationException(String message) {
        super(message, null, false, false);
    }
}
