package dev.vigil.model.textparse;

import java.io.InputStream;

/**
 * Parser for the Prometheus text exposition format 0.0.4 (and 1.0.0, which adds quoted UTF-8
 * names): {@code # HELP}, {@code # TYPE}, free comments, blank lines, blanks between tokens,
 * optional integer millisecond timestamps. Follows Prometheus's observable behaviour, including
 * its leniencies (a missing comma between labels, no blank needed before the value). Deviations:
 * a raw line feed inside a quoted string and a NUL byte at the start of a line are errors (the
 * format requires {@code \n} escapes; Prometheus would silently stop at the NUL).
 *
 * <p>Obtain one from {@link ExpositionFormat#PROMETHEUS_TEXT}. Not thread-safe.
 */
public final class PrometheusTextParser extends ExpositionParser {

    PrometheusTextParser(byte[] b, int off, int len, ParserOptions options) {
        super(b, off, len, options);
    }

    PrometheusTextParser(InputStream in, ParserOptions options) {
        super(in, options);
    }

    @Override
    public ExpositionFormat format() {
        return ExpositionFormat.PROMETHEUS_TEXT;
    }

    @Override
    public Entry next() throws TextParseException {
        if (entry == Entry.EOF) {
            return Entry.EOF;
        }
        while (advanceLine()) {
            int i = skipBlanks(lineStart);
            if (i == lineEnd) {
                continue;
            }
            return entry = buf[i] == '#' ? parseHashLine(i) : parseSample(i);
        }
        return entry = Entry.EOF;
    }

    private Entry parseHashLine(int hash) throws TextParseException {
        final byte[] b = buf;
        int i = hash + 1;
        if (i < lineEnd && (b[i] == ' ' || b[i] == '\t')) {
            i = skipBlanks(i);
            boolean help = startsWithKeyword(i, 'H', 'E', 'L', 'P');
            if (help || startsWithKeyword(i, 'T', 'Y', 'P', 'E')) {
                return parseMeta(skipBlanks(i + 4), help);
            }
        }
        textStart = hash;
        textEnd = lineEnd;
        return Entry.COMMENT;
    }

    /** Whether the keyword stands at {@code i} followed by a blank. */
    private boolean startsWithKeyword(int i, char c0, char c1, char c2, char c3) {
        final byte[] b = buf;
        return i + 4 < lineEnd
                && b[i] == c0
                && b[i + 1] == c1
                && b[i + 2] == c2
                && b[i + 3] == c3
                && (b[i + 4] == ' ' || b[i + 4] == '\t');
    }

    private Entry parseMeta(int i, boolean help) throws TextParseException {
        String keyword = help ? "HELP" : "TYPE";
        int j = parseMetaName(i, keyword);
        if (j == lineEnd) {
            textStart = textEnd = j;
        } else if (buf[j] == ' ' || buf[j] == '\t') {
            textStart = j + 1;
            textEnd = lineEnd;
        } else {
            throw error(j, "expected text in " + keyword + ", got " + got(j));
        }
        if (help) {
            if (!Utf8.isValid(buf, textStart, textEnd)) {
                throw error(
                        textStart,
                        "help text " + Quote.go(buf, textStart, textEnd, 64) + " is not a valid utf8 string");
            }
            return Entry.HELP;
        }
        FamilyType t = FamilyType.parse(buf, textStart, textEnd, false);
        if (t == null) {
            throw error(textStart, "invalid metric type " + Quote.go(buf, textStart, textEnd, 64));
        }
        declaredType = t;
        familyType = t;
        return Entry.TYPE;
    }

    @Override
    String helpText(int from, int to) {
        return string(from, to, flagsOf(from, to), true);
    }

    private Entry parseSample(int i) throws TextParseException {
        final byte[] b = buf;
        final int end = lineEnd;
        seriesStart = i;
        nameStart = -1;
        nameFlags = 0;
        labels.count = 0;
        hasExemplar = false;
        if (isMetricNameStart(i)) {
            nameStart = i;
            nameEnd = scanMetricName(i + 1);
            seriesEnd = nameEnd;
            i = skipBlanks(nameEnd);
            if (i < end && b[i] == '{') {
                i = seriesEnd = parseLabels(i + 1, labels, false, false);
            }
        } else if (b[i] == '{') {
            i = seriesEnd = parseLabels(i + 1, labels, false, false);
            if (nameStart < 0) {
                throw error(seriesStart, "metric name not set");
            }
        } else {
            throw error(i, "expected a valid start token, got " + got(i));
        }
        i = skipBlanks(i);
        int valueStart = i;
        while (i < end && b[i] != ' ' && b[i] != '\t' && b[i] != '{') {
            i++;
        }
        value = parseValue(valueStart, i, "metric");
        i = skipBlanks(i);
        hasTimestamp = false;
        if (i < end) {
            i = parseTimestamp(i);
            i = skipBlanks(i);
            if (i < end) {
                throw error(i, "expected next entry after timestamp, got " + got(i));
            }
        }
        return Entry.SERIES;
    }

    /** Integer milliseconds, digits only (Prometheus's lexer takes no sign). */
    private int parseTimestamp(int i) throws TextParseException {
        final byte[] b = buf;
        int start = i;
        long ts = 0;
        while (i < lineEnd && b[i] >= '0' && b[i] <= '9') {
            int d = b[i] - '0';
            if (ts > (Long.MAX_VALUE - d) / 10) {
                int j = i;
                while (j < lineEnd && b[j] >= '0' && b[j] <= '9') {
                    j++;
                }
                throw error(start, "timestamp " + Quote.go(b, start, j, 32) + " out of range");
            }
            ts = ts * 10 + d;
            i++;
        }
        if (i == start) {
            throw error(i, "expected timestamp or new record, got " + got(i));
        }
        hasTimestamp = true;
        timestampMs = ts;
        return i;
    }
}
