package dev.vigil.model.textparse;

/**
 * Settings of a parser.
 *
 * @param symbols cache for metric names, label names and short label values; {@code null} gives the
 *     parser a private one. Pass the same cache to the parsers of successive scrapes of one target.
 * @param skipCreatedSeries OpenMetrics only: do not return {@code <name>_created} samples of
 *     counter, summary and histogram families (Prometheus does this when it ingests created
 *     timestamps instead of {@code _created} series; by default they are ordinary samples)
 * @param streamBufferBytes initial buffer size when parsing from an {@code InputStream}
 * @param maxLineBytes longest accepted line when streaming; a longer line is an error rather than
 *     an ever-growing buffer
 */
public record ParserOptions(SymbolCache symbols, boolean skipCreatedSeries, int streamBufferBytes, int maxLineBytes) {

    public static final int DEFAULT_STREAM_BUFFER_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;

    public ParserOptions {
        if (streamBufferBytes < 16) {
            throw new IllegalArgumentException("streamBufferBytes must be at least 16, got " + streamBufferBytes);
        }
        if (maxLineBytes < 1 || maxLineBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxLineBytes out of range: " + maxLineBytes);
        }
    }

    public static ParserOptions defaults() {
        return new ParserOptions(null, false, DEFAULT_STREAM_BUFFER_BYTES, DEFAULT_MAX_LINE_BYTES);
    }

    public ParserOptions withSymbols(SymbolCache cache) {
        return new ParserOptions(cache, skipCreatedSeries, streamBufferBytes, maxLineBytes);
    }

    public ParserOptions withSkipCreatedSeries(boolean skip) {
        return new ParserOptions(symbols, skip, streamBufferBytes, maxLineBytes);
    }

    public ParserOptions withStreamBuffer(int initialBytes, int maxLine) {
        return new ParserOptions(symbols, skipCreatedSeries, initialBytes, maxLine);
    }
}
