package dev.vigil.promql.promqltest;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatchType;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.parser.ExpressionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series notation of promqltest and {@code promtool test rules}: {@code metric{l="v"} 1 2+3x4 _ stale
 * {{histogram}}}. A value token expands to one or more points: a number, {@code a+bxN}/{@code a-bxN} (N+1 points
 * stepping by b), {@code axN} (N+1 copies), {@code _} (no point), {@code _xN} (N no points), {@code stale}.
 */
final class SeriesNotation {
    /** One series line: its labels (null for a bare scalar line) and points; NaN-boxed stale markers allowed. */
    record Line(Labels labels, List<Double> values, boolean hasHistogram) {}

    /** Marks an absent point in {@link Line#values}. */
    static final Double MISSING = null;

    private static final String NUMBER =
            "[-+]?(?:Inf|inf|NaN|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|0x[0-9a-fA-F]+)";
    private static final Pattern EXPANDING = Pattern.compile("^(" + NUMBER + ")(?:([-+])(" + NUMBER + "))?x(\\d+)$");

    private SeriesNotation() {}

    static Line parse(String line) {
        String text = line.trim();
        int split = seriesEnd(text);
        String series = text.substring(0, split).trim();
        String rest = text.substring(split).trim();
        Labels labels;
        if (isNumberToken(series) && !series.contains("{")) {
            labels = null;
            rest = text;
        } else {
            labels = labels(series);
        }
        List<Double> values = new ArrayList<>();
        boolean histogram = false;
        for (String token : tokens(rest)) {
            if (token.startsWith("{{")) {
                histogram = true;
                values.add(MISSING);
                continue;
            }
            expand(token, values);
        }
        return new Line(labels, values, histogram);
    }

    private static boolean isNumberToken(String s) {
        return s.matches(NUMBER) || s.equals("_") || s.equals("stale");
    }

    /** Index just after the series description: its closing brace, or the first blank. */
    private static int seriesEnd(String text) {
        int brace = text.indexOf('{');
        int blank = firstBlank(text);
        if (brace < 0 || (blank >= 0 && blank < brace)) {
            return blank < 0 ? text.length() : blank;
        }
        boolean quoted = false;
        char quote = 0;
        for (int i = brace; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quoted = false;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quoted = true;
                quote = c;
            } else if (c == '}') {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed brace in series: " + text);
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static Labels labels(String series) {
        if (series.equals("{}")) {
            return Labels.EMPTY;
        }
        Expr e = ExpressionParser.parse(series);
        if (!(e instanceof VectorSelector vs)) {
            throw new IllegalArgumentException("not a series description: " + series);
        }
        LabelsBuilder b = new LabelsBuilder();
        for (LabelMatcher m : vs.allMatchers()) {
            if (m.type() != MatchType.EQUAL) {
                throw new IllegalArgumentException("series description needs = matchers only: " + series);
            }
            b.set(m.name(), m.value());
        }
        return b.labels();
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            if (s.startsWith("{{", i)) {
                int end = s.indexOf("}}", i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed histogram in: " + s);
                }
                i = end + 2;
                // A histogram may be followed by an expansion such as "x3" or "+{{...}}x3".
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    if (s.startsWith("{{", i)) {
                        int e2 = s.indexOf("}}", i);
                        i = e2 < 0 ? s.length() : e2 + 2;
                    } else {
                        i++;
                    }
                }
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    private static void expand(String token, List<Double> values) {
        if (token.equals("_")) {
            values.add(MISSING);
            return;
        }
        if (token.equals("stale")) {
            values.add(StaleMarker.STALE_NAN);
            return;
        }
        if (token.startsWith("_x")) {
            int n = Integer.parseInt(token.substring(2));
            for (int i = 0; i < n; i++) {
                values.add(MISSING);
            }
            return;
        }
        Matcher m = EXPANDING.matcher(token);
        if (m.matches()) {
            double start = number(m.group(1));
            double step =
                    m.group(2) == null ? 0 : number(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
            int n = Integer.parseInt(m.group(4));
            double v = start;
            values.add(v);
            for (int i = 0; i < n; i++) {
                v += step;
                values.add(v);
            }
            return;
        }
        values.add(number(token));
    }

    static double number(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        switch (t) {
            case "Inf":
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                break;
        }
        if (t.startsWith("0x") || t.startsWith("-0x")) {
            boolean neg = t.startsWith("-");
            long v = Long.parseLong(t.substring(neg ? 3 : 2), 16);
            return neg ? -v : v;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in series notation: \"" + s + "\"", e);
        }
    }
}
