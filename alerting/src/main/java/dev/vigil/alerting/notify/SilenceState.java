package dev.vigil.alerting.notify;

/** Where a silence is in its life: not started yet, muting, or over. */
public enum SilenceState {
    PENDING("pending"),
    ACTIVE("active"),
    EXPIRED("expired");

    private final String apiName;

    SilenceState(String apiName) {
        this.apiName = apiName;
    }

    /** The name Alertmanager's API uses. */
    public String apiName() {
        return apiName;
    }
}
