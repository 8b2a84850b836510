package dev.vigil.alerting.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Go's {@code fmt} formatting for the verbs templates use ({@code %v %s %d %f %e %g %q %x %X %t %c %o %b %%}) with
 * flags {@code + - # 0 space}, width and precision, and Go's float formatting rules (shortest representation,
 * exponent when the exponent is below -4 or at least the precision, two-digit exponents). Mismatched verbs print
 * like Go: {@code %!d(string=abc)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=3)}. Stateless.
 */
public final class GoFormat {
    private GoFormat() {}

    /** {@code fmt.Sprintf}. */
    public static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            Spec spec = new Spec();
            while (i < format.length() && "+-# 0".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i)) {
                    case '+' -> spec.plus = true;
                    case '-' -> spec.minus = true;
                    case '#' -> spec.sharp = true;
                    case ' ' -> spec.space = true;
                    default -> spec.zero = true;
                }
                i++;
            }
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > start) {
                spec.width = Integer.parseInt(format.substring(start, i));
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            out.append(formatOne(verb, spec, GoValues.normalize(args.get(argIndex++))));
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argIndex; k < args.size(); k++) {
                if (k > argIndex) {
                    out.append(", ");
                }
                Object extra = args.get(k);
                out.append(GoValues.typeName(extra)).append('=').append(GoValues.print(extra));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;
    }

    private static String formatOne(char verb, Spec spec, Object arg) {
        String body;
        boolean numeric = false;
        if (arg instanceof Long l) {
            numeric = true;
            body = switch (verb) {
                case 'v', 'd' -> signed(Long.toString(l), spec);
                case 'x' -> signed(hex(l, false, spec.sharp), spec);
                case 'X' -> signed(hex(l, true, spec.sharp), spec);
                case 'o' -> signed((l < 0 ? "-" : "") + Long.toOctalString(Math.abs(l)), spec);
                case 'b' -> signed((l < 0 ? "-" : "") + Long.toBinaryString(Math.abs(l)), spec);
                case 'c' -> new String(Character.toChars((int) (long) l));
                case 'q' -> quoteRune((int) (long) l);
                case 'e', 'E', 'f', 'F', 'g', 'G' -> bad(verb, arg);
                default -> bad(verb, arg);
            };
            if (verb == 'c' || verb == 'q') {
                numeric = false;
            }
        } else if (arg instanceof Double d) {
            numeric = true;
            body = switch (verb) {
                case 'v' -> signed(formatFloat(d, 'g', spec.precision), spec);
                case 'g', 'G' -> signed(formatFloat(d, verb, spec.precision), spec);
                case 'e', 'E', 'f', 'F' -> signed(formatFloat(d, verb, spec.precision < 0 ? 6 : spec.precision), spec);
                default -> bad(verb, arg);
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                numeric = false;
            }
        } else if (arg instanceof String s) {
            body = switch (verb) {
                case 'v', 's' -> spec.precision >= 0 ? truncate(s, spec.precision) : s;
                case 'q' -> spec.sharp && s.indexOf('`') < 0 ? "`" + s + "`" : quote(s);
                case 'x' -> hexString(s, false);
                case 'X' -> hexString(s, true);
                default -> bad(verb, arg);
            };
        } else if (arg instanceof Boolean b) {
            body = verb == 'v' || verb == 't' ? b.toString() : bad(verb, arg);
        } else if (arg == null) {
            body = verb == 'v' ? "<nil>" : "%!" + verb + "(<nil>)";
        } else if (arg == GoValues.NO_VALUE) {
            body = "<no value>";
        } else if (arg instanceof List<?> list && verb != 'v') {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < list.size(); k++) {
                if (k > 0) {
                    sb.append(' ');
                }
                sb.append(formatOne(verb, new Spec(), GoValues.normalize(list.get(k))));
            }
            body = sb.append(']').toString();
        } else {
            body = verb == 'v' || verb == 's' ? GoValues.print(arg) : bad(verb, arg);
        }
        return pad(body, spec, numeric);
    }

    private static String signed(String text, Spec spec) {
        if (!text.startsWith("-") && !text.startsWith("+")) {
            if (spec.plus) {
                return "+" + text;
            }
            if (spec.space) {
                return " " + text;
            }
        }
        return text;
    }

    private static String pad(String body, Spec spec, boolean numeric) {
        int length = body.codePointCount(0, body.length());
        if (spec.width <= length) {
            return body;
        }
        int missing = spec.width - length;
        if (spec.minus) {
            return body + " ".repeat(missing);
        }
        if (spec.zero && numeric) {
            int signLength = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
            return body.substring(0, signLength) + "0".repeat(missing) + body.substring(signLength);
        }
        return " ".repeat(missing) + body;
    }

    private static String truncate(String s, int runes) {
        if (s.codePointCount(0, s.length()) <= runes) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, runes));
    }

    private static String bad(char verb, Object arg) {
        return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg) + ")";
    }

    private static String hex(long v, boolean upper, boolean sharp) {
        String digits = Long.toHexString(Math.abs(v));
        if (v == Long.MIN_VALUE) {
            digits = "8000000000000000";
        }
        if (upper) {
            digits = digits.toUpperCase();
        }
        return (v < 0 ? "-" : "") + (sharp ? (upper ? "0X" : "0x") : "") + digits;
    }

    private static String hexString(String s, boolean upper) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format(upper ? "%02X" : "%02x", b & 0xff));
        }
        return out.toString();
    }

    /**
     * Formats a float like Go's {@code strconv.FormatFloat(v, fmt, prec, 64)} for fmt {@code e E f F g G}; a
     * negative precision means the shortest representation that reads back exactly (as {@code %v} does). NaN and
     * infinities print as {@code NaN}, {@code +Inf} and {@code -Inf}.
     */
    public static String formatFloat(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        double abs = Math.abs(v);
        String body =
                switch (fmt) {
                    case 'e', 'E' -> {
                        Digits d = prec < 0 ? Digits.shortest(abs) : Digits.significant(abs, prec + 1);
                        yield exponential(d, prec < 0 ? Math.max(d.digits.length() - 1, 0) : prec, fmt);
                    }
                    case 'f', 'F' -> {
                        Digits d = prec < 0 ? Digits.shortest(abs) : Digits.fixed(abs, prec);
                        yield fixed(d, prec < 0 ? Math.max(d.digits.length() - d.dp, 0) : prec);
                    }
                    default -> general(abs, prec, fmt == 'G' ? 'E' : 'e');
                };
        return negative ? "-" + body : body;
    }

    private static String general(double abs, int prec, char expChar) {
        boolean shortest = prec < 0;
        if (prec == 0) {
            prec = 1;
        }
        Digits d = shortest ? Digits.shortest(abs) : Digits.significant(abs, prec);
        int eprec = shortest ? 6 : prec;
        if (!shortest && eprec > d.digits.length() && d.digits.length() >= d.dp) {
            eprec = d.digits.length();
        }
        int exp = d.dp - 1;
        if (exp < -4 || exp >= eprec) {
            return exponential(d, Math.max(d.digits.length() - 1, 0), expChar);
        }
        return fixed(d, Math.max(d.digits.length() - d.dp, 0));
    }

    /** d.ddde±XX with {@code decimals} digits after the point. */
    private static String exponential(Digits d, int decimals, char expChar) {
        String digits = d.digits.isEmpty() ? "0" : d.digits;
        StringBuilder out = new StringBuilder();
        out.append(digits.charAt(0));
        if (decimals > 0) {
            out.append('.');
            for (int i = 1; i <= decimals; i++) {
                out.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        }
        int exp = d.digits.isEmpty() ? 0 : d.dp - 1;
        out.append(Character.isUpperCase(expChar) ? 'E' : 'e');
        out.append(exp < 0 ? '-' : '+');
        int absExp = Math.abs(exp);
        if (absExp < 10) {
            out.append('0');
        }
        out.append(absExp);
        return out.toString();
    }

    /** Fixed notation with {@code decimals} digits after the point. */
    private static String fixed(Digits d, int decimals) {
        StringBuilder out = new StringBuilder();
        if (d.dp <= 0) {
            out.append('0');
        } else {
            for (int i = 0; i < d.dp; i++) {
                out.append(i < d.digits.length() ? d.digits.charAt(i) : '0');
            }
        }
        if (decimals > 0) {
            out.append('.');
            for (int i = 0; i < decimals; i++) {
                int index = d.dp + i;
                out.append(index >= 0 && index < d.digits.length() ? d.digits.charAt(index) : '0');
            }
        }
        return out.toString();
    }

    /** Decimal digits without trailing zeros; the value is 0.digits × 10^dp. Zero has no digits. */
    private record Digits(String digits, int dp) {
        static Digits of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().abs().toString();
            return new Digits(digits, digits.length() - stripped.scale());
        }

        static Digits shortest(double abs) {
            return abs == 0 ? new Digits("", 0) : of(new BigDecimal(Double.toString(abs)));
        }

        static Digits significant(double abs, int count) {
            return of(new BigDecimal(abs).round(new MathContext(count, RoundingMode.HALF_EVEN)));
        }

        static Digits fixed(double abs, int decimals) {
            return of(new BigDecimal(abs).setScale(decimals, RoundingMode.HALF_EVEN));
        }
    }

    /** Go's {@code strconv.Quote}. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(out, cp, '"');
        }
        return out.append('"').toString();
    }

    /** Go's {@code strconv.QuoteRune} of a character. */
    static String quoteRune(int cp) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, cp, '\'');
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote) {
        switch (cp) {
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 11 -> out.append("\\v");
            case '\\' -> out.append("\\\\");
            default -> {
                if (cp == quote) {
                    out.append('\\').append(quote);
                } else if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                } else if (!isPrintable(cp)) {
                    out.append(cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return type != Character.CONTROL
                && type != Character.FORMAT
                && type != Character.UNASSIGNED
                && type != Character.SURROGATE
                && type != Character.PRIVATE_USE
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || cp == ' ');
    }

    /** Supplies the exception to throw for malformed input. */
    @FunctionalInterface
    interface ErrorSupplier {
        TemplateException get();
    }

    /** Go's {@code strconv.Unquote} for double- and single-quoted literals. */
    static String unquote(String literal, ErrorSupplier error) throws TemplateException {
        StringBuilder out = new StringBuilder();
        int end = literal.length() - 1;
        for (int i = 1; i < end; ) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw error.get();
            }
            char e = literal.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.append((char) 7);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append((char) 11);
                case '\\', '"', '\'' -> out.append(e);
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n > end) {
                        throw error.get();
                    }
                    try {
                        int cp = Integer.parseInt(literal.substring(i, i + n), 16);
                        if (e == 'x') {
                            out.append((char) cp);
                        } else {
                            out.appendCodePoint(cp);
                        }
                    } catch (IllegalArgumentException ex) {
                        throw error.get();
                    }
                    i += n;
                }
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 <= end) {
                        try {
                            out.append((char) Integer.parseInt(literal.substring(i - 1, i + 2), 8));
                        } catch (NumberFormatException ex) {
                            throw error.get();
                        }
                        i += 2;
                    } else {
                        throw error.get();
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code fmt.Sprint}: operands are separated by a space when neither side is a string. */
    public static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object arg = GoValues.normalize(args.get(i));
            if (i > 0 && !(arg instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(GoValues.print(arg));
        }
        return out.toString();
    }

    /** {@code fmt.Sprintln}: operands always separated by spaces, newline appended. */
    public static String sprintln(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(GoValues.print(args.get(i)));
        }
        return out.append('\n').toString();
    }
}
