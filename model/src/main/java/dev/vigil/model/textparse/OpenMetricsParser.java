package dev.vigil.model.textparse;

import java.io.InputStream;

/**
 * Parser for the OpenMetrics 1.0 text format: {@code # HELP}, {@code # TYPE} (counter, gauge,
 * histogram, gaugehistogram, summary, info, stateset, unknown), {@code # UNIT} (must be a suffix of
 * the family name), exactly one space between tokens, no blank lines or free comments, timestamps
 * in seconds with an optional fraction, one exemplar per sample, and a mandatory final
 * {@code # EOF} with nothing after it. Like Prometheus, it does not enforce the {@code _total}
 * suffix or family grouping; {@code _created} samples are returned unless
 * {@link ParserOptions#skipCreatedSeries()} is set.
 *
 * <p>Obtain one from {@link ExpositionFormat#OPENMETRICS_TEXT}. Not thread-safe.
 */
public final class OpenMetricsParser extends ExpositionParser {
    private static final byte[] CREATED = {'_', 'c', 'r', 'e', 'a', 't', 'e', 'd'};

    private final boolean skipCreatedSeries;

    OpenMetricsParser(byte[] b, int off, int len, ParserOptions options) {
        super(b, off, len, options);
        this.skipCreatedSeries = options.skipCreatedSeries();
    }

    OpenMetricsParser(InputStream in, ParserOptions options) {
        super(in, options);
        this.skipCreatedSeries = options.skipCreatedSeries();
    }

    @Override
    public ExpositionFormat format() {
        return ExpositionFormat.OPENMETRICS_TEXT;
    }

    @Override
    public Entry next() throws TextParseException {
        if (entry == Entry.EOF) {
            return Entry.EOF;
        }
        while (true) {
            if (!advanceLine()) {
                if (lineTerminated || lineNumber == 0) {
                    lineNumber++;
                }
                lineStart = lineEnd;
                throw error(lineStart, "data does not end with # EOF");
            }
            int i = lineStart;
            if (i == lineEnd) {
                throw error(i, "expected a valid start token, got " + got(i));
            }
            if (!lineTerminated && !isEofLine(i)) {
                throw error(lineEnd, "data does not end with # EOF");
            }
            if (buf[i] == '#') {
                return entry = parseHashLine(i);
            }
            parseSample(i);
            if (skipCreatedSeries && familyType.hasCreatedSeries() && isCreatedSeries()) {
                continue;
            }
            return entry = Entry.SERIES;
        }
    }

    private Entry parseHashLine(int i) throws TextParseException {
        final byte[] b = buf;
        final int end = lineEnd;
        if (isEofLine(i)) {
            if (i + 5 < end || advanceLine()) {
                throw error(i + 5 < end ? i + 5 : lineStart, "unexpected data after # EOF");
            }
            return Entry.EOF;
        }
        if (i + 6 < end && b[i + 1] == ' ' && b[i + 6] == ' ') {
            byte k = b[i + 2];
            if (k == 'H' && b[i + 3] == 'E' && b[i + 4] == 'L' && b[i + 5] == 'P') {
                return parseMeta(i + 7, Entry.HELP, "HELP");
            }
            if (k == 'T' && b[i + 3] == 'Y' && b[i + 4] == 'P' && b[i + 5] == 'E') {
                return parseMeta(i + 7, Entry.TYPE, "TYPE");
            }
            if (k == 'U' && b[i + 3] == 'N' && b[i + 4] == 'I' && b[i + 5] == 'T') {
                return parseMeta(i + 7, Entry.UNIT, "UNIT");
            }
        }
        throw error(i, "expected a valid start token, got " + got(i));
    }

    /** Whether the line at {@code i} starts with {@code # EOF}. */
    private boolean isEofLine(int i) {
        final byte[] b = buf;
        return i + 5 <= lineEnd
                && b[i] == '#'
                && b[i + 1] == ' '
                && b[i + 2] == 'E'
                && b[i + 3] == 'O'
                && b[i + 4] == 'F';
    }

    private Entry parseMeta(int i, Entry kind, String keyword) throws TextParseException {
        int j = parseMetaName(i, keyword);
        if (j >= lineEnd || buf[j] != ' ') {
            throw error(j, "expected text in " + keyword);
        }
        textStart = j + 1;
        textEnd = lineEnd;
        switch (kind) {
            case HELP -> {
                if (!Utf8.isValid(buf, textStart, textEnd)) {
                    throw error(
                            textStart,
                            "help text " + Quote.go(buf, textStart, textEnd, 64) + " is not a valid utf8 string");
                }
            }
            case TYPE -> {
                FamilyType t = FamilyType.parse(buf, textStart, textEnd, true);
                if (t == null) {
                    throw error(textStart, "invalid metric type " + Quote.go(buf, textStart, textEnd, 64));
                }
                declaredType = t;
                familyType = t;
            }
            default -> checkUnit();
        }
        return kind;
    }

    /** A non-empty unit must end the family name after an underscore. */
    private void checkUnit() throws TextParseException {
        int unitLength = textEnd - textStart;
        if (unitLength == 0) {
            return;
        }
        String name = metricName();
        String unit = unit();
        if (!name.endsWith(unit)
                || name.length() < unit.length() + 1
                || name.charAt(name.length() - unit.length() - 1) != '_') {
            throw error(textStart, "unit \"" + unit + "\" not a suffix of metric \"" + name + "\"");
        }
    }

