package dev.vigil.model.textparse;

import java.io.InputStream;

/** The text exposition formats Vigil reads; each makes parsers over bytes or over a stream. */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4 (and 1.0.0 with quoted UTF-8 names); media type {@code text/plain}. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0 text; media type {@code application/openmetrics-text}. */
    OPENMETRICS_TEXT("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The Content-Type a server sends for this format. */
    public String contentType() {
        return contentType;
    }

    /** A parser over {@code b[off, off+len)}; the array is read in place, not copied. */
    public ExpositionParser newParser(byte[] b, int off, int len, ParserOptions options) {
        return switch (this) {
            case PROMETHEUS_TEXT -> new PrometheusTextParser(b, off, len, options);
            case OPENMETRICS_TEXT -> new OpenMetricsParser(b, off, len, options);
        };
    }

    public ExpositionParser newParser(byte[] b) {
        return newParser(b, 0, b.length, ParserOptions.defaults());
    }

    /**
     * A parser that reads {@code in} in chunks into a buffer of {@link
     * ParserOptions#streamBufferBytes()}, refilling at line boundaries, so a body larger than memory
     * (a backfill file) parses in fixed memory. A line longer than the buffer grows it, up to {@link
     * ParserOptions#maxLineBytes()}; a longer line is a {@link TextParseException} that ends the
     * parse (later calls report it again). The caller closes the stream.
     */
    public ExpositionParser newStreamingParser(InputStream in, ParserOptions options) {
        return switch (this) {
            case PROMETHEUS_TEXT -> new PrometheusTextParser(in, options);
            case OPENMETRICS_TEXT -> new OpenMetricsParser(in, options);
        };
    }
}
