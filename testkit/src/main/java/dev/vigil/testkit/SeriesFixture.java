package dev.vigil.testkit;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;

/**
 * Loads samples written like the Prometheus text format with mandatory millisecond timestamps:
 *
 * <pre>
 * # comments and blank lines are ignored
 * http_requests_total{job="api", code="200"} 10 0
 * http_requests_total{job="api", code="200"} 25 15000
 * {__name__="up", job="api"} 1 15000
 * temperature NaN 30000
 * temperature stale 45000        # the stale marker
 * </pre>
 *
 * Values may be any Java float literal plus {@code NaN}, {@code +Inf}, {@code -Inf}, {@code Inf} and {@code stale}.
 * Label values use {@code \\}, {@code \"} and {@code \n} escapes. Everything is appended in one batch and committed;
 * a malformed line or a rejected sample throws {@link IllegalArgumentException} naming the line.
 */
public final class SeriesFixture {
    private SeriesFixture() {}

    /** Appends and commits every sample of {@code text}; returns how many samples were appended. */
    public static int load(Appendable storage, String text) {
        Appender appender = storage.appender();
        int count = 0;
        String[] lines = text.split("\n", -1);
        try {
            for (int i = 0; i < lines.length; i++) {
                String line = stripComment(lines[i]).strip();
                if (line.isEmpty()) {
                    continue;
                }
                Line parsed = parseLine(line, i + 1);
                try {
                    appender.append(0, parsed.labels, parsed.timestampMs, parsed.value);
                } catch (AppendException e) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
                }
                count++;
            }
        } catch (RuntimeException e) {
            appender.rollback();
            throw e;
        }
        appender.commit();
        return count;
    }

    /**
     * One sample as a line {@link #load} reads back: {@code {__name__="up", job="api"} 1 15000}, with {@code stale}
     * for the stale marker.
     */
    public static String line(Labels labels, double value, long timestampMs) {
        StringBuilder out = new StringBuilder(64).append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            TextExposition.appendQuoted(out, labels.name(i));
            out.append('=');
            TextExposition.appendQuoted(out, labels.value(i));
        }
        out.append("} ");
        if (StaleMarker.isStaleNaN(value)) {
            out.append("stale");
        } else if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "+Inf" : "-Inf");
        } else {
            out.append(value);
        }
        return out.append(' ').append(timestampMs).toString();
    }

    /** Parses a series selector-like string such as {@code up{job="api"}} or {@code {__name__="up"}}. */
    public static Labels labels(String series) {
        Cursor c = new Cursor(series.strip(), 1);
        Labels labels = c.readSeries();
        if (!c.atEnd()) {
            throw c.error("unexpected text after labels");
        }
        return labels;
    }

    private record Line(Labels labels, double value, long timestampMs) {}

    private static String stripComment(String line) {
        // A '#' inside a quoted label value is not a comment.
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static Line parseLine(String line, int lineNumber) {
        Cursor c = new Cursor(line, lineNumber);
        Labels labels = c.readSeries();
        String valueToken = c.readToken("value");
        String timeToken = c.readToken("timestamp");
        if (!c.atEnd()) {
            throw c.error("unexpected text after timestamp");
        }
        double value = parseValue(valueToken, c);
        long t;
        try {
            t = Long.parseLong(timeToken);
        } catch (NumberFormatException e) {
            throw c.error("timestamp \"" + timeToken + "\" is not an integer number of milliseconds");
        }
        return new Line(labels, value, t);
    }

    private static double parseValue(String token, Cursor c) {
        switch (token) {
            case "stale":
                return StaleMarker.STALE_NAN;
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw c.error("value \"" + token + "\" is not a number");
                }
        }
    }

    private static final class Cursor {
        private final String s;
        private final int lineNumber;
        private int pos;

        Cursor(String s, int lineNumber) {
            this.s = s;
            this.lineNumber = lineNumber;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "line " + lineNumber + ", column " + (pos + 1) + ": " + what + " in \"" + s + "\"");
        }

        boolean atEnd() {
            skipSpaces();
            return pos >= s.length();
        }

        Labels readSeries() {
            LabelsBuilder b = new LabelsBuilder();
            skipSpaces();
            String name = readName();
            if (!name.isEmpty()) {
                b.set(Labels.METRIC_NAME, name);
            }
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == '{') {
                pos++;
                readLabelPairs(b);
            } else if (name.isEmpty()) {
                throw error("expected a metric name or '{'");
            }
            try {
                return b.labels();
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private void readLabelPairs(LabelsBuilder b) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (true) {
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                String name = pos < s.length() && s.charAt(pos) == '"' ? readQuoted() : readName();
                if (name.isEmpty()) {
                    throw error("expected a label name");
                }
                if (!seen.add(name)
                        || (name.equals(Labels.METRIC_NAME) && !b.get(name).isEmpty())) {
                    throw error("duplicate label name \"" + name + "\"");
                }
                skipSpaces();
                expect('=');
                skipSpaces();
                b.set(name, readQuoted());
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= s.length() || s.charAt(pos) != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private String readName() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '_' || c == ':') {
                    pos++;
                } else {
                    break;
                }
            }
            return s.substring(start, pos);
        }

        private String readQuoted() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case '\\' -> out.append('\\');
                        case '"' -> out.append('"');
                        default -> throw error("invalid escape \\" + e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated quoted string");
        }

        String readToken(String what) {
            skipSpaces();
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("missing " + what);
            }
            return s.substring(start, pos);
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }
    }
}
