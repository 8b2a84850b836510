package dev.vigil.ui.api;

/**
 * Prometheus's API error types with the HTTP status each gets (its {@code getDefaultErrorCode}): {@code bad_data} 400,
 * {@code execution} 422, {@code canceled} 499 (the client went away), {@code timeout} 503, {@code internal} 500. As in
 * Prometheus, {@code unavailable} (e.g. admin APIs disabled) has no status of its own and is sent with 500.
 */
public enum ErrorType {
    BAD_DATA("bad_data", 400),
    EXECUTION("execution", 422),
    CANCELED("canceled", 499),
    TIMEOUT("timeout", 503),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 500);

    private final String text;
    private final int status;

    ErrorType(String text, int status) {
        this.text = text;
        this.status = status;
    }

    /** The {@code errorType} of the JSON body. */
    public String text() {
        return text;
    }

    public int httpStatus() {
        return status;
    }
}
