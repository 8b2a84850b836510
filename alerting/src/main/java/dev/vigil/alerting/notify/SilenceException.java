package dev.vigil.alerting.notify;

/** A silence request was invalid or named an unknown silence; the message is fit for an API error response. */
public final class SilenceException extends Exception {
    private final boolean notFound;

    public SilenceException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** Whether the request named a silence that does not exist (HTTP 404 rather than 400). */
    public boolean isNotFound() {
        return notFound;
    }
}
