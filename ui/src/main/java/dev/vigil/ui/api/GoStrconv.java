package dev.vigil.ui.api;

import dev.vigil.promql.ast.Printer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of Go's {@code strconv} the API's parameter parsing relies on, with its accepted syntax and its error
 * texts, so that values and messages match Prometheus. Stateless.
 */
final class GoStrconv {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private GoStrconv() {}

    /**
     * Go's {@code strconv.ParseFloat(s, 64)}: decimal and hexadecimal floats, {@code inf}/{@code infinity}/{@code nan}
     * in any case with an optional sign. Returns {@code null} when Go would fail, including on overflow.
     */
    static Double parseFloat(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (!DECIMAL.matcher(s).matches() && !HEX.matcher(s).matches()) {
            return null;
        }
        double v = Double.parseDouble(s);
        return Double.isInfinite(v) ? null : v;
    }

    /** Go's {@code strconv.Atoi} with its error text, e.g. {@code strconv.Atoi: parsing "x": invalid syntax}. */
    static int atoi(String s) {
        if (!INTEGER.matcher(s).matches()) {
            throw new IllegalArgumentException("strconv.Atoi: parsing " + Printer.quote(s) + ": invalid syntax");
        }
        try {
            return Math.toIntExact(Long.parseLong(s));
        } catch (NumberFormatException | ArithmeticException e) {
            // Go's int is 64 bits; beyond that it is out of range there too, and beyond 32 bits it is for us.
            throw new IllegalArgumentException("strconv.Atoi: parsing " + Printer.quote(s) + ": value out of range");
        }
    }

    /** Go's {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
    static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default ->
                throw new IllegalArgumentException(
                        "strconv.ParseBool: parsing " + Printer.quote(s) + ": invalid syntax");
        };
    }
}