    @Override
    String helpText(int from, int to) {
        return string(from, to, flagsOf(from, to), false);
    }

    private void parseSample(int i) throws TextParseException {
        final byte[] b = buf;
        final int end = lineEnd;
        seriesStart = i;
        nameStart = -1;
        nameFlags = 0;
        labels.count = 0;
        hasExemplar = false;
        exemplarLabels.count = 0;
        if (isMetricNameStart(i)) {
            nameStart = i;
            i = nameEnd = seriesEnd = scanMetricName(i + 1);
            if (i < end && b[i] == '{') {
                i = seriesEnd = parseLabels(i + 1, labels, true, false);
            }
        } else if (b[i] == '{') {
            i = seriesEnd = parseLabels(i + 1, labels, true, false);
            if (nameStart < 0) {
                throw error(seriesStart, "metric name not set");
            }
        } else {
            throw error(i, "expected a valid start token, got " + got(i));
        }
        if (i >= end || b[i] != ' ') {
            throw error(i, "expected value after metric, got " + got(i));
        }
        int valueStart = ++i;
        i = tokenEnd(i);
        value = parseValue(valueStart, i, "metric");
        hasTimestamp = false;
        if (i == end) {
            return;
        }
        if (isExemplarStart(i)) {
            parseExemplar(i + 4);
            return;
        }
        int tsStart = ++i;
        i = tokenEnd(i);
        if (tsStart == i) {
            throw error(i, "expected timestamp or exemplar, got " + got(i));
        }
        timestampMs = parseTimestamp(tsStart, i, "timestamp");
        hasTimestamp = true;
        if (i == end) {
            return;
        }
        if (isExemplarStart(i)) {
            parseExemplar(i + 4);
            return;
        }
        throw error(i, "expected next entry after timestamp, got " + got(i));
    }

    /** {@code " # {"} at {@code i}. */
    private boolean isExemplarStart(int i) {
        final byte[] b = buf;
        return i + 3 < lineEnd && b[i] == ' ' && b[i + 1] == '#' && b[i + 2] == ' ' && b[i + 3] == '{';
    }

    private int tokenEnd(int i) {
        final byte[] b = buf;
        while (i < lineEnd && b[i] != ' ') {
            i++;
        }
        return i;
    }

    private void parseExemplar(int i) throws TextParseException {
        final int end = lineEnd;
        i = parseLabels(i, exemplarLabels, true, true);
        if (i >= end || buf[i] != ' ') {
            throw error(i, "expected value after exemplar labels, got " + got(i));
        }
        int valueStart = ++i;
        i = tokenEnd(i);
        exemplarValue = parseValue(valueStart, i, "exemplar labels");
        exemplarHasTimestamp = false;
        if (i < end) {
            int tsStart = ++i;
            i = tokenEnd(i);
            if (tsStart == i) {
                throw error(i, "expected timestamp or end of line, got " + got(i));
            }
            exemplarTimestampMs = parseTimestamp(tsStart, i, "exemplar timestamp");
            exemplarHasTimestamp = true;
            if (i < end) {
                throw error(i, "expected next entry after exemplar timestamp, got " + got(i));
            }
        }
        hasExemplar = true;
    }

    /**
     * Seconds with an optional fraction, to milliseconds. Plain decimals are converted exactly
     * (Prometheus multiplies the float by 1000, which turns {@code 1.001} into 1000 ms); other
     * spellings go through the float.
     */
    private long parseTimestamp(int from, int to, String what) throws TextParseException {
        long exact = exactMillis(buf, from, to);
        if (exact != Long.MIN_VALUE) {
            return exact;
        }
        double seconds = parseValue(from, to, "metric");
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw error(
                    from, "invalid " + what + " " + (Double.isNaN(seconds) ? "NaN" : seconds > 0 ? "+Inf" : "-Inf"));
        }
        double ms = seconds * 1000;
        if (ms >= 0x1p63 || ms < -0x1p63) {
            throw error(from, what + " " + Quote.go(buf, from, to, 32) + " out of range");
        }
        return (long) ms;
    }

    /** {@code [+-]?digits(.digits)?} with at most 15 integer digits, else {@link Long#MIN_VALUE}. */
    private static long exactMillis(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long seconds = 0;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            seconds = seconds * 10 + (b[i++] - '0');
            digits++;
        }
        if (digits == 0 || digits > 15) {
            return Long.MIN_VALUE;
        }
        long millis = 0;
        if (i < to) {
            if (b[i++] != '.') {
                return Long.MIN_VALUE;
            }
            int scale = 100;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                millis += (b[i++] - '0') * scale;
                scale /= 10;
            }
            if (i < to) {
                return Long.MIN_VALUE;
            }
        }
        long total = seconds * 1000 + millis;
        return negative ? -total : total;
    }

    private boolean isCreatedSeries() {
        int len = nameEnd - nameStart;
        return len >= 8 && java.util.Arrays.equals(buf, nameEnd - 8, nameEnd, CREATED, 0, 8);
    }
}
