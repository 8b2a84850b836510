package dev.vigil.model.textparse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Parses sample values with the syntax Prometheus accepts (Go's {@code strconv.ParseFloat} minus
 * underscores and hex floats, which Prometheus rejects as "unsupported character in float") and
 * formats floats the way Prometheus normalises {@code le}/{@code quantile} label values.
 *
 * <p>Accepted: optional sign, decimal digits with an optional point and exponent ({@code 1},
 * {@code -1.5e-3}, {@code .5}, {@code 5.}), and case-insensitive {@code Inf}, {@code Infinity}
 * (optionally signed) and {@code NaN} (unsigned). A finite literal beyond the double range is an
 * error, as in Go; underflow becomes zero.
 */
final class Floats {
    /** Prometheus's "normal" NaN; distinct from the stale marker and from Java's canonical NaN. */
    static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    private static final long[] LONG_POW10 = {
        1L,
        10L,
        100L,
        1000L,
        10000L,
        100000L,
        1000000L,
        10000000L,
        100000000L,
        1000000000L,
        10000000000L,
        100000000000L,
        1000000000000L,
        10000000000000L,
        100000000000000L,
        1000000000000000L
    };
    private static final long MAX_EXACT = 1L << 53;

    private Floats() {}

    /** A rejected number; carries only a message (thrown rarely, so no stack trace). */
    static final class BadNumber extends Exception {
        private static final long serialVersionUID = 1L;

        BadNumber(String message) {
            super(message, null, false, false);
        }
    }

    static double parse(byte[] b, int from, int to) throws BadNumber {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == to) {
            throw invalid(b, from, to);
        }
        byte first = b[i];
        if (first == 'i' || first == 'I' || first == 'n' || first == 'N') {
            return special(b, from, i, to, negative);
        }
        // Integers are the most common values (counts, bytes, zero): one tight loop, and a long
        // of up to 18 digits converts to the nearest double exactly as the general path would.
        int intStart = i;
        long whole = 0;
        while (i < to && i - intStart < 18) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            whole = whole * 10 + d;
            i++;
        }
        if (i == to && i > intStart) {
            return negative ? -(double) whole : (double) whole;
        }
        i = intStart;
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean truncated = false;
        boolean sawDigit = false;
        boolean sawPoint = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (digits < 19) {
                    if (mantissa != 0 || c != '0') {
                        mantissa = mantissa * 10 + (c - '0');
                        digits++;
                    }
                    if (sawPoint) {
                        exp10--;
                    }
                } else {
                    truncated |= c != '0';
                    if (!sawPoint) {
                        exp10++;
                    }
                }
            } else if (c == '.' && !sawPoint) {
                sawPoint = true;
            } else if ((c == 'e' || c == 'E') && sawDigit) {
                break;
            } else {
                throw invalid(b, from, to);
            }
        }
        if (!sawDigit) {
            throw invalid(b, from, to);
        }
        if (i < to) {
            i++; // the 'e'
            boolean negativeExp = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                negativeExp = b[i] == '-';
                i++;
            }
            if (i == to) {
                throw invalid(b, from, to);
            }
            int exp = 0;
            for (; i < to; i++) {
                int c = b[i];
                if (c < '0' || c > '9') {
                    throw invalid(b, from, to);
                }
                if (exp < 100_000) {
                    exp = exp * 10 + (c - '0');
                }
            }
            exp10 += negativeExp ? -exp : exp;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (!truncated && mantissa >= 0 && mantissa <= MAX_EXACT) {
            // Both operands are exact doubles, so one IEEE operation rounds correctly.
            double m = mantissa;
            if (exp10 >= 0 && exp10 <= 22) {
                double v = m * POW10[exp10];
                return negative ? -v : v;
            }
            if (exp10 < 0 && exp10 >= -22) {
                double v = m / POW10[-exp10];
                return negative ? -v : v;
            }
            if (exp10 > 22 && exp10 <= 22 + 15) {
                long scale = LONG_POW10[exp10 - 22];
                if (mantissa <= MAX_EXACT / scale) {
                    double v = (mantissa * scale) * 1e22;
                    return negative ? -v : v;
                }
            }
        }
        if (!truncated) {
            long bits = EiselLemire.toDoubleBits(mantissa, exp10);
            if (bits != EiselLemire.DECLINED) {
                double v = Double.longBitsToDouble(bits);
                return negative ? -v : v;
            }
        }
        double v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(v)) {
            throw new BadNumber("parsing " + Quote.go(b, from, to, 64) + ": value out of range");
        }
        return v;
    }

    private static double special(byte[] b, int from, int i, int to, boolean negative) throws BadNumber {
        int len = to - i;
        if ((len == 3 && equalsIgnoreCase(b, i, "inf")) || (len == 8 && equalsIgnoreCase(b, i, "infinity"))) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (len == 3 && i == from && equalsIgnoreCase(b, i, "nan")) {
            return NORMAL_NAN;
        }
        throw invalid(b, from, to);
    }

    private static boolean equalsIgnoreCase(byte[] b, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static BadNumber invalid(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '_' || b[i] == 'p' || b[i] == 'P') {
                return new BadNumber("unsupported character in float " + Quote.go(b, from, to, 64));
            }
        }
        return new BadNumber("parsing " + Quote.go(b, from, to, 64) + ": invalid syntax");
    }

    /**
     * Formats like Prometheus's {@code FormatOpenMetricsFloat}: Go's shortest {@code %g}, with
     * {@code .0} appended to integral values, so {@code le="1"} and {@code le="1.0"} name the same
     * bucket.
     */
    static String formatOpenMetrics(double f) {
        if (f == 1) {
            return "1.0";
        }
        if (f == 0) {
            return "0.0";
        }
        if (f == -1) {
            return "-1.0";
        }
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
        StringBuilder out = new StringBuilder(24);
        if (f < 0) {
            out.append('-');
        }
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append(exp < 0 ? "e-" : "e+");
            int a = Math.abs(exp);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
            return out.toString();
        }
        if (exp < 0) {
            out.append("0.");
            for (int k = -1; k > exp; k--) {
                out.append('0');
            }
            out.append(digits);
        } else if (digits.length() > exp + 1) {
            out.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        } else {
            out.append(digits);
            for (int k = digits.length(); k <= exp; k++) {
                out.append('0');
            }
            out.append(".0");
        }
        return out.toString();
    }
}
