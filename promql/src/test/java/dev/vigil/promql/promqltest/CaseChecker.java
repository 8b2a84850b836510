package dev.vigil.promql.promqltest;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.engine.QueryResult;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Compares one eval's outcome with its expectations; returns a description of the first mismatch, or null. */
final class CaseChecker {
    private static final double EPSILON = 1e-6;

    private CaseChecker() {}

    static String checkFailure(TestScript.Eval e, RuntimeException error) {
        List<String> fails = ofType(e.expectations(), "fail");
        if (fails.isEmpty()) {
            return "unexpected error: " + error.getMessage();
        }
        for (String f : fails) {
            String problem = matchMessage(f, List.of(String.valueOf(error.getMessage())));
            if (problem != null) {
                return "error \"" + error.getMessage() + "\" does not match \"" + f + "\"";
            }
        }
        return null;
    }

    static String check(TestScript.Eval e, QueryResult r) {
        if (!ofType(e.expectations(), "fail").isEmpty()) {
            return "expected the query to fail, got " + r.value().typeName();
        }
        String problem = checkAnnotations(e, "warn", r.warnings());
        if (problem == null) {
            problem = checkAnnotations(e, "info", r.infos());
        }
        if (problem != null) {
            return problem;
        }
        boolean ordered = !ofType(e.expectations(), "ordered").isEmpty();
        Value v = r.value();
        for (String x : e.expectations()) {
            if (x.startsWith("expect string ")) {
                String want = unquote(x.substring("expect string ".length()).trim());
                return v instanceof StringValue s && s.value().equals(want)
                        ? null
                        : "expected string \"" + want + "\", got " + describe(v);
            }
        }
        if (e.stepMs() > 0) {
            return checkMatrix(e, (Matrix) v, e.startMs(), e.stepMs(), e.endMs());
        }
        for (String x : e.expectations()) {
            if (x.startsWith("expect range vector from ")) {
                String[] p =
                        x.substring("expect range vector from ".length()).trim().split("\\s+");
                if (!(v instanceof Matrix m)) {
                    return "expected a range vector, got " + describe(v);
                }
                return checkMatrix(e, m, Durations.parseMs(p[0]), Durations.parseMs(p[4]), Durations.parseMs(p[2]));
            }
        }
        if (v instanceof Scalar s) {
            if (e.results().size() != 1) {
                return "expected " + e.results().size() + " result lines, got scalar " + s.value();
            }
            SeriesNotation.Line line = SeriesNotation.parse(e.results().get(0));
            double want = line.values().get(0);
            return equal(want, s.value()) ? null : "expected scalar " + want + ", got " + s.value();
        }
        if (v instanceof Vector vec) {
            return checkVector(e, vec, ordered);
        }
        return "unexpected result type " + describe(v);
    }

