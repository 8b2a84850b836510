package dev.vigil.alerting.eval;

/** Whether a rule's last evaluation worked, as {@code /api/v1/rules} reports it. */
public enum RuleHealth {
    UNKNOWN("unknown"),
    OK("ok"),
    ERR("err");

    private final String apiName;

    RuleHealth(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
