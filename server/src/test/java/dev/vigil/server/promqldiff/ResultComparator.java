package dev.vigil.server.promqldiff;

import dev.vigil.server.promqldiff.ApiResult.Point;
import dev.vigil.server.promqldiff.ApiResult.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether two API answers say the same thing: both failed with the same error type, or both succeeded with
 * the same result type, the same series (by labels), the same timestamps and values equal within
 * {@value #RELATIVE_TOLERANCE} relative (NaN equals NaN, infinities only themselves). Series order matters only where
 * Prometheus defines it ({@code ordered}: the values must come in the same sequence; series with equal values may
 * swap). Error messages and annotations are not compared: wording differs between Prometheus versions, and 2.42 has
 * no PromQL annotations. Stateless.
 */
final class ResultComparator {
    static final double RELATIVE_TOLERANCE = 1e-6;

    private ResultComparator() {}

    /** Null when {@code vigil} matches {@code prometheus}, else a one-line reason. */
    static String difference(ApiResult vigil, ApiResult prometheus, boolean ordered) {
        if (vigil.failed() || prometheus.failed()) {
            if (vigil.failed() && prometheus.failed()) {
                return vigil.errorType().equals(prometheus.errorType())
                        ? null
                        : "error types differ: Vigil " + vigil.summary() + ", Prometheus " + prometheus.summary();
            }
            return "Vigil " + vigil.summary() + ", Prometheus " + prometheus.summary();
        }
        if (!vigil.resultType().equals(prometheus.resultType())) {
            return "result types differ: Vigil " + vigil.summary() + ", Prometheus " + prometheus.summary();
        }
        Map<String, Series> mine = byLabels(vigil);
        Map<String, Series> theirs = byLabels(prometheus);
        if (mine == null || theirs == null) {
            return "a label set appears twice: Vigil " + vigil.summary() + ", Prometheus " + prometheus.summary();
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        theirs.keySet().stream().filter(k -> !mine.containsKey(k)).forEach(missing::add);
        mine.keySet().stream().filter(k -> !theirs.containsKey(k)).forEach(extra::add);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            return "series differ: Vigil lacks " + firstFew(missing) + ", has extra " + firstFew(extra) + " (Vigil "
                    + mine.size() + ", Prometheus " + theirs.size() + ")";
        }
        for (Map.Entry<String, Series> e : theirs.entrySet()) {
            String pointDifference =
                    pointDifference(mine.get(e.getKey()).points(), e.getValue().points());
            if (pointDifference != null) {
                return e.getKey() + ": " + pointDifference;
            }
        }
        if (ordered) {
            for (int i = 0; i < vigil.series().size(); i++) {
                String v = vigil.series().get(i).points().get(0).value();
                String p = prometheus.series().get(i).points().get(0).value();
                if (!sameValue(v, p)) {
                    return "order differs at position " + i + ": Vigil "
                            + vigil.series().get(i).key() + " " + v + ", Prometheus "
                            + prometheus.series().get(i).key() + " " + p;
                }
            }
        }
        return null;
    }

    /** Whether two API value strings are equal within the tolerance. */
    static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        double x;
        double y;
        try {
            x = parse(a);
            y = parse(b);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y);
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return x == y;
        }
        return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }

    private static double parse(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String pointDifference(List<Point> mine, List<Point> theirs) {
        int n = Math.min(mine.size(), theirs.size());
        for (int i = 0; i < n; i++) {
            Point v = mine.get(i);
            Point p = theirs.get(i);
            if (v.timeMs() != p.timeMs()) {
                return "point " + i + " at different times: Vigil " + v + ", Prometheus " + p
                        + countNote(mine.size(), theirs.size());
            }
            if (!sameValue(v.value(), p.value())) {
                return "value at " + SyntheticMetrics.seconds(v.timeMs()) + ": Vigil " + v.value() + ", Prometheus "
                        + p.value() + countNote(mine.size(), theirs.size());
            }
        }
        if (mine.size() != theirs.size()) {
            List<Point> longer = mine.size() > theirs.size() ? mine : theirs;
            return (mine.size() > theirs.size() ? "Vigil" : "Prometheus") + " has "
                    + Math.abs(mine.size() - theirs.size()) + " more points, from " + longer.get(n)
                    + countNote(mine.size(), theirs.size());
        }
        return null;
    }

    private static String countNote(int mine, int theirs) {
        return mine == theirs ? "" : " (Vigil " + mine + " points, Prometheus " + theirs + ")";
    }

    /** The series by label set, or null when a label set appears twice. */
    private static Map<String, Series> byLabels(ApiResult result) {
        Map<String, Series> map = new LinkedHashMap<>();
        for (Series s : result.series()) {
            if (map.put(s.key(), s) != null) {
                return null;
            }
        }
        return map;
    }

    private static String firstFew(List<String> keys) {
        if (keys.isEmpty()) {
            return "none";
        }
        String shown = String.join(" ", keys.subList(0, Math.min(3, keys.size())));
        return keys.size() > 3 ? shown + " and " + (keys.size() - 3) + " more" : shown;
    }
}
