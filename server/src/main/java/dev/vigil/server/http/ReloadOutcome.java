package dev.vigil.server.http;

/** The result of a configuration reload request: success, or the error that kept the old configuration. */
public record ReloadOutcome(boolean ok, String error) {
    public static ReloadOutcome success() {
        return new ReloadOutcome(true, "");
    }

    public static ReloadOutcome failure(String error) {
        return new ReloadOutcome(false, error);
    }
}