    private static String checkVector(TestScript.Eval e, Vector vec, boolean ordered) {
        List<SeriesNotation.Line> want = new ArrayList<>();
        for (String l : e.results()) {
            want.add(SeriesNotation.parse(l));
        }
        if (want.size() != vec.size()) {
            return "expected " + want.size() + " series, got " + vec.size() + ": " + vec;
        }
        Map<Labels, Integer> index = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            index.put(want.get(i).labels(), i);
        }
        for (int i = 0; i < vec.size(); i++) {
            Integer k = index.get(vec.labels(i));
            if (k == null) {
                return "unexpected series " + vec.labels(i) + " in result " + vec;
            }
            if (ordered && k != i) {
                return "expected " + want.get(i).labels() + " at position " + i + ", got " + vec.labels(i);
            }
            double w = want.get(k).values().get(0);
            if (!equal(w, vec.value(i))) {
                return "series " + vec.labels(i) + ": expected " + w + ", got " + vec.value(i);
            }
        }
        return null;
    }

    private static String checkMatrix(TestScript.Eval e, Matrix m, long start, long step, long end) {
        Map<Labels, Series> actual = new HashMap<>();
        for (Series s : m.series()) {
            actual.put(s.labels(), s);
        }
        int expectedSeries = 0;
        for (String line : e.results()) {
            SeriesNotation.Line want = SeriesNotation.parse(line);
            Labels labels = want.labels() == null ? Labels.EMPTY : want.labels();
            List<Double> values = want.labels() == null ? want.values() : want.values();
            long wantPoints = values.stream().filter(x -> x != null).count();
            Series s = actual.get(labels);
            if (wantPoints == 0) {
                if (s != null) {
                    return "series " + labels + " should have no points, got " + s.size();
                }
                continue;
            }
            expectedSeries++;
            if (s == null) {
                return "missing series " + labels + " in result:\n" + m;
            }
            int k = 0;
            for (int i = 0; i < values.size(); i++) {
                Double w = values.get(i);
                if (w == null) {
                    continue;
                }
                long t = start + i * step;
                if (k >= s.size() || s.timestamp(k) != t) {
                    return "series " + labels + ": expected point " + w + " at " + t + ", got " + points(s);
                }
                if (!equal(w, s.value(k))) {
                    return "series " + labels + " at " + t + ": expected " + w + ", got " + s.value(k);
                }
                k++;
            }
            if (k != s.size()) {
                return "series " + labels + ": " + (s.size() - k) + " unexpected points: " + points(s);
            }
        }
        if (expectedSeries != m.series().size()) {
            return "expected " + expectedSeries + " series, got " + m.series().size() + ":\n" + m;
        }
        return null;
    }

    private static String points(Series s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.size(); i++) {
            b.append(i > 0 ? " " : "").append(s.value(i)).append('@').append(s.timestamp(i));
        }
        return b.append(']').toString();
    }

    private static String checkAnnotations(TestScript.Eval e, String type, List<String> actual) {
        if (!ofType(e.expectations(), "no_" + type).isEmpty() && !actual.isEmpty()) {
            return "expected no " + type + " annotations, got " + actual;
        }
        List<String> expects = ofType(e.expectations(), type);
        if (expects.isEmpty()) {
            return null;
        }
        for (String x : expects) {
            if (matchMessage(x, actual) != null) {
                return "no " + type + " annotation matches \"" + x + "\"; got " + actual;
            }
        }
        for (String a : actual) {
            boolean matched = false;
            for (String x : expects) {
                matched |= matchMessage(x, List.of(a)) == null;
            }
            if (!matched) {
                return "unexpected " + type + " annotation \"" + a + "\"";
            }
        }
        return null;
    }

    /** Null when some message satisfies the expect line (bare, {@code msg:} or {@code regex:}). */
    private static String matchMessage(String expect, List<String> messages) {
        String rest = expect.replaceFirst("^expect\\s+\\w+\\s*", "");
        if (rest.isEmpty()) {
            return messages.isEmpty() ? "none" : null;
        }
        if (rest.startsWith("msg:")) {
            String want = unquote(rest.substring(4).trim());
            return messages.stream().anyMatch(m -> m.equals(want)) ? null : "no match";
        }
        if (rest.startsWith("regex:")) {
            Pattern p = Pattern.compile(unquote(rest.substring(6).trim()));
            return messages.stream().anyMatch(m -> p.matcher(m).find()) ? null : "no match";
        }
        throw new IllegalArgumentException("cannot read expectation: " + expect);
    }

    static List<String> ofType(List<String> expectations, String type) {
        List<String> out = new ArrayList<>();
        for (String x : expectations) {
            String[] words = x.split("\\s+", 3);
            if (words.length >= 2
                    && words[0].equals("expect")
                    && words[1].replaceAll(":$", "").equals(type)) {
                out.add(x);
            }
        }
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("`") && s.endsWith("`")))) {
            String inner = s.substring(1, s.length() - 1);
            return s.startsWith("\"") ? inner.replace("\\\"", "\"").replace("\\\\", "\\") : inner;
        }
        return s;
    }

    private static String describe(Value v) {
        return v.typeName() + " " + v;
    }

    /** Prometheus's almost-equal: NaNs equal, otherwise within a relative error of 1e-6. */
    static boolean equal(double a, double b) {
        if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
            return true;
        }
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            return false;
        }
        double diff = Math.abs(a - b);
        double sum = Math.abs(a) + Math.abs(b);
        if (a == 0 || b == 0 || sum < Double.MIN_NORMAL) {
            return diff < EPSILON * Double.MIN_NORMAL;
        }
        return diff / Math.min(sum, Double.MAX_VALUE) < EPSILON;
    }
}
