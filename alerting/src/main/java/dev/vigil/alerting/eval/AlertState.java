package dev.vigil.alerting.eval;

/**
 * The state of an alert, and of an alerting rule (its most advanced alert). Ordered: a rule's state is the maximum
 * of its alerts' states; a rule never evaluated is {@link #UNKNOWN}.
 */
public enum AlertState {
    UNKNOWN("unknown"),
    INACTIVE("inactive"),
    PENDING("pending"),
    FIRING("firing");

    private final String apiName;

    AlertState(String apiName) {
        this.apiName = apiName;
    }

    /** The name the Prometheus API and the {@code alertstate} label use. */
    public String apiName() {
        return apiName;
    }
}
