package dev.vigil.ui.status;

/** The health of a rule as Prometheus words it. */
public enum RuleHealth {
    UNKNOWN("unknown"),
    OK("ok"),
    ERR("err");

    private final String text;

    RuleHealth(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
