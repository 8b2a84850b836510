package dev.vigil.promql.parser;

import dev.vigil.promql.ast.GoStrings;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes number, duration and string tokens following Prometheus's rules. Failures throw {@link
 * IllegalArgumentException} whose message is the Prometheus-style reason; callers add the position.
 */
final class Literals {
    /** Largest duration in seconds whose nanoseconds fit a signed 64-bit integer, as Prometheus requires. */
    static final double MAX_DURATION_SECONDS = Long.MAX_VALUE / 1e9;

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
    };

    private Literals() {}

    /**
     * Parses a number token: decimal, hexadecimal ({@code 0x}), octal (leading {@code 0}, as Go's base-0 integer
     * parsing), exponents, {@code _} digit separators, and case-insensitive {@code Inf}/{@code NaN}.
     */
    static double parseNumber(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        String digits = token.replace("_", "");
        if (lower.startsWith("0x")) {
            return new BigInteger(digits.substring(2), 16).doubleValue();
        }
        if (digits.length() > 1 && digits.charAt(0) == '0' && digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
            try {
                return Long.parseLong(digits, 8);
            } catch (NumberFormatException overflow) {
                // Go falls back to parsing the digits as a decimal float, and so do we.
            }
        }
        double value;
        try {
            value = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "error parsing number: strconv.ParseFloat: parsing " + quote(token) + ": invalid syntax", e);
        }
        if (Double.isInfinite(value)) {
            // Go's strconv error, which Prometheus's message carries.
            throw new IllegalArgumentException(
                    "error parsing number: strconv.ParseFloat: parsing " + quote(token) + ": value out of range");
        }
        return value;
    }

    /**
     * The part of a malformed number or duration token that Prometheus's lexer has read when it gives up, which its
     * "bad number or duration syntax" message quotes: {@code "0de"} for {@code 0deadbeef}, {@code "2.5."} for {@code
     * 2.5.}. Prometheus reads a number (digits, one dot, one exponent with a sign, underscores between digits, hex after
     * {@code 0x}), and where that stops short, the rest of a duration (a unit, optionally {@code ms}, then more
     * number-unit pairs) plus one character. The whole token when it reads all of it.
     */
    static String badNumberPrefix(String token) {
        NumberScan scan = new NumberScan(token);
        if (scan.number()) {
            return token;
        }
        scan.restOfDuration();
        return token.substring(0, Math.min(scan.pos, token.length()));
    }

    /** A cursor over a number token, reading the way Prometheus's lexer does. */
    private static final class NumberScan {
        private final String s;
        private int pos;

        NumberScan(String s) {
            this.s = s;
        }

        private boolean at(String chars) {
            return pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0;
        }

        private boolean take(String chars) {
            if (at(chars)) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        /** Reads a number; false where it cannot be one (then {@link #pos} is where reading stopped). */
        boolean number() {
            int start = pos;
            String digits = "0123456789";
            if (take("0") && take("xX")) {
                take("_");
                digits = "0123456789abcdefABCDEF";
            }
            take(".");
            take(digits);
            boolean dot = false;
            boolean exponent = false;
            while (at(digits + "._eE")) {
                if ((at(".") && dot) || (at("eE") && exponent)) {
                    pos++;
                    return false;
                }
                if (take(".")) {
                    dot = true;
                    if (take("_.") || digits.length() > 10) {
                        return false;
                    }
                    continue;
                }
                if (take("eE")) {
                    exponent = true;
                    take("+-");
                    if (take("._eE") || atEnd()) {
                        return false;
                    }
                    continue;
                }
                if (take("_")) {
                    if (take("._eE") || atEnd()) {
                        return false;
                    }
                    continue;
                }
                while (take(digits)) {
                    // a run of digits
                }
            }
            return pos != start && (atEnd() || !isAlphaNumeric(s.charAt(pos)));
        }

        private static boolean isAlphaNumeric(char c) {
            return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || Character.isDigit(c);
        }

        /** Reads on as the rest of a duration, and then one more character, as Prometheus does before it checks it. */
        void restOfDuration() {
            if (!take("smhdwy")) {
                return;
            }
            take("s");
            while (take("0123456789")) {
                while (take("0123456789")) {
                    // more digits
                }
                if (!take("smhdw")) {
                    return;
                }
                take("s");
            }
            pos++;
        }
    }

    /**
     * Parses a duration such as {@code 1h30m} into milliseconds. Units {@code y w d h m s ms} must appear at most
     * once each, from longest to shortest.
     */
    static long parseDurationMillis(String token) {
        long total = 0;
        int pos = 0;
        int lastUnit = -1;
        while (pos < token.length()) {
            int digitsStart = pos;
            while (pos < token.length() && Character.isDigit(token.charAt(pos))) {
                pos++;
            }
            int unitStart = pos;
            while (pos < token.length() && Character.isLetter(token.charAt(pos))) {
                pos++;
            }
            if (digitsStart == unitStart || unitStart == pos) {
                throw new IllegalArgumentException("not a valid duration string: " + quote(token));
            }
            String unit = token.substring(unitStart, pos);
            int unitIndex = unitIndex(unit);
            if (unitIndex < 0) {
                throw new IllegalArgumentException("unknown unit " + quote(unit) + " in duration " + quote(token));
            }
            if (unitIndex <= lastUnit) {
                throw new IllegalArgumentException("not a valid duration string: " + quote(token));
            }
            lastUnit = unitIndex;
            try {
                long n = Long.parseLong(token.substring(digitsStart, unitStart));
                total = Math.addExact(total, Math.multiplyExact(n, UNIT_MILLIS[unitIndex]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration out of range", e);
            }
        }
        return total;
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Unquotes a string token. Double- and single-quoted strings take Go's escapes ({@code \a \b \f \n \r \t \v
     * \\}, the enclosing quote, octal {@code \nnn}, {@code \xnn}, backslash-u with 4 and backslash-U with 8 hex digits); backtick
     * strings are raw. Octal and {@code \x} escapes denote bytes; bytes that do not form UTF-8 are kept as
     * {@link GoStrings} escapes, so that messages can quote them as Prometheus does.
     */
    static String unquote(String token) {
        char quote = token.charAt(0);
        String body = token.substring(1, token.length() - 1);
        if (quote == '`') {
            return body;
        }
        if (body.indexOf('\\') < 0) {
            return body;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != '\\') {
                writeUtf8(bytes, cp);
                continue;
            }
            if (i >= body.length()) {
                throw new IllegalArgumentException("escape sequence not terminated");
            }
            int esc = body.codePointAt(i);
            i += Character.charCount(esc);
            switch (esc) {
                case 'a':
                    bytes.write(0x07);
                    break;
                case 'b':
                    bytes.write('\b');
                    break;
                case 'f':
                    bytes.write('\f');
                    break;
                case 'n':
                    bytes.write('\n');
                    break;
                case 'r':
                    bytes.write('\r');
                    break;
                case 't':
                    bytes.write('\t');
                    break;
                case 'v':
                    bytes.write(0x0B);
                    break;
                case '\\':
                    bytes.write('\\');
                    break;
                case '0':
                case '1':
                case '2':
                case '3':
                case '4':
                case '5':
                case '6':
                case '7':
                    bytes.write((int) numericEscape(body, i - 1, 3, 8, 255));
                    i += 2;
                    break;
                case 'x':
                    bytes.write((int) numericEscape(body, i, 2, 16, 255));
                    i += 2;
                    break;
                case 'u':
                    writeUtf8(bytes, (int) numericEscape(body, i, 4, 16, Character.MAX_CODE_POINT));
                    i += 4;
                    break;
                case 'U':
                    writeUtf8(bytes, (int) numericEscape(body, i, 8, 16, Character.MAX_CODE_POINT));
                    i += 8;
                    break;
                default:
                    if (esc == quote) {
                        bytes.write(quote);
                        break;
                    }
                    throw new IllegalArgumentException("unknown escape sequence " + describeRune(esc));
            }
        }
        return GoStrings.decode(bytes.toByteArray(), bytes.size());
    }

    private static long numericEscape(String body, int start, int digits, int base, long max) {
        long value = 0;
        for (int k = 0; k < digits; k++) {
            if (start + k >= body.length()) {
                throw new IllegalArgumentException("escape sequence not terminated");
            }
            char c = body.charAt(start + k);
            int d = Character.digit(c, base);
            if (d < 0 || (c > 0x7f)) {
                throw new IllegalArgumentException("illegal character " + describeRune(c) + " in escape sequence");
            }
            value = value * base + d;
        }
        if (value > max || (value >= 0xD800 && value < 0xE000 && max > 255)) {
            throw new IllegalArgumentException("escape sequence is an invalid Unicode code point");
        }
        return value;
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(encoded, 0, encoded.length);
    }

    /** Formats a rune as Go's {@code %#U}: {@code U+0063 'c'}. */
    static String describeRune(int cp) {
        String hex = String.format(Locale.ROOT, "U+%04X", cp);
        return Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? hex
                : hex + " '" + new String(Character.toChars(cp)) + "'";
    }

    /** Go's {@code %q} of a string, as used in error messages. */
    static String quote(String s) {
        return dev.vigil.promql.ast.Printer.quote(s);
    }
}
