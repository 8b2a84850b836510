package dev.vigil.scraper.target;

/** The health of a target as Prometheus reports it: not scraped yet, last scrape succeeded, or failed. */
public enum TargetHealth {
    UNKNOWN("unknown"),
    UP("up"),
    DOWN("down");

    private final String text;

    TargetHealth(String text) {
        this.text = text;
    }

    /** The word Prometheus's API and UI use: {@code up}, {@code down} or {@code unknown}. */
    public String text() {
        return text;
    }
}
