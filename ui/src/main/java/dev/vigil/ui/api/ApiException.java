package dev.vigil.ui.api;

import java.util.Objects;

/**
 * A request that fails with one of Prometheus's error types and a message worded as Prometheus words it. Cheap: no
 * stack trace.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.type = Objects.requireNonNull(type, "type");
    }

    public ErrorType type() {
        return type;
    }

    public static ApiException badData(String message) {
        return new ApiException(ErrorType.BAD_DATA, message);
    }

    /** Prometheus's {@code invalid parameter "name": message}, a {@code bad_data} error. */
    public static ApiException invalidParameter(String name, String message) {
        return badData("invalid parameter \"" + name + "\": " + message);
    }
}
