package dev.vigil.ui.federate;

import java.math.BigDecimal;

/**
 * Formats a sample value as Prometheus's text exposition writer does (Go's {@code strconv.FormatFloat(v, 'g', -1,
 * 64)}): the shortest digits that read back as the same double, in exponent form ({@code 1.5e+06}) when the decimal
 * exponent is below -4 or at least 6, and {@code NaN}, {@code +Inf}, {@code -Inf}. Stateless.
 */
final class GoFloat {
    private GoFloat() {}

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (v < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            return out.append(magnitude).toString();
        }
        if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            return out.append(digits).toString();
        }
        int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            out.append(digits);
            for (int i = digits.length(); i < integerDigits; i++) {
                out.append('0');
            }
            return out.toString();
        }
        return out.append(digits, 0, integerDigits)
                .append('.')
                .append(digits, integerDigits, digits.length())
                .toString();
    }
}
