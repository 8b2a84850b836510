package dev.vigil.promql.functions;

import dev.vigil.promql.ast.GoStrings;
import java.math.BigDecimal;

/** Formats floats the way Prometheus prints them in label values and messages. Stateless. */
public final class FloatFormat {
    private FloatFormat() {}

    /**
     * The shortest decimal that reads back as {@code v}, without exponent ({@code 1000000}, {@code 0.001}), and
     * {@code NaN}, {@code +Inf}, {@code -Inf}: the form of {@code count_values} labels.
     */
    public static String plain(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Like Go's {@code %g}: shortest digits, with an exponent only for very small or large magnitudes. */
    public static String format(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            String digits = d.unscaledValue().abs().toString();
            StringBuilder out = new StringBuilder();
            if (v < 0) {
                out.append('-');
            }
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
        return d.toPlainString();
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return null;
    }

    /** A string in double quotes with Go's escapes, as in Prometheus's {@code %q}. */
    public static String goQuote(String s) {
        return GoStrings.quote(s);
    }
}
