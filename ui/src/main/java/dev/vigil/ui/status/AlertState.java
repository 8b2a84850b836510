package dev.vigil.ui.status;

/** The state of an alerting rule or of one of its alerts. */
public enum AlertState {
    INACTIVE("inactive"),
    PENDING("pending"),
    FIRING("firing");

    private final String text;

    AlertState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
