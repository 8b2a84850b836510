package dev.vigil.model.storage;

import dev.vigil.model.labels.Labels;

/**
 * A rejected sample. Checked and cheap: it has no stack trace and builds its message only when asked, so a scraper can
 * count rejections per {@link Kind} without the scrape failing or paying for each one.
 */
public final class AppendException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a sample was rejected. */
    public enum Kind {
        /** Older than the newest sample of its series. */
        OUT_OF_ORDER,
        /** Same timestamp as the newest sample of its series but a different value. */
        DUPLICATE_TIMESTAMP,
        /** Outside the time range the storage accepts (e.g. before the retention horizon). */
        OUT_OF_BOUNDS,
        /** Empty, duplicate or invalid labels. */
        INVALID_LABELS
    }

    private final Kind kind;
    private final transient Labels labels;
    private final long timestampMs;
    private final String detail;

    public AppendException(Kind kind, Labels labels, long timestampMs, String detail) {
        super(null, null, false, false);
        this.kind = kind;
        this.labels = labels;
        this.timestampMs = timestampMs;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The labels of the rejected sample, possibly null when they could not be read. */
    public Labels labels() {
        return labels;
    }

    public long timestampMs() {
        return timestampMs;
    }

    @Override
    public String getMessage() {
        String base = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " sample [series=" + labels
                + ", t=" + timestampMs + "]";
        return detail == null ? base : base + ": " + detail;
    }
}
