package dev.vigil.promql.functions;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** Element-wise float functions of PromQL that Java's {@link Math} lacks or defines differently. */
public final class MathFunctions {
    private static final double LN2 = Math.log(2);

    private static final Map<String, DoubleUnaryOperator> UNARY = Map.ofEntries(
            Map.entry("abs", Math::abs),
            Map.entry("ceil", Math::ceil),
            Map.entry("floor", Math::floor),
            Map.entry("exp", Math::exp),
            Map.entry("sqrt", Math::sqrt),
            Map.entry("ln", Math::log),
            Map.entry("log2", v -> Math.log(v) / LN2),
            Map.entry("log10", Math::log10),
            Map.entry("sgn", MathFunctions::sgn),
            Map.entry("deg", v -> v * 180 / Math.PI),
            Map.entry("rad", v -> v * Math.PI / 180),
            Map.entry("sin", Math::sin),
            Map.entry("cos", Math::cos),
            Map.entry("tan", Math::tan),
            Map.entry("asin", Math::asin),
            Map.entry("acos", Math::acos),
            Map.entry("atan", Math::atan),
            Map.entry("sinh", Math::sinh),
            Map.entry("cosh", Math::cosh),
            Map.entry("tanh", Math::tanh),
            Map.entry("asinh", MathFunctions::asinh),
            Map.entry("acosh", MathFunctions::acosh),
            Map.entry("atanh", MathFunctions::atanh));

    private MathFunctions() {}

    /** The PromQL function of one float argument called {@code name} ({@code abs}, {@code ln}, ...), or null. */
    public static DoubleUnaryOperator unary(String name) {
        return UNARY.get(name);
    }

    public static double asinh(double x) {
        if (Double.isInfinite(x) || x == 0) {
            return x;
        }
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }

    public static double acosh(double x) {
        if (x < 1) {
            return Double.NaN;
        }
        return Math.log(x + Math.sqrt(x * x - 1));
    }

    public static double atanh(double x) {
        if (x < -1 || x > 1) {
            return Double.NaN;
        }
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** Rounds to the nearest multiple of {@code toNearest}, halves rounding up. */
    public static double round(double v, double toNearest) {
        double inverse = 1.0 / toNearest;
        return Math.floor(v * inverse + 0.5) / inverse;
    }

    public static double sgn(double v) {
        if (v < 0) {
            return -1;
        }
        if (v > 0) {
            return 1;
        }
        return v;
    }

    /**
     * Parses a float as Go's strconv.ParseFloat does for label values such as {@code le}: decimal or hex notation,
     * {@code Inf}/{@code +Inf}/{@code -Inf}/{@code NaN} in any case. Returns null if the text is not a float.
     */
    public static Double parseGoFloat(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        boolean negative = s.startsWith("-");
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || t.charAt(0) == '.')) {
            return null;
        }
        char last = t.charAt(t.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            return null;
        }
        try {
            if (lower.startsWith("0x")) {
                return Double.parseDouble(s.contains("p") || s.contains("P") ? s : s + "p0");
            }
            return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
